import { BadQueryError } from '../../model/errors/bad-query-error.js';
import { isTwilioCallSid } from '../../model/sid.js';
import type { Dialect } from '../common/dialect.js';
import { buildListPlan } from '../common/list-plan.js';
import { readErrorBody, readListPage } from '../common/list-page.js';
import { TWILIO_WRITES } from './twilio-call-writes.js';
import { createCallReader } from '../common/read-call.js';
import { writeCall } from '../common/write-call.js';
import { twilioQuery } from './to-twilio-query.js';
import { type TwilioOptions, twilioConfig } from './twilio-config.js';
import { type TwilioAccountCredentials, type TwilioKeyCredentials, twilioEmulated } from './twilio-emulated.js';
import { createTwilioFields, detectTwilio } from './twilio-record.js';
import { TWILIO_WEBHOOK } from './twilio-webhook.js';

const accountPath = (account: string) => `/2010-04-01/Accounts/${account}`;
const callPath = (account: string, sid: string) => `${accountPath(account)}/Calls/${sid}`;
/** The dialect's field table: reading, the keys kept out of `extra`, and writing derive from it. */
export const TWILIO_FIELDS = createTwilioFields(callPath);
const FIELDS = TWILIO_FIELDS;

/**
 * Creates Twilio's dialect of the Calls API: `/2010-04-01/Accounts/{AC…}/Calls.json`,
 * `CA…` sids, negative price strings, date-only GMT-day time filters.
 */
export function createTwilioDialect(): Dialect<TwilioOptions, TwilioAccountCredentials, TwilioKeyCredentials, Record<string, never>> {
  const read = createCallReader(FIELDS);
  return {
    provider: 'twilio',
    config: twilioConfig,
    emulated: twilioEmulated,
    webhook: TWILIO_WEBHOOK,
    toCall: read,
    fromCall: (call) => writeCall(FIELDS, call),
    claimsSid: isTwilioCallSid,
    detect: detectTwilio,
    accountPaths: (account) => [accountPath(account)],
    callsPath: (account) => `${accountPath(account)}/Calls.json`,
    callPath: (account, sid) => `${callPath(account, sid)}.json`,
    requestSid(sid) {
      if (!isTwilioCallSid(sid)) {
        throw new BadQueryError('sid', `"${sid}" is not a Twilio call sid; Twilio call sids are CA followed by 32 hex digits`);
      }
      return sid;
    },
    toListPlan: (query, account) => buildListPlan(query, `${accountPath(account)}/Calls.json`, twilioQuery),
    readPage: readListPage,
    readError: readErrorBody,
    writes: TWILIO_WRITES,
    // The create response is the full call record.
    readCreated: (body) => read(body, 'the create response'),
  };
}
