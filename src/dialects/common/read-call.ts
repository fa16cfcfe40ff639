import { answeredByOf } from '../../model/answered-by.js';
import { type Call, type CallQuality, type CallWithRaw, RAW } from '../../model/call.js';
import { directionOf } from '../../model/direction.js';
import { MalformedRecordError } from '../../model/errors/malformed-record-error.js';
import { type CallStatus, isCallStatus } from '../../model/status.js';
import { ExtraFields } from './extra-fields.js';
import type { CoreTarget, FieldEntry, FieldTable } from './field-table.js';

/** A short rendering of a value for an error message; never walks a deep structure. */
function preview(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (Array.isArray(value)) return 'an array';
  return value === null || typeof value !== 'object' ? String(value) : 'an object';
}

/**
 * Every field of a Call in the order a reader sets them (which is also the
 * order of a canonical record's keys), and how: `core` from the table entries
 * that target it, `derived` from another field, `given` by the caller.
 * Typed by Call's keys, so a field added to the model must be placed here.
 */
const CALL_ORDER = {
  provider: 'given', sid: 'given', accountSid: 'core', parentCallSid: 'core', phoneNumberSid: 'core', to: 'core',
  toFormatted: 'core', from: 'core', fromFormatted: 'core', forwardedFrom: 'core', callerName: 'core', status: 'given',
  direction: 'derived', directionDetail: 'core', answeredBy: 'derived', answeredByDetail: 'core', startTime: 'core',
  endTime: 'core', dateCreated: 'core', dateUpdated: 'core', duration: 'core', price: 'core', priceUnit: 'core',
  apiVersion: 'core', groupSid: 'core', quality: 'group', providerFields: 'group', uri: 'core', subresourceUris: 'core',
  extra: 'given',
} as const satisfies Record<keyof Call, 'given' | 'core' | 'derived' | 'group'>;

/** The figures of a CallQuality, in order; typed so that a figure added to the model must be named here. */
const QUALITY_ORDER = Object.keys({
  mos: 1, sipResultCode: 1, rttAvg: 1, rttMin: 1, rttMax: 1, jitterAvg: 1, jitterMin: 1, jitterMax: 1, packetsLost: 1,
} satisfies Record<keyof CallQuality, 1>) as Array<keyof CallQuality>;

/**
 * Fields whose wire value is often the very text of an earlier field of the
 * same record (a call is mostly created when it starts): when both are read
 * by one entry each with the same reader, the later is read only when its
 * value differs. Readers are functions of the value, so the result is the same.
 */
const SAME_VALUE_AS: Partial<Record<CoreTarget, CoreTarget>> = { dateCreated: 'startTime', dateUpdated: 'endTime' };

/** A record that was checked to be an object with a sid and a status. */
type CallConstructor = new (raw: Record<string, unknown>, sid: string, status: CallStatus) => CallWithRaw;

/**
 * Generates a dialect's reader from its field table, once: the source of a
 * constructor that reads every field with a plain property access and assigns
 * it, straight-line, exactly as hand-written code would (a loop over the table
 * would make every read and store a keyed, megamorphic access: several times
 * slower on the hot path of `normalizeCall`). Names in the source come from
 * the table and the model only, never from input.
 *
 * The Call is built with `new` rather than as an object literal. V8 moves an
 * object literal's allocations straight to the old generation once most of
 * them outlive a young-generation collection, as the Calls of a page do; old
 * Calls pointing at young strings (times, prices) then make every collection
 * slow. Objects built by a constructor are not moved that way (normalizing a
 * page measured 1.5 times faster). Its prototype is Object.prototype: a Call is
 * still a plain object. `quality` is built by a constructor for the same reason;
 * `providerFields` is one nested object literal with every key written out, one
 * allocation in place of two constructor calls.
 */
