import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIALECTS, detectDialect, normalizeCall, toDialect } from '../../src/dialects/registry.js';
import { type Call, type CallQuality, rawRecord } from '../../src/model/call.js';
import { BadQueryError } from '../../src/model/errors/bad-query-error.js';
import { MalformedRecordError } from '../../src/model/errors/malformed-record-error.js';
import { UnsupportedQueryError } from '../../src/model/errors/unsupported-query-error.js';
import { type CallQuery, type TimeRange, resolveQuery } from '../../src/model/query.js';
import { CALL_STATUSES } from '../../src/model/status.js';
import { type DialectCase, valueAtPath } from './dialect-cases.js';
import { ISO_Z, LENIENT_DRIFT, REJECTED_DRIFT, type RawRecord, RFC_2822_UTC, loadFixtures } from './fixtures.js';

const TIME_FIELDS = [
  ['start_time', 'startTime'],
  ['end_time', 'endTime'],
  ['date_created', 'dateCreated'],
  ['date_updated', 'dateUpdated'],
] as const;

const SID_FIELDS = [
  ['sid', 'sid'],
  ['account_sid', 'accountSid'],
  ['parent_call_sid', 'parentCallSid'],
  ['phone_number_sid', 'phoneNumberSid'],
] as const;

const ADDRESS_FIELDS = [
  ['to', 'to'],
  ['from', 'from'],
  ['forwarded_from', 'forwardedFrom'],
] as const;

const absent = (value: unknown) => value === undefined || value === null;

// Every field of the Call interface, checked by the compiler both ways (none missing, none extra).
const CALL_KEYS = Object.keys({
  provider: 1, sid: 1, accountSid: 1, parentCallSid: 1, phoneNumberSid: 1, to: 1, toFormatted: 1, from: 1,
  fromFormatted: 1, forwardedFrom: 1, callerName: 1, status: 1, direction: 1, directionDetail: 1, answeredBy: 1,
  answeredByDetail: 1, startTime: 1, endTime: 1, dateCreated: 1, dateUpdated: 1, duration: 1, price: 1,
  priceUnit: 1, apiVersion: 1, groupSid: 1, quality: 1, providerFields: 1, uri: 1, subresourceUris: 1, extra: 1,
} satisfies Record<keyof Call, 1>).sort();

const QUALITY_KEYS = Object.keys({
  mos: 1, sipResultCode: 1, rttAvg: 1, rttMin: 1, rttMax: 1, jitterAvg: 1, jitterMin: 1, jitterMax: 1, packetsLost: 1,
} satisfies Record<keyof CallQuality, 1>).sort();

/** The same instant written as the canonical UTC ISO string, read with the platform's own parser. */
const isoOf = (rfc2822: string) => new Date(Date.parse(rfc2822)).toISOString().replace('.000Z', 'Z');

