import { BadQueryError } from '../../model/errors/bad-query-error.js';
import type { Interval } from '../../model/interval.js';
import { isTwilioCallSid } from '../../model/sid.js';
import { formatGmtDay } from '../../model/time.js';
import type { QueryDialect } from '../common/list-plan.js';
import { mapTwilioStatus } from './map-twilio-status.js';

const DAY = 86_400_000;

/**
 * Twilio filters times by whole GMT days (`StartTime>=YYYY-MM-DD`, `StartTime<=YYYY-MM-DD`).
 * Bounds are widened to days that hold the whole interval whichever way Twilio
 * reads a day's edge: `>` as "on or after the day" or as "after the whole day",
 * `<` as "on or before the day" or as "before the day begins". The exact
 * interval is applied on the client.
 */
export const twilioQuery: QueryDialect = {
  status: mapTwilioStatus,
  parentCallSid(sid) {
    if (!isTwilioCallSid(sid)) throw new BadQueryError('parentCallSid', `"${sid}" is not a Twilio call sid (CA followed by 32 hex digits)`);
    return sid;
  },
  bounds(interval: Interval) {
    return {
      // The day before the start's day: covers the start's whole day even if ">" means "after that day".
      after: interval.start === null ? null : formatGmtDay(interval.start - DAY),
      // The day after the end's day: covers the end's whole day under either reading of "<".
      before: interval.end === null ? null : formatGmtDay(interval.end + DAY),
    };
  },
};
