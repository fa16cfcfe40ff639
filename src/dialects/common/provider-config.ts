import { ConfigError } from '../../model/errors/config-error.js';

/**
 * A provider's credentials and how they are sent: HTTP Basic (`username:password`)
 * or a bearer token. Pure data; {@link authorizationValue} makes the header.
 */
export type Credentials =
  | { readonly scheme: 'basic'; readonly username: string; readonly password: string }
  | { readonly scheme: 'bearer'; readonly token: string };

/** The `Authorization` header value of the credentials. */
export function authorizationValue(credentials: Credentials): string {
  switch (credentials.scheme) {
    case 'basic':
      return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    case 'bearer':
      return `Bearer ${credentials.token}`;
  }
}

/** The secret part of the credentials: what must never be shown. */
export function secretOf(credentials: Credentials): string {
  switch (credentials.scheme) {
    case 'basic':
      return credentials.password;
    case 'bearer':
      return credentials.token;
  }
}

/** Who the credentials name, fit to show: Basic's user name; null for a bearer token. */
export function usernameOf(credentials: Credentials): string | null {
  return credentials.scheme === 'basic' ? credentials.username : null;
}

/** The settings of one provider as read: each option's value (the option, else its environment variables). */
export interface SettingValues<O> {
  /** The value of a setting, or undefined when neither the option nor its variables are set. */
  value(option: keyof O & string): string | undefined;
  /** Whether the setting was given as an option (options win over the environment as a group). */
  given(option: keyof O & string): boolean;
  /** `NAME (option)` for error messages: the setting's first variable and its option. */
  describe(option: keyof O & string): string;
}

/** Where a provider's requests go, before the client checks it (https only, an origin only). */
export interface OriginSetting {
  url: string;
  /** The setting it came from, named in errors (`SignalWire space URL`). */
  setting: string;
}

/** A provider's configuration, resolved and checked. */
export interface Connection {
  /** The account id in request paths. */
  account: string;
  credentials: Credentials;
  /** The provider's own origin; null when a base URL replaces it. */
  origin: OriginSetting | null;
}

/**
 * A provider's configuration keys, as data plus one pure function: the option
 * names of `createCallClient` (typed by `O`), the environment variables each
 * falls back to, which variables say the provider is configured, and how the
 * settings become an account, credentials and an origin.
 */
export interface ProviderConfig<O extends object> {
  /** Its name in messages: `Twilio`. */
  readonly name: string;
  /** Every option of this provider, with the environment variables read (in order) when it is not given. */
  readonly settings: { readonly [K in keyof Required<O>]: readonly string[] };
  /** The environment variables whose presence says this provider is configured (its account id). */
  readonly configuredBy: readonly string[];
  /** What to set, for the message when no provider is configured. */
  readonly hint: string;
  /**
   * Builds the connection. `baseUrl` says a base URL replaces the provider's
   * origin (settings of the origin are then not needed). Throws
   * {@link ConfigError} listing everything missing, or naming what is invalid.
   */
  resolve(settings: SettingValues<O>, baseUrl: boolean): Connection;
}

/** Throws a {@link ConfigError} listing the missing settings, when there are any. */
export function requireSettings(name: string, missing: readonly string[]): void {
  if (missing.length > 0) throw new ConfigError(`${name} configuration is incomplete; set ${missing.join(', ')}`);
}