/** The behaviours every record of every dialect must show once normalized. */
function expectNormalized(c: DialectCase, raw: RawRecord, call: Call): void {
  expect(call.provider).toBe(c.provider);
  expect(rawRecord(call)).toBe(raw);
  // A plain object with every field set, null where the record has nothing.
  expect(Object.getPrototypeOf(call)).toBe(Object.prototype);
  expect(Object.keys(call).sort()).toEqual(CALL_KEYS);
  for (const key of CALL_KEYS) expect(call[key as keyof Call]).not.toBeUndefined();

  for (const [key, field] of SID_FIELDS) expect(call[field]).toBe(absent(raw[key]) ? null : raw[key]);

  for (const [key, field] of TIME_FIELDS) {
    const value = raw[key];
    if (absent(value)) {
      expect(call[field]).toBeNull();
      continue;
    }
    expect(call[field]).toMatch(ISO_Z);
    if (typeof value === 'string' && RFC_2822_UTC.test(value)) expect(call[field]).toBe(isoOf(value));
  }

  if (absent(raw.price)) {
    expect(call.price).toBeNull();
  } else {
    expect(call.price).toMatch(/^-?\d+(\.\d+)?$/);
    // A charge is positive in the canonical model, whatever the dialect's sign.
    expect(Number(call.price)).toBe(c.chargeSign * Number(raw.price));
  }

  if (absent(raw.duration)) {
    expect(call.duration).toBeNull();
  } else {
    expect(Number.isInteger(call.duration)).toBe(true);
    expect(call.duration).toBe(Number(raw.duration));
  }

  expect(CALL_STATUSES).toContain(call.status);
  expect(call.status).toBe(raw.status);
  if (absent(raw.direction)) {
    expect(call.direction).toBeNull();
  } else {
    expect(['inbound', 'outbound']).toContain(call.direction);
    expect(call.directionDetail).toBe(raw.direction);
  }
  if (absent(raw.answered_by)) {
    expect(call.answeredBy).toBeNull();
  } else {
    expect(['human', 'machine', 'fax', 'unknown']).toContain(call.answeredBy);
    expect(call.answeredByDetail).toBe(raw.answered_by);
  }

  for (const [key, field] of ADDRESS_FIELDS) {
    const value = raw[key];
    if (absent(value)) {
      expect(call[field]).toBeNull();
      continue;
    }
    const text = String(value);
    const kind = text.startsWith('sip:') ? 'sip' : text.startsWith('client:') ? 'client' : /^\+\d+$/.test(text) ? 'phone' : 'other';
    expect(call[field]).toMatchObject({ kind, value: text, e164: kind === 'phone' ? text : null });
  }
  const formatted = (a: string, b: string) => (absent(raw[a]) ? (absent(raw[b]) ? null : String(raw[b])) : String(raw[a]));
  expect(call.toFormatted).toBe(formatted('to_formatted', 'formatted_to'));
  expect(call.fromFormatted).toBe(formatted('from_formatted', 'formatted_from'));

  // Provider-only fields: in their group, every figure or field of the group set (null when absent).
  const quality = c.providerOnly.filter((f) => f.path.startsWith('quality.'));
  const own = c.providerOnly.filter((f) => f.path.startsWith(`providerFields.${c.provider}.`));
  const reported = quality.some((f) => !absent(raw[f.raw]));
  if (!reported) expect(call.quality).toBeNull();
  else expect(Object.keys(call.quality!).sort()).toEqual(QUALITY_KEYS);
  // Only the reading provider's group, with every field it declares.
  expect(Object.keys(call.providerFields)).toEqual(own.length === 0 ? [] : [c.provider]);
  if (own.length > 0) expect(Object.keys(call.providerFields[c.provider]!).sort()).toEqual(own.map((f) => f.path.split('.')[2]).sort());
  for (const { raw: key, path, kind } of c.providerOnly) {
    const value = raw[key];
    if (path.startsWith('quality.') && !reported) continue;
    expect(valueAtPath(call, path)).toBe(absent(value) ? null : kind === 'number' ? Number(value) : String(value));
  }
  // A Call is plain JSON.
  expect(JSON.parse(JSON.stringify(call))).toEqual(JSON.parse(JSON.stringify({ ...call })));

  expect(call.uri).toBe(absent(raw.uri) ? null : raw.uri);
  const undocumented = Object.fromEntries(Object.entries(raw).filter(([key]) => !c.documentedKeys.includes(key)));
  expect(call.extra).toEqual(undocumented);
}

/** A Call as plain data, without the raw record it keeps. */
const plain = (call: Call): unknown => JSON.parse(JSON.stringify(call));

/**
 * The contract every dialect passes, run by each provider's own test file with
 * its own fixtures (fixtures/<provider>/) and the facts of its case. The
 * assertions are the same for every dialect; the case is only data.
 */
