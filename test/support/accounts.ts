import type { CallClientOptions } from '../../src/client/config.js';
import type { Provider } from '../../src/model/provider.js';

/** Test credentials of each provider: recognisable, so a test can search output for them. */
export const ACCOUNTS = {
  twilio: { account: `AC${'1'.repeat(32)}`, token: 'tw-secret-token-5f1d2c' },
  signalwire: { account: '2b7f9a1e-5c3d-4e8f-9a0b-1c2d3e4f5a6b', token: 'PTsw-secret-token-9e8d7c' },
  telnyx: { account: '7c1e0f3a-9b2d-4c5e-8f6a-1b2c3d4e5f60', token: 'KEYtx-secret-token-3a4b5c' },
} as const satisfies Record<Provider, { account: string; token: string }>;

/** Each provider's options naming an account and its secret. */
const CREDENTIALS: { [P in Provider]: (account: string, token: string) => Partial<CallClientOptions> } = {
  twilio: (accountSid, authToken) => ({ accountSid, authToken }),
  signalwire: (projectId, token) => ({ projectId, token }),
  telnyx: (accountSid, apiKey) => ({ accountSid, apiKey }),
};

/** The Authorization header each provider's client sends with the test credentials: its own auth scheme. */
export function authorizationOf(provider: Provider): string {
  const { account, token } = ACCOUNTS[provider];
  return AUTHORIZATION[provider](account, token);
}

const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
const AUTHORIZATION: { [P in Provider]: (account: string, token: string) => string } = {
  twilio: basic,
  signalwire: basic,
  telnyx: (_account, apiKey) => `Bearer ${apiKey}`,
};

/** Client options pointing a provider's client at a local origin, ignoring the environment. */
export function clientOptions(provider: Provider, origin: string, extra: Partial<CallClientOptions> = {}): CallClientOptions {
  const { account, token } = ACCOUNTS[provider];
  const credentials = CREDENTIALS[provider](account, token);
  return { provider, baseUrl: origin, env: {}, retry: { baseDelay: 5, maxDelay: 20 }, ...credentials, ...extra };
}

/** Each provider's environment naming an account and its secret, as the CLI reads it. */
const ENVIRONMENT: { [P in Provider]: (account: string, token: string) => Record<string, string> } = {
  twilio: (account, token) => ({ TWILIO_ACCOUNT_SID: account, TWILIO_AUTH_TOKEN: token }),
  signalwire: (account, token) => ({ SIGNALWIRE_PROJECT_ID: account, SIGNALWIRE_API_TOKEN: token }),
  telnyx: (account, token) => ({ TELNYX_ACCOUNT_SID: account, TELNYX_API_KEY: token }),
};

/** The environment that points the CLI at a provider's test account on a local origin. */
export function cliEnvOf(provider: Provider, origin: string): Record<string, string> {
  const { account, token } = ACCOUNTS[provider];
  return { CALLBRIDGE_PROVIDER: provider, CALLBRIDGE_BASE_URL: origin, ...ENVIRONMENT[provider](account, token) };
}
