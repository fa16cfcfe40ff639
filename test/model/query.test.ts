import { describe, expect, it } from 'vitest';
import { BadQueryError } from '../../src/model/errors/bad-query-error.js';
import { type CallQuery, PAGE_SIZE, resolveQuery } from '../../src/model/query.js';

const HOUR = 3_600_000;

/** The field a refused query names. */
function refusedField(query: unknown, options = {}): string {
  try {
    resolveQuery(query as CallQuery, options);
  } catch (error) {
    expect(error).toBeInstanceOf(BadQueryError);
    return (error as BadQueryError).field;
  }
  throw new Error(`query was accepted: ${JSON.stringify(query)}`);
}

describe('resolveQuery refuses every invalid query, naming the field', () => {
  it.each([
    ['an unknown status', { status: 'answered' }, 'status'],
    ['an unknown status in a list', { status: ['completed', 'answered'] }, 'status'],
    ['an empty list of statuses', { status: [] }, 'status'],
    ['an unknown key', { startTime: '2024-03-05' }, 'startTime'],
    ['an unknown key in a range', { startedAt: { after: '2024-03-05T00:00:00Z' } }, 'startedAt.after'],
    ['from after to', { startedAt: { from: '2024-03-05T10:00:00Z', to: '2024-03-05T09:00:00Z' } }, 'startedAt'],
    ['from equal to an exclusive to', { endedAt: { from: '2024-03-05T10:00:00Z', to: '2024-03-05T10:00:00Z' } }, 'endedAt'],
    ['page size 0', { pageSize: 0 }, 'pageSize'],
    ['page size 1001', { pageSize: 1001 }, 'pageSize'],
    ['page size 2.5', { pageSize: 2.5 }, 'pageSize'],
    ['page size as text', { pageSize: '50' }, 'pageSize'],
    ['limit 0', { limit: 0 }, 'limit'],
    ['an unparseable date', { startedAt: { from: 'yesterday' } }, 'startedAt.from'],
    ['a date without a zone', { startedAt: { to: '2024-03-05T10:00:00' } }, 'startedAt.to'],
    ['an impossible instant', { endedAt: { from: 'Mon, 31 Sep 2018 10:00:00 +0000' } }, 'endedAt.from'],
    ['an invalid Date', { startedAt: { from: new Date(Number.NaN) } }, 'startedAt.from'],
    ['a bad time zone', { startedOn: { date: '2024-03-05', timeZone: 'Mars/Olympus_Mons' } }, 'startedOn.timeZone'],
    ['a bad calendar date', { startedOn: { date: '2024-02-30' } }, 'startedOn.date'],
    ['a day not written YYYY-MM-DD', { startedOn: { date: '5 Mar 2024' } }, 'startedOn.date'],
    ['startedOn with startedAt', { startedOn: { date: '2024-03-05' }, startedAt: { from: '2024-03-05T00:00:00Z' } }, 'startedOn'],
    ['an unreadable phone number', { to: 'call me maybe' }, 'to'],
    ['an empty address', { from: '  ' }, 'from'],
    ['an empty parent call sid', { parentCallSid: '' }, 'parentCallSid'],
  ])('%s', (_what, query, field) => {
    expect(refusedField(query)).toBe(field);
  });

  it('refuses a query that is not an object', () => {
    expect(() => resolveQuery(null as unknown as CallQuery)).toThrow(BadQueryError);
  });
});

describe('resolveQuery resolves valid queries', () => {
  it('applies defaults', () => {
    expect(resolveQuery({})).toEqual({
      to: null, from: null, parentCallSid: null, statuses: [], started: null, ended: null, pageSize: PAGE_SIZE.default, limit: null,
    });
  });

  it('accepts page sizes 1 and 1000, and asks for no more than the limit', () => {
    expect(resolveQuery({ pageSize: 1 }).pageSize).toBe(1);
    expect(resolveQuery({ pageSize: 1000 }).pageSize).toBe(1000);
    expect(resolveQuery({ limit: 7 }).pageSize).toBe(7);
    expect(resolveQuery({ limit: 700 }).pageSize).toBe(50);
  });

  it('makes [from, to) half-open by default, with explicit inclusivity', () => {
    expect(resolveQuery({ startedAt: { from: '2024-03-05T13:00:00Z', to: 'Tue, 05 Mar 2024 14:00:00 +0000' } }).started).toEqual({
      start: Date.UTC(2024, 2, 5, 13), startInclusive: true, end: Date.UTC(2024, 2, 5, 14), endInclusive: false,
    });
    expect(resolveQuery({ endedAt: { from: '2024-03-05T13:00:00Z', fromInclusive: false, toInclusive: true } }).ended).toEqual({
      start: Date.UTC(2024, 2, 5, 13), startInclusive: false, end: null, endInclusive: true,
    });
  });

  it('accepts a single instant when both ends are inclusive', () => {
    const at = '2024-03-05T13:00:00Z';
    expect(resolveQuery({ startedAt: { from: at, to: at, toInclusive: true } }).started).toMatchObject({ start: Date.parse(at), end: Date.parse(at) });
  });

  it('reads an instant the same whether given as text or as a Date, to the millisecond', () => {
    const text = resolveQuery({ startedAt: { from: '2024-03-05T13:00:00.250Z' } }).started;
    const date = resolveQuery({ startedAt: { from: new Date('2024-03-05T13:00:00.250Z') } }).started;
    expect(text).toEqual(date);
    expect(text?.start).toBe(Date.UTC(2024, 2, 5, 13, 0, 0, 250));
  });

  it('dedupes statuses and keeps their order', () => {
    expect(resolveQuery({ status: ['busy', 'completed', 'busy'] }).statuses).toEqual(['busy', 'completed']);
    expect(resolveQuery({ status: 'no-answer' }).statuses).toEqual(['no-answer']);
  });

  it('reads phone numbers as people type them into E.164, in the default country', () => {
    expect(resolveQuery({ to: '(310) 567-8901', from: '+1 213 555 0167' })).toMatchObject({ to: '+13105678901', from: '+12135550167' });
    expect(resolveQuery({ to: '020 7183 8750' }, { defaultCountry: 'GB' }).to).toBe('+442071838750');
    expect(resolveQuery({ to: 'sip:alice@example.com', from: 'client:bob' })).toMatchObject({ to: 'sip:alice@example.com', from: 'client:bob' });
  });

  it('turns a UTC day into 24 hours', () => {
    expect(resolveQuery({ startedOn: { date: '2024-03-05' } }).started).toEqual({
      start: Date.UTC(2024, 2, 5), startInclusive: true, end: Date.UTC(2024, 2, 6), endInclusive: false,
    });
  });

  it('turns a day in a zone into its UTC interval: DST days are 23 and 25 hours', () => {
    const day = (date: string) => resolveQuery({ startedOn: { date, timeZone: 'America/New_York' } }).started!;
    const spring = day('2024-03-10');
    expect(spring.start).toBe(Date.UTC(2024, 2, 10, 5));
    expect(spring.end! - spring.start!).toBe(23 * HOUR);
    const autumn = day('2024-11-03');
    expect(autumn.start).toBe(Date.UTC(2024, 10, 3, 4));
    expect(autumn.end! - autumn.start!).toBe(25 * HOUR);
    const plain = day('2024-03-05');
    expect(plain.end! - plain.start!).toBe(24 * HOUR);
  });
});