export function runDialectContract(c: DialectCase): void {
  describe(`${c.provider} dialect contract`, () => {
    const fx = loadFixtures(c.provider);
    const dialect = DIALECTS[c.provider];
    const lenient = LENIENT_DRIFT.map((name) => [name, fx.drift(name)] as const);
    const firstSid = fx.records[0]!.sid as string;

    describe('fixtures', () => {
      it('has documented records in every page and a single record', () => {
        expect((fx.listPage.calls as unknown[]).length).toBeGreaterThan(1);
        expect((fx.lastPage.calls as unknown[]).length).toBeGreaterThan(0);
        expect(c.expectations.map(([sid]) => sid)).toEqual(fx.records.map((r) => r.sid));
      });

      it('reads list pages: records in order, next page link, none on the last page', () => {
        const first = dialect.readPage(fx.listPage);
        expect(first.records).toEqual(fx.listPage.calls);
        expect(first.nextPageUri).toBe(fx.listPage.next_page_uri);
        expect(first.nextPageUri).toEqual(expect.any(String));
        const last = dialect.readPage(fx.lastPage);
        expect(last.records).toEqual(fx.lastPage.calls);
        expect(last.nextPageUri).toBeNull();
      });

      it('has paging links under the account path of the dialect', () => {
        for (const page of [fx.listPage, fx.lastPage]) {
          // Telnyx's links name `Calls.json` where its documented path is `Calls`.
          expect(page.uri).toEqual(expect.stringMatching(new RegExp(`^${dialect.callsPath(c.account).replace(/[.?]/g, '\\$&')}(\\.json)?\\?`)));
          for (const key of ['first_page_uri', 'next_page_uri', 'previous_page_uri']) {
            if (absent(page[key])) continue;
            expect(dialect.accountPaths(c.account).some((prefix) => (page[key] as string).startsWith(`${prefix}/`))).toBe(true);
          }
        }
      });
    });

    describe('normalization', () => {
      it.each(fx.records.map((raw) => [raw.sid as string, raw] as const))('reads %s', (_sid, raw) => {
        expectNormalized(c, raw, normalizeCall(raw));
      });

      it.each(c.expectations)('reads %s as documented', (sid, expected) => {
        const raw = fx.records.find((r) => r.sid === sid)!;
        expect(normalizeCall(raw)).toMatchObject(expected);
      });

      it.each(lenient)('reads drift leniently: %s', (name, raw) => {
        const call = normalizeCall(raw);
        expectNormalized(c, raw, call);
        expect(call).toMatchObject(c.drift[name]!);
      });

      it('reads absent documented fields as null', () => {
        const raw = fx.drift('missing-fields');
        const call = normalizeCall(raw);
        const absentFields = [
          'parentCallSid', 'phoneNumberSid', 'toFormatted', 'fromFormatted', 'forwardedFrom', 'callerName', 'answeredBy',
          'answeredByDetail', 'startTime', 'endTime', 'dateUpdated', 'duration', 'price', 'priceUnit', 'apiVersion',
          'uri', 'subresourceUris',
        ] as const;
        for (const field of absentFields) expect(call[field]).toBeNull();
        expect(call.extra).toEqual({});
      });

      it.each(REJECTED_DRIFT)('rejects drift it cannot read: %s', (name) => {
        const raw = fx.drift(name);
        const error = (() => {
          try {
            normalizeCall(raw);
          } catch (e) {
            return e;
          }
          return undefined;
        })();
        expect(error).toBeInstanceOf(MalformedRecordError);
        expect(error).toMatchObject({ record: raw.sid, field: c.rejectedField[name], value: raw[c.rejectedField[name]] });
      });

      it('reads each time on its own, whichever of a record\'s times share their text', () => {
        // The reader reads a time that repeats an earlier one's text once (a creation is mostly the start).
        const texts = ['Wed, 19 Sep 2018 20:00:00 +0000', 'Wed, 19 Sep 2018 20:00:07 +0000', 'Wed, 19 Sep 2018 20:00:07 GMT', '', null, undefined];
        const expected = (text: string | null | undefined) => (text === undefined || text === null || text === '' ? null : new Date(text).toISOString().replace('.000Z', 'Z'));
        const base = fx.records[0]!;
        for (const a of texts) for (const b of texts) for (const d of texts) for (const e of texts) {
          const raw: RawRecord = { ...base };
          TIME_FIELDS.forEach(([key], i) => {
            const text = [a, b, d, e][i];
            if (text === undefined) delete raw[key];
            else raw[key] = text;
          });
          const call = normalizeCall(raw);
          for (const [key, field] of TIME_FIELDS) expect(call[field], `${key}: ${String(raw[key])}`).toBe(expected(raw[key] as string | null | undefined));
        }
      });

      it('names the position of a record whose sid cannot be read', () => {
        const { sid: _sid, ...raw } = fx.records[0]!;
        expect(() => dialect.toCall(raw, 'line 7')).toThrow(expect.objectContaining({ record: 'line 7', field: 'sid' }));
      });
    });

    describe('detection', () => {
      it.each([...fx.records.map((r) => [r.sid as string, r] as const), ...lenient])('detects %s', (_name, raw) => {
        expect(detectDialect(raw)).toBe(c.provider);
      });

      it('reads a record in the dialect it is told, overriding detection', () => {
        for (const raw of fx.records) {
          const call = normalizeCall(raw, { dialect: c.other });
          expect(call.provider).toBe(c.other);
          expect(call.sid).toBe(raw.sid);
          if (!absent(raw.price)) expect(Number(call.price)).toBe(c.otherChargeSign * Number(raw.price));
        }
      });
    });

    describe('writing', () => {
      const strict = [
        ...fx.records.filter((r) => !c.looseRecords.includes(r.sid as string)).map((r) => [r.sid as string, r] as const),
        ['uri-without-json', fx.drift('uri-without-json')] as const,
        ['undocumented-field', fx.drift('undocumented-field')] as const,
      ];

      it.each(c.looseRecords)('writes the loosely written record %s in the strict form instead', (sid) => {
        const raw = fx.records.find((r) => r.sid === sid);
        expect(raw).toBeDefined();
        expect(toDialect(normalizeCall(raw!), c.provider)).not.toStrictEqual(raw);
      });

      it.each(strict)('writes %s back exactly as read: raw -> Call -> raw', (_name, raw) => {
        expect(toDialect(normalizeCall(raw), c.provider)).toStrictEqual(raw);
      });

      it.each([...fx.records.map((r) => [r.sid as string, r] as const), ...lenient])(
        'writes %s with documented types and reads it back unchanged',
        (_name, raw) => {
          const call = normalizeCall(raw);
          const written = toDialect(call, c.provider);
          for (const key of c.documentedKeys) expect(written).toHaveProperty(key);
          for (const [key] of TIME_FIELDS) if (written[key] !== null) expect(written[key]).toMatch(RFC_2822_UTC);
          if (written.price !== null) expect(typeof written.price).toBe(c.writes.price);
          if (written.duration !== null) expect(typeof written.duration).toBe(c.writes.duration);
          expect(plain(normalizeCall(written))).toEqual(plain(call));
        },
      );
    });

    describe('list plans', () => {
      const plan = (query: CallQuery) => dialect.toListPlan(resolveQuery(query), c.account);
      const paramsOf = (query: CallQuery) => plan(query).requests.map((r) => r.searchParams);

      it('asks for the calls path with the page size and nothing else for an empty query', () => {
        const { requests, filter } = plan({ pageSize: 20 });
        expect(requests).toEqual([{ path: dialect.callsPath(c.account), searchParams: [['PageSize', '20']] }]);
        expect(filter(normalizeCall(fx.records[0]!))).toBe(true);
      });

      it('sends to/from as people type them in E.164, and sip:/client: addresses verbatim', () => {
        expect(paramsOf({ to: '(310) 567-8901', from: '+1 213 555 0167' })[0]).toEqual(
          expect.arrayContaining([['To', '+13105678901'], ['From', '+12135550167']]),
        );
        expect(paramsOf({ to: 'sip:frontdesk@pbx.example.com', from: 'client:reception-7' })[0]).toEqual(
          expect.arrayContaining([['To', 'sip:frontdesk@pbx.example.com'], ['From', 'client:reception-7']]),
        );
        const uk = dialect.toListPlan(resolveQuery({ to: '020 7183 8750' }, { defaultCountry: 'GB' }), c.account);
        expect(uk.requests[0]!.searchParams).toContainEqual(['To', '+442071838750']);
      });

      it('sends one request per status, the other params the same in each', () => {
        const statuses = ['completed', 'busy', 'canceled'] as const;
        const base = paramsOf({ to: '+13105678901', startedAt: { from: '2024-03-05T00:00:00Z' } })[0]!;
        const each = paramsOf({ to: '+13105678901', startedAt: { from: '2024-03-05T00:00:00Z' }, status: [...statuses] });
        expect(each).toHaveLength(statuses.length);
        each.forEach((params, i) => {
          expect(params.filter(([key]) => key === 'Status')).toEqual([['Status', statuses[i]]]);
          expect(params.filter(([key]) => key !== 'Status')).toEqual(base);
        });
        expect(paramsOf({ status: ['busy', 'busy'] })).toHaveLength(1);
      });

      it.each(CALL_STATUSES)('selects status %s, or refuses it with UnsupportedQueryError when the dialect lacks it', (status) => {
        if (c.clientStatuses.includes(status)) {
          // Not a value of the dialect's Status filter: every call is listed and the status selected on the client, exactly.
          const { requests, filter } = plan({ status: ['completed', status] });
          expect(requests.map((r) => r.searchParams)).toEqual([[['PageSize', '50']]]);
          const call = normalizeCall(fx.records[0]!);
          for (const other of CALL_STATUSES) expect(filter({ ...call, status: other }), other).toBe(other === 'completed' || other === status);
        } else if (c.lacksStatuses.includes(status)) {
          expect(() => plan({ status })).toThrow(UnsupportedQueryError);
          expect(() => plan({ status })).toThrow(expect.objectContaining({ provider: c.provider, gap: expect.stringContaining(status) }));
          // Never a partial answer for a list that holds it.
          expect(() => plan({ status: ['completed', status] })).toThrow(UnsupportedQueryError);
        } else {
          expect(paramsOf({ status })).toEqual([[['PageSize', '50'], ['Status', status]]]);
        }
      });

      it.each(c.goodSids)('accepts the call sid %s', (input, sent) => {
        expect(dialect.requestSid(input)).toBe(sent);
        if (c.parentFilter) expect(paramsOf({ parentCallSid: input })[0]).toContainEqual(['ParentCallSid', sent]);
        else expect(() => plan({ parentCallSid: input })).toThrow(expect.objectContaining({ name: 'UnsupportedQueryError', provider: c.provider }));
      });

      it.each(c.wrongSids)('refuses the call sid %j with BadQueryError', (sid) => {
        expect(() => dialect.requestSid(sid)).toThrow(BadQueryError);
        expect(() => dialect.requestSid(sid)).toThrow(expect.objectContaining({ field: 'sid' }));
        if (c.parentFilter) expect(() => plan({ parentCallSid: sid })).toThrow(expect.objectContaining({ name: 'BadQueryError', field: 'parentCallSid' }));
      });

      describe.each([
        ['startedAt', 'StartTime'],
        ['endedAt', 'EndTime'],
      ] as const)('%s -> %s', (field, key) => {
        // Whole-millisecond instants from 1990 to 2100.
        const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) });
        const range = fc
          .record({
            a: instant,
            b: instant,
            fromInclusive: fc.boolean(),
            toInclusive: fc.boolean(),
            openStart: fc.boolean(),
            openEnd: fc.boolean(),
            k: fc.double({ min: 0, max: 1, noNaN: true }),
          })
          .map(({ a, b, ...rest }) => ({ lo: Math.min(a, b), hi: Math.max(a, b), ...rest }))
          .filter(({ lo, hi, fromInclusive, toInclusive, openStart, openEnd }) =>
            openStart || openEnd || lo < hi || (lo === hi && fromInclusive && toInclusive));

        const timeRange = (r: { lo: number; hi: number; fromInclusive: boolean; toInclusive: boolean; openStart: boolean; openEnd: boolean }): TimeRange => ({
          ...(r.openStart ? {} : { from: new Date(r.lo) }),
          ...(r.openEnd ? {} : { to: new Date(r.hi) }),
          fromInclusive: r.fromInclusive,
          toInclusive: r.toInclusive,
        });

        /** Exact membership, written out here rather than taken from the code under test. */
        const inside = (ms: number, r: { lo: number; hi: number; fromInclusive: boolean; toInclusive: boolean; openStart: boolean; openEnd: boolean }) =>
          (r.openStart || (r.fromInclusive ? ms >= r.lo : ms > r.lo)) && (r.openEnd || (r.toInclusive ? ms <= r.hi : ms < r.hi));

        it('sends server bounds never narrower than the exact interval, under strict and inclusive readings', () => {
          fc.assert(
            fc.property(range, (r) => {
              const [params] = paramsOf({ [field]: timeRange(r) });
              const after = params!.filter(([k]) => k === `${key}>`);
              const before = params!.filter(([k]) => k === `${key}<`);
              // On the wire `>=` is the key `>` with a value; keys ending in `=` do not exist.
              expect(params!.some(([k]) => k.endsWith('='))).toBe(false);
              expect(after).toHaveLength(r.openStart ? 0 : 1);
              expect(before).toHaveLength(r.openEnd ? 0 : 1);
              const readings = [...after.map(([, v]) => c.readBound('>', v)), ...before.map(([, v]) => c.readBound('<', v))];
              for (const [, value] of [...after, ...before]) expect(value).toMatch(c.boundFormat);

              const span = r.hi - r.lo;
              const candidates = [r.lo, r.lo + 1, r.lo + Math.floor(span * r.k), r.hi - 1, r.hi, r.lo - 86_400_000, r.hi + 86_400_000];
              for (const ms of candidates.filter((t) => inside(t, r))) {
                for (const reading of readings) {
                  expect(reading.inclusive(ms), `${new Date(ms).toISOString()} inclusive`).toBe(true);
                  expect(reading.strict(ms), `${new Date(ms).toISOString()} strict`).toBe(true);
                }
              }
            }),
            { numRuns: 1000 },
          );
        });

        it('applies the exact interval on the client, to the second', () => {
          const callField = field === 'startedAt' ? 'startTime' : 'endTime';
          const base = normalizeCall(fx.records[0]!);
          fc.assert(
            fc.property(range, fc.integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }), (r, seconds) => {
              const { filter } = plan({ [field]: timeRange(r) });
              const at = seconds * 1000;
              const iso = new Date(at).toISOString().replace('.000Z', 'Z');
              expect(filter({ ...base, [callField]: iso })).toBe(inside(at, r));
              // Bounds themselves, with each inclusivity.
              for (const edge of [r.lo, r.hi]) {
                const whole = Math.floor(edge / 1000) * 1000;
                const edgeIso = new Date(whole).toISOString().replace('.000Z', 'Z');
                expect(filter({ ...base, [callField]: edgeIso })).toBe(inside(whole, r));
              }
            }),
            { numRuns: 500 },
          );
        });

        it('keeps out calls without that time when it is bounded', () => {
          const base = normalizeCall(fx.records[0]!);
          const callField = field === 'startedAt' ? 'startTime' : 'endTime';
          expect(plan({ [field]: { from: '2000-01-01T00:00:00Z' } }).filter({ ...base, [callField]: null })).toBe(false);
          expect(plan({}).filter({ ...base, [callField]: null })).toBe(true);
        });
      });

      it('applies inclusivity exactly at a call\'s own start time', () => {
        const call = normalizeCall(fx.records.find((r) => r.sid === firstSid)!);
        const t = call.startTime!;
        const second = (ms: number) => new Date(Date.parse(t) + ms).toISOString();
        const keeps = (range: TimeRange) => plan({ startedAt: range }).filter(call);
        expect(keeps({ from: t })).toBe(true);
        expect(keeps({ from: t, fromInclusive: false })).toBe(false);
        expect(keeps({ from: second(-1000), to: t })).toBe(false);
        expect(keeps({ from: second(-1000), to: t, toInclusive: true })).toBe(true);
        expect(keeps({ from: second(1) })).toBe(false);
        expect(keeps({ to: second(1) })).toBe(true);
        expect(keeps({ from: t, to: t, toInclusive: true })).toBe(true);
      });

      it('turns a calendar day into its server bounds and exact filter', () => {
        const call = normalizeCall(fx.records.find((r) => r.sid === firstSid)!);
        const day = call.startTime!.slice(0, 10);
        expect(plan({ startedOn: { date: day } }).filter(call)).toBe(true);
        const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        expect(plan({ startedOn: { date: next } }).filter(call)).toBe(false);
      });
    });
  });
}
