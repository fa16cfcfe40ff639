import { BadQueryError } from '../../model/errors/bad-query-error.js';
import { isTwilioCallSid } from '../../model/sid.js';
import type { Dialect } from '../common/dialect.js';
import { ExtraFields } from '../common/extra-fields.js';
import { buildListPlan } from '../common/list-plan.js';
import { readErrorBody, readListPage } from '../common/list-page.js';
import { TWILIO_WRITES } from './twilio-call-writes.js';
import { type ReadSpec, readCall } from '../common/read-call.js';
import { twilioQuery } from './to-twilio-query.js';
import { type TwilioOptions, twilioConfig } from './twilio-config.js';
import { type TwilioAccountCredentials, type TwilioKeyCredentials, twilioEmulated } from './twilio-emulated.js';
import { TWILIO_KEYS, detectTwilio, writeTwilioCall } from './twilio-record.js';

const READ: ReadSpec = { provider: 'twilio', chargeSign: -1, extraFields: new ExtraFields(TWILIO_KEYS), queueFields: true, qualityFields: false };

const accountPath = (account: string) => `/2010-04-01/Accounts/${account}`;
const callPath = (account: string, sid: string) => `${accountPath(account)}/Calls/${sid}`;

/**
 * Creates Twilio's dialect of the Calls API: `/2010-04-01/Accounts/{AC…}/Calls.json`,
 * `CA…` sids, negative price strings, date-only GMT-day time filters.
 */
export function createTwilioDialect(): Dialect<TwilioOptions, TwilioAccountCredentials, TwilioKeyCredentials> {
  return {
    provider: 'twilio',
    config: twilioConfig,
    emulated: twilioEmulated,
    toCall: (raw, position) => readCall(raw, READ, position),
    fromCall: (call) => writeTwilioCall(call, callPath),
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
    readCreated: (body) => readCall(body, READ, 'the create response'),
  };
}
