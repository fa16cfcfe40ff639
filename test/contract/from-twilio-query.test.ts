import { describe, expect, it } from 'vitest';
import { fromTwilioQuery } from '../../src/dialects/twilio/from-twilio-query.js';
import { twilioTimeFilter } from '../../src/dialects/twilio/twilio-time-filter.js';
import { BadQueryError } from '../../src/model/errors/bad-query-error.js';
import { resolveQuery } from '../../src/model/query.js';

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

describe('fromTwilioQuery', () => {
  it('reads filters and the documented day meanings of the time keys', () => {
    const query = fromTwilioQuery('To=%2B13105678901&Status=busy&Status=completed&StartTime>=2024-03-05&StartTime<=2024-03-06&PageSize=100');
    expect(query).toMatchObject({ to: '+13105678901', status: ['busy', 'completed'], pageSize: 100 });
    const resolved = resolveQuery(query);
    // On or after 5 March, before 6 March (the API reference's reading): [5 March 00:00, 6 March 00:00) GMT.
    expect(resolved.started).toEqual({ start: day('2024-03-05'), startInclusive: true, end: day('2024-03-06'), endInclusive: false });
  });

  it('reads the wire form of the keys the same way', () => {
    const wire = new URLSearchParams([['StartTime>', '2024-03-05'], ['EndTime', '2024-03-09']]);
    const resolved = resolveQuery(fromTwilioQuery(wire));
    expect(resolved.started).toMatchObject({ start: day('2024-03-05'), end: null });
    expect(resolved.ended).toMatchObject({ start: day('2024-03-09'), end: day('2024-03-10') });
  });

  it('reads instants (what twilio-node sends for a Date) as the GMT day they fall in, as Twilio does', () => {
    const resolved = resolveQuery(fromTwilioQuery('StartTime>=2024-03-05T13:00:00Z&StartTime>=2024-03-04'));
    expect(resolved.started).toMatchObject({ start: day('2024-03-05'), startInclusive: true, end: null });
  });

  it('means what the emulator\'s Twilio routes mean', () => {
    for (const [op, value] of [['=', '2024-03-05'], ['>', '2024-03-05'], ['<', '2024-03-05'], ['<', '2024-03-05T13:00:00Z']] as const) {
      const key = op === '=' ? 'StartTime' : `StartTime${op}`;
      expect(resolveQuery(fromTwilioQuery(new URLSearchParams([[key, value]]))).started).toEqual(twilioTimeFilter(op, value));
    }
  });

  it('refuses unknown keys and unreadable dates, naming them', () => {
    expect(() => fromTwilioQuery('Statsu=busy')).toThrow(BadQueryError);
    expect(() => fromTwilioQuery('StartTime>=yesterday')).toThrow(/StartTime>/);
  });
});
