import { BadQueryError } from '../../model/errors/bad-query-error.js';
import type { Interval } from '../../model/interval.js';
import { isTwilioCallSid, isUuidShaped, twilioSidToUuid } from '../../model/sid.js';
import { formatRfc2822 } from '../../model/time.js';
import type { QueryDialect } from '../common/list-plan.js';
import { mapSignalWireStatus } from './map-signalwire-status.js';

/**
 * A SignalWire call sid as sent: UUID-shaped (kept verbatim even when not hex,
 * as in the published samples), or a Twilio-shaped `CA` sid that callbridge
 * made from a UUID (mapped back). Anything else is refused.
 */
export function signalWireSid(field: string, sid: string): string {
  if (isUuidShaped(sid)) return sid;
  if (isTwilioCallSid(sid)) return twilioSidToUuid(sid);
  throw new BadQueryError(field, `"${sid}" is not a SignalWire call sid; SignalWire call sids are UUIDs`);
}

/**
 * SignalWire filters times with RFC 2822 instants on `StartTime>` / `StartTime<`
 * at whole seconds. Each bound is moved one second outwards so that either
 * reading of the comparison (strict or not) keeps the interval inside.
 */
export const signalWireQuery: QueryDialect = {
  status: (status) => mapSignalWireStatus(status, 'query'),
  parentCallSid: (sid) => signalWireSid('parentCallSid', sid),
  bounds(interval: Interval) {
    return {
      after: interval.start === null ? null : formatRfc2822(Math.floor(interval.start / 1000) * 1000 - 1000),
      before: interval.end === null ? null : formatRfc2822(Math.ceil(interval.end / 1000) * 1000 + 1000),
    };
  },
};
