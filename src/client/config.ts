import { isSupportedCountry } from 'libphonenumber-js';
import { DIALECTS, type OptionsOf } from '../dialects/registry.js';
import { type ProviderConfig, type SettingValues, authorizationValue, secretOf, usernameOf } from '../dialects/common/provider-config.js';
import { ConfigError } from '../model/errors/config-error.js';
import { PROVIDERS, isProvider, type Provider } from '../model/provider.js';
import { checkedOrigin } from './origin.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy.js';
import { Secret } from './secret.js';

/** Options of {@link createCallClient} that do not depend on the provider. */
export interface CommonClientOptions {
  /** The provider [CALLBRIDGE_PROVIDER]. Inferred when only one provider's settings are given. */
  provider?: Provider;
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

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every provider's own options (account, credentials, host), each defined in the provider's dialect folder. */
export type ProviderOptions = Intersection<{ [P in Provider]: OptionsOf<P> }[Provider]>;

/**
 * Options of {@link createCallClient}. Every provider setting may come from the
 * environment instead; an option given here wins over the environment.
 */
export type CallClientOptions = CommonClientOptions & ProviderOptions;

/** A complete, checked configuration. Credentials are held as {@link Secret}s. */
export interface ResolvedConfig {
  provider: Provider;
  /** Scheme, host and port every request goes to. */
  origin: string;
  /** The account id in request paths: Twilio account sid, SignalWire project id, … */
  account: string;
  /** Who the credentials name, fit to show: the Basic user name; null for a bearer token. */
  username: string | null;
  /** The secret part of the credentials (auth token, API secret, API token). */
  secret: Secret;
  /** The Authorization header value, in the provider's scheme. */
  authorization: Secret;
  timeout: number;
  retry: RetryPolicy;
  defaultCountry: string;
  fetch: typeof globalThis.fetch | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;
type AnyOptions = Readonly<Record<string, unknown>>;

function pick(option: unknown, env: Env, names: readonly string[]): string | undefined {
  if (typeof option === 'string' && option !== '') return option;
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

const configOf = (provider: Provider): ProviderConfig<object> => DIALECTS[provider].config;
const optionNames = (provider: Provider): string[] => Object.keys(configOf(provider).settings);

/**
 * The one provider whose options include every provider option given; null
 * when none are given, or when they fit several providers (names they share)
 * or none: options alone never pick a provider by a guess.
 */
function providerOfOptions(options: AnyOptions): Provider | null {
  const given = new Set(PROVIDERS.flatMap(optionNames).filter((name) => options[name] !== undefined));
  if (given.size === 0) return null;
  const fits = PROVIDERS.filter((p) => [...given].every((name) => optionNames(p).includes(name)));
  return fits.length === 1 ? fits[0]! : null;
}

function whichProvider(options: CallClientOptions, env: Env): Provider {
  const named = options.provider ?? providerOfOptions(options as AnyOptions) ?? pick(undefined, env, ['CALLBRIDGE_PROVIDER']);
  const choose = `CALLBRIDGE_PROVIDER (or the provider option) to one of ${PROVIDERS.join(', ')}`;
  if (named !== undefined) {
    if (!isProvider(named)) throw new ConfigError(`provider "${named}" is not known; set ${choose}`);
    return named;
  }
  // Options (seen above to fit no single provider) and each provider's account variable.
  const configured = PROVIDERS.filter(
    (p) => optionNames(p).some((name) => (options as AnyOptions)[name] !== undefined) || configOf(p).configuredBy.some((name) => pick(undefined, env, [name]) !== undefined),
  );
  if (configured.length > 1) {
    throw new ConfigError(`settings of several providers are set (${configured.map((p) => configOf(p).name).join(', ')}); choose one with ${choose}`);
  }
  if (configured.length === 1) return configured[0]!;
  throw new ConfigError(
    `no provider configured; set either ${PROVIDERS.map((p) => configOf(p).hint).join(', or ')} (CALLBRIDGE_PROVIDER chooses when several are set)`,
  );
}

function settingValues(config: ProviderConfig<object>, options: AnyOptions, env: Env): SettingValues<object> {
  const names = config.settings as Readonly<Record<string, readonly string[]>>;
  return {
    value: (option) => pick(options[option], env, names[option] ?? []),
    given: (option) => options[option] !== undefined,
    describe: (option) => `${names[option]?.[0]} (${option})`,
  };
}

/**
 * Resolves options and environment into one checked configuration. Throws
 * {@link ConfigError} naming everything that is missing, conflicting or invalid.
 */
export function resolveConfig(options: CallClientOptions = {}): ResolvedConfig {
  const env = options.env ?? process.env;
  const provider = whichProvider(options, env);
  const config = configOf(provider);
  const baseUrl = pick(options.baseUrl, env, ['CALLBRIDGE_BASE_URL']);
  const connection = config.resolve(settingValues(config, options as AnyOptions, env), baseUrl !== undefined);
  const origin = connection.origin === null ? checkedOrigin(baseUrl!, 'baseUrl') : checkedOrigin(connection.origin.url, connection.origin.setting);
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
    origin,
    account: connection.account,
    username: usernameOf(connection.credentials),
    secret: new Secret(secretOf(connection.credentials)),
    authorization: new Secret(authorizationValue(connection.credentials)),
    timeout,
    retry,
    defaultCountry,
    fetch: options.fetch,
  };
}
