import { ConfigError } from '../../model/errors/config-error.js';
import { isTwilioSid } from '../../model/sid.js';
import { isHostLabel } from '../common/host.js';
import { type OriginSetting, type ProviderConfig, requireSettings } from '../common/provider-config.js';

/** Twilio's options of `createCallClient` (each also read from the variable in brackets). */
export interface TwilioOptions {
  /** Twilio account sid, `AC…` [TWILIO_ACCOUNT_SID]. */
  accountSid?: string;
  /** Twilio auth token [TWILIO_AUTH_TOKEN]. */
  authToken?: string;
  /** Twilio API key sid, `SK…`, used with `apiSecret` instead of the auth token [TWILIO_API_KEY]. */
  apiKey?: string;
  /** Twilio API key secret [TWILIO_API_SECRET]. */
  apiSecret?: string;
  /** Twilio edge, e.g. `ashburn` [TWILIO_EDGE]. */
  edge?: string;
  /** Twilio region, e.g. `us1` [TWILIO_REGION]. */
  region?: string;
}

/** Twilio's API origin for an optional edge and region, as twilio-node builds it. */
function twilioOrigin(edge: string | undefined, region: string | undefined): OriginSetting {
  for (const [name, value] of [['edge', edge], ['region', region]] as const) {
    if (value !== undefined && !isHostLabel(value)) throw new ConfigError(`Twilio ${name} "${value}" is not a plain host label like "ashburn" or "us1"`);
  }
  const host = edge === undefined && region === undefined ? 'api.twilio.com' : `api.${edge === undefined ? '' : `${edge}.`}${region ?? 'us1'}.twilio.com`;
  return { url: `https://${host}`, setting: 'Twilio edge and region' };
}

/**
 * Twilio's configuration: Basic auth with the account sid and auth token, or
 * with an API key and its secret (the account sid still in paths); edges and
 * regions choose the host.
 */
export const twilioConfig: ProviderConfig<TwilioOptions> = {
  name: 'Twilio',
  settings: {
    accountSid: ['TWILIO_ACCOUNT_SID'],
    authToken: ['TWILIO_AUTH_TOKEN'],
    apiKey: ['TWILIO_API_KEY'],
    apiSecret: ['TWILIO_API_SECRET'],
    edge: ['TWILIO_EDGE'],
    region: ['TWILIO_REGION'],
  },
  configuredBy: ['TWILIO_ACCOUNT_SID'],
  hint: 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET)',
  resolve(s, baseUrl) {
    const accountSid = s.value('accountSid');
    const apiKey = s.value('apiKey');
    const apiSecret = s.value('apiSecret');
    const authToken = s.value('authToken');
    // An auth token given as an option wins over an API key found in the environment, and the other way round.
    const useKey = s.given('apiKey') || s.given('apiSecret')
      ? true
      : s.given('authToken') ? false : apiKey !== undefined || (authToken === undefined && apiSecret !== undefined);
    requireSettings('Twilio', [
      ...(accountSid === undefined ? [s.describe('accountSid')] : []),
      ...(useKey
        ? [...(apiKey === undefined ? [s.describe('apiKey')] : []), ...(apiSecret === undefined ? [s.describe('apiSecret')] : [])]
        : authToken === undefined ? [`${s.describe('authToken')}, or TWILIO_API_KEY and TWILIO_API_SECRET`] : []),
    ]);
    if (!isTwilioSid(accountSid!, 'AC')) throw new ConfigError(`Twilio account sid "${accountSid}" must be AC followed by 32 hex digits`);
    if (useKey && !isTwilioSid(apiKey!, 'SK')) throw new ConfigError(`Twilio API key "${apiKey}" must be SK followed by 32 hex digits`);
    return {
      account: accountSid!,
      credentials: useKey
        ? { scheme: 'basic', username: apiKey!, password: apiSecret! }
        : { scheme: 'basic', username: accountSid!, password: authToken! },
      origin: baseUrl ? null : twilioOrigin(s.value('edge'), s.value('region')),
    };
  },
};
