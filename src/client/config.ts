import { isSupportedCountry } from 'libphonenumber-js';
import { isProvider, type Provider } from '../model/provider.js';
import { isUuid } from '../model/sid.js';
import { ConfigError } from './errors/config-error.js';
import { checkedOrigin, signalWireOrigin, twilioOrigin } from './origin.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy.js';
import { Secret } from './secret.js';

/**
 * Options of {@link createCallClient}. Every field may come from the environment
 * instead (names in brackets); an option given here wins over the environment.
 */
export interface CallClientOptions {
  /** `twilio` or `signalwire` [CALLBRIDGE_PROVIDER]. Inferred when only one provider's credentials are set. */
  provider?: Provider;
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
  /** SignalWire project id, a UUID [SIGNALWIRE_PROJECT_ID]. */
  projectId?: string;
  /** SignalWire API token [SIGNALWIRE_API_TOKEN or SIGNALWIRE_TOKEN]. */
  token?: string;
  /** SignalWire space: name, host or URL [SIGNALWIRE_SPACE_URL]. */
  space?: string;
  /** An origin that replaces the provider's host, e.g. a local emulator; http only on loopback [CALLBRIDGE_BASE_URL]. */
  baseUrl?: string;
  /** Milliseconds one request may take before a {@link TimeoutError}. Default 30000. */
  timeout?: number;
  /** Retry policy for failed GETs (see {@link RetryPolicy}). */
  retry?: Partial<RetryPolicy>;
  /** Country for phone numbers typed without a country code in queries. Default `US`. */
  defaultCountry?: string;
  /** A fetch implementation (tests, proxies). Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Where to read environment variables. Default `process.env`; pass `{}` to ignore the environment. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A complete, checked configuration. Credentials are held as {@link Secret}s. */
export interface ResolvedConfig {
  provider: Provider;
  /** Scheme, host and port every request goes to. */
  origin: string;
  /** The account id in request paths: Twilio account sid or SignalWire project id. */
  account: string;
  username: string;
  password: Secret;
  timeout: number;
  retry: RetryPolicy;
  defaultCountry: string;
  fetch: typeof globalThis.fetch | undefined;
}

const TWILIO_ACCOUNT = /^AC[0-9a-fA-F]{32}$/;
const TWILIO_KEY = /^SK[0-9a-fA-F]{32}$/;

function pick(option: string | undefined, env: Readonly<Record<string, string | undefined>>, ...names: string[]): string | undefined {
  if (option !== undefined && option !== '') return option;
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

function whichProvider(options: CallClientOptions, env: Readonly<Record<string, string | undefined>>): Provider {
  // Explicit options decide before the environment does.
  const optionTwilio = [options.accountSid, options.authToken, options.apiKey, options.apiSecret].some((v) => v !== undefined);
  const optionSignalWire = [options.projectId, options.token, options.space].some((v) => v !== undefined);
  const named = options.provider ?? (optionTwilio !== optionSignalWire ? (optionTwilio ? 'twilio' : 'signalwire') : undefined) ?? pick(undefined, env, 'CALLBRIDGE_PROVIDER');
  if (named !== undefined) {
    if (!isProvider(named)) throw new ConfigError(`provider "${named}" is not known; set CALLBRIDGE_PROVIDER (or the provider option) to twilio or signalwire`);
    return named;
  }
  const twilio = optionTwilio || pick(undefined, env, 'TWILIO_ACCOUNT_SID') !== undefined;
  const signalwire = optionSignalWire || pick(undefined, env, 'SIGNALWIRE_PROJECT_ID') !== undefined;
  if (twilio && signalwire) {
    throw new ConfigError('both Twilio and SignalWire credentials are set; choose one with CALLBRIDGE_PROVIDER=twilio|signalwire (or the provider option)');
  }
  if (twilio) return 'twilio';
  if (signalwire) return 'signalwire';
  throw new ConfigError(
    'no provider configured; set either TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET), ' +
      'or SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE_URL (CALLBRIDGE_PROVIDER chooses when both are set)',
  );
}

function missing(provider: string, names: string[]): never {
  throw new ConfigError(`${provider} configuration is incomplete; set ${names.join(', ')}`);
}

function twilioConfig(o: CallClientOptions, env: Readonly<Record<string, string | undefined>>) {
  const accountSid = pick(o.accountSid, env, 'TWILIO_ACCOUNT_SID');
  const apiKey = pick(o.apiKey, env, 'TWILIO_API_KEY');
  const apiSecret = pick(o.apiSecret, env, 'TWILIO_API_SECRET');
  const authToken = pick(o.authToken, env, 'TWILIO_AUTH_TOKEN');
  // An auth token given as an option wins over an API key found in the environment, and the other way round.
  const useKey = o.apiKey !== undefined || o.apiSecret !== undefined
    ? true
    : o.authToken !== undefined ? false : apiKey !== undefined || (authToken === undefined && apiSecret !== undefined);
  const lacking = [
    ...(accountSid === undefined ? ['TWILIO_ACCOUNT_SID (accountSid)'] : []),
    ...(useKey
      ? [...(apiKey === undefined ? ['TWILIO_API_KEY (apiKey)'] : []), ...(apiSecret === undefined ? ['TWILIO_API_SECRET (apiSecret)'] : [])]
      : authToken === undefined ? ['TWILIO_AUTH_TOKEN (authToken), or TWILIO_API_KEY and TWILIO_API_SECRET'] : []),
  ];
  if (lacking.length > 0) missing('Twilio', lacking);
  if (!TWILIO_ACCOUNT.test(accountSid!)) throw new ConfigError(`Twilio account sid "${accountSid}" must be AC followed by 32 hex digits`);
  if (useKey && !TWILIO_KEY.test(apiKey!)) throw new ConfigError(`Twilio API key "${apiKey}" must be SK followed by 32 hex digits`);
  const baseUrl = pick(o.baseUrl, env, 'CALLBRIDGE_BASE_URL');
  return {
    account: accountSid!,
    username: useKey ? apiKey! : accountSid!,
    password: new Secret(useKey ? apiSecret! : authToken!),
    origin: baseUrl !== undefined ? checkedOrigin(baseUrl, 'baseUrl') : twilioOrigin(pick(o.edge, env, 'TWILIO_EDGE'), pick(o.region, env, 'TWILIO_REGION')),
  };
}

function signalWireConfig(o: CallClientOptions, env: Readonly<Record<string, string | undefined>>) {
  const projectId = pick(o.projectId, env, 'SIGNALWIRE_PROJECT_ID');
  const token = pick(o.token, env, 'SIGNALWIRE_API_TOKEN', 'SIGNALWIRE_TOKEN');
  const baseUrl = pick(o.baseUrl, env, 'CALLBRIDGE_BASE_URL');
  const space = pick(o.space, env, 'SIGNALWIRE_SPACE_URL');
  const lacking = [
    ...(projectId === undefined ? ['SIGNALWIRE_PROJECT_ID (projectId)'] : []),
    ...(token === undefined ? ['SIGNALWIRE_API_TOKEN (token)'] : []),
    ...(space === undefined && baseUrl === undefined ? ['SIGNALWIRE_SPACE_URL (space)'] : []),
  ];
  if (lacking.length > 0) missing('SignalWire', lacking);
  if (!isUuid(projectId!)) throw new ConfigError(`SignalWire project id "${projectId}" must be a UUID`);
  return {
    account: projectId!,
    username: projectId!,
    password: new Secret(token!),
    origin: baseUrl !== undefined ? checkedOrigin(baseUrl, 'baseUrl') : signalWireOrigin(space!),
  };
}

/**
 * Resolves options and environment into one checked configuration. Throws
 * {@link ConfigError} naming everything that is missing, conflicting or invalid.
 */
export function resolveConfig(options: CallClientOptions = {}): ResolvedConfig {
  const env = options.env ?? process.env;
  const provider = whichProvider(options, env);
  const base = provider === 'twilio' ? twilioConfig(options, env) : signalWireConfig(options, env);
  const timeout = options.timeout ?? 30_000;
  if (!Number.isFinite(timeout) || timeout <= 0) throw new ConfigError(`timeout must be a positive number of milliseconds, not ${timeout}`);
  const defaultCountry = options.defaultCountry ?? 'US';
  // Checked here: an unknown country would otherwise only show as numbers that never match.
  if (!isSupportedCountry(defaultCountry)) {
    throw new ConfigError(`default country "${defaultCountry}" is not a country code libphonenumber knows; give a two-letter ISO 3166 code such as US or GB`);
  }
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  if (!Number.isInteger(retry.limit) || retry.limit < 0) throw new ConfigError(`retry.limit must be a whole number >= 0, not ${retry.limit}`);
  return {
    provider,
    ...base,
    timeout,
    retry,
    defaultCountry,
    fetch: options.fetch,
  };
}
