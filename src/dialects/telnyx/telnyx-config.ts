import { ConfigError } from '../../model/errors/config-error.js';
import { isUuid } from '../../model/sid.js';
import { type ProviderConfig, requireSettings } from '../common/provider-config.js';

/**
 * Telnyx's options of `createCallClient` (each also read from the variable in
 * brackets). Both names are Twilio's too: options alone never choose between
 * the two, so set `provider: 'telnyx'` or CALLBRIDGE_PROVIDER=telnyx.
 */
export interface TelnyxOptions {
  /** Telnyx account id, a UUID: the `{account_sid}` of TeXML paths [TELNYX_ACCOUNT_SID]. */
  accountSid?: string;
  /** Telnyx API key, sent as a bearer token [TELNYX_API_KEY]. */
  apiKey?: string;
}

/** Telnyx's configuration: a bearer API key and the account id in paths; one host, api.telnyx.com. */
export const telnyxConfig: ProviderConfig<TelnyxOptions> = {
  name: 'Telnyx',
  settings: {
    accountSid: ['TELNYX_ACCOUNT_SID'],
    apiKey: ['TELNYX_API_KEY'],
  },
  configuredBy: ['TELNYX_ACCOUNT_SID'],
  hint: 'TELNYX_ACCOUNT_SID and TELNYX_API_KEY',
  resolve(s, baseUrl) {
    const accountSid = s.value('accountSid');
    const apiKey = s.value('apiKey');
    requireSettings('Telnyx', [
      ...(accountSid === undefined ? [s.describe('accountSid')] : []),
      ...(apiKey === undefined ? [s.describe('apiKey')] : []),
    ]);
    // It goes into request paths: a UUID, as every published TeXML account id is.
    if (!isUuid(accountSid!)) throw new ConfigError(`Telnyx account sid "${accountSid}" must be a UUID (the account id shown in the Telnyx portal)`);
    return {
      account: accountSid!,
      credentials: { scheme: 'bearer', token: apiKey! },
      origin: baseUrl ? null : { url: 'https://api.telnyx.com', setting: 'Telnyx API origin' },
    };
  },
};