function compileReader(table: FieldTable): CallConstructor {
  const scope: unknown[] = [];
  const ref = (value: unknown) => `s${scope.push(value) - 1}`;
  const str = (text: string) => JSON.stringify(text);
  const readValue = (entry: FieldEntry, value: string) => `${ref(entry.read)}(${value}, ${str(entry.key)}, sid)`;
  const readOf = (entry: FieldEntry) => readValue(entry, `raw[${str(entry.key)}]`);
  const exprOf = (entries: readonly FieldEntry[]) => (entries.length === 0 ? 'null' : entries.map(readOf).join(' ?? '));
  const targeting = (to: string) => {
    const entries = table.entries.filter((e) => e.to === to && e.key !== 'sid' && e.key !== 'status');
    return [...entries.filter((e) => !e.alias), ...entries.filter((e) => e.alias)];
  };

  const lines: string[] = [];
  // Core fields read into locals by coreValue: their reader, and the locals of their wire value and result.
  const single = new Map<CoreTarget, { read: FieldEntry['read']; value: string; result: string }>();
  const set = (field: string, expr: string) => lines.push(`this[${str(field)}] = ${expr};`);
  // Read first, as the hand-written reader did, so that their errors come first.
  lines.push(`const d = ${exprOf(targeting('directionDetail'))};`, `const a = ${exprOf(targeting('answeredByDetail'))};`);
  for (const [field, how] of Object.entries(CALL_ORDER)) {
    if (field === 'provider') set(field, str(table.provider));
    else if (field === 'sid' || field === 'status') set(field, field);
    else if (field === 'extra') set(field, `${ref(new ExtraFields(table.keys))}.of(raw)`);
    else if (field === 'direction') set(field, `d === null ? null : ${ref(directionOf)}(d)`);
    else if (field === 'directionDetail') set(field, 'd');
    else if (field === 'answeredBy') set(field, `a === null || a === '' ? null : ${ref(answeredByOf)}(a)`);
    else if (field === 'answeredByDetail') set(field, 'a');
    else if (field === 'quality') set(field, group(QUALITY_ORDER.map((figure) => `quality.${figure}`), 'null', (values) => `new ${ref(constructorOf(QUALITY_ORDER))}(${values.join(', ')})`));
    else if (field === 'providerFields') {
      const own = table.entries.filter((e) => e.to.startsWith('providerFields.'));
      const names = [...new Set(own.map((e) => e.to.slice(15)))];
      // A record with none of them shares one frozen group: no allocation.
      const none = Object.freeze(names.length === 0 ? {} : { [table.provider]: Object.freeze(Object.fromEntries(names.map((name) => [name, null]))) });
      const literal = (values: readonly string[]) => `{ ${str(table.provider)}: { ${names.map((name, i) => `${str(name)}: ${values[i]}`).join(', ')} } }`;
      set(field, group(names.map((name) => `providerFields.${name}`), ref(none), literal));
    } else if (how === 'core') set(field, coreValue(field as CoreTarget));
  }
  lines.push(`this[${ref(RAW)}] = raw;`);

  /** The expression of a core field; a field of SAME_VALUE_AS, or one named there, is read into locals. */
  function coreValue(field: CoreTarget): string {
    const entries = targeting(field);
    const entry = entries[0];
    const earlier = SAME_VALUE_AS[field];
    const partner = earlier === undefined ? undefined : single.get(earlier);
    const named = Object.values(SAME_VALUE_AS).includes(field);
    if (entry === undefined || entries.length > 1 || (!named && partner?.read !== entry.read)) return exprOf(entries);
    const value = `r${lines.length}`;
    lines.push(`const ${value} = raw[${str(entry.key)}];`);
    const read = partner?.read === entry.read ? `${value} === ${partner.value} ? ${partner.result} : ${readValue(entry, value)}` : readValue(entry, value);
    lines.push(`const ${value}v = ${read};`);
    single.set(field, { read: entry.read, value, result: `${value}v` });
    return `${value}v`;
  }

  /** Reads a group's targets into locals; `none` when all are null, else `build` of them. */
  function group(targets: readonly string[], none: string, build: (values: readonly string[]) => string): string {
    const locals = targets.map((to) => {
      const name = `v${lines.length}`;
      lines.push(`const ${name} = ${exprOf(targeting(to))};`);
      return name;
    });
    return locals.length === 0 ? none : `${locals.map((v) => `${v} === null`).join(' && ')} ? ${none} : ${build(locals)}`;
  }

  const source = `"use strict";\nreturn function CallRecord(raw, sid, status) {\n${lines.join('\n')}\n};`;
  const CallRecord = new Function(...scope.map((_, i) => `s${i}`), source)(...scope) as CallConstructor;
  CallRecord.prototype = Object.prototype;
  return CallRecord;
}

/** A constructor of plain objects with `fields`, in order. */
function constructorOf(fields: readonly string[]): new (...values: unknown[]) => Record<string, unknown> {
  const body = fields.map((f, i) => `this[${JSON.stringify(f)}] = v${i};`).join('\n');
  const Plain = new Function(...fields.map((_, i) => `v${i}`), `"use strict";\n${body}`) as new (...values: unknown[]) => Record<string, unknown>;
  Plain.prototype = Object.prototype;
  return Plain;
}

/** Reads one raw record into a Call; `position` names the record in errors when its sid cannot be read. */
export type CallReader = (input: unknown, position?: string) => CallWithRaw;

/**
 * Creates the reader of a Twilio-family dialect from its field table. It
 * throws {@link MalformedRecordError} naming the record and the field when a
 * record is not an object, lacks a sid or a status, or has a field its reader
 * cannot read at all. Keys the table does not name stay verbatim in `extra`.
 */
export function createCallReader(table: FieldTable): CallReader {
  const CallRecord = compileReader(table);
  return (input, position = 'at an unknown position') => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new MalformedRecordError(position, '(record)', 'is not a JSON object', input);
    }
    const raw = input as Record<string, unknown>;
    const sid = raw.sid;
    if (typeof sid !== 'string' || sid === '') throw new MalformedRecordError(position, 'sid', 'is missing or not text', sid);
    const status = raw.status;
    if (!isCallStatus(status)) {
      throw new MalformedRecordError(sid, 'status', `is not a call status: ${preview(status)}`, status);
    }
    return new CallRecord(raw, sid, status);
  };
}
