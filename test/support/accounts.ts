import type { CallClientOptions } from '../../src/client/config.js';
import type { Provider } from '../../src/model/provider.js';

/** Test credentials of each provider: recognisable, so a test can search output for them. */
export const ACCOUNTS = {
  twilio: { account: `AC${'1'.repeat(32)}`, token: 'tw-secret-token-5f1d2c' },
  signalwire: { account: '2b7f9a1e-5c3d-4e8f-9a0b-1c2d3e4f5a6b', token: 'PTsw-secret-token-9e8d7c' },
} as const;

/** Client options pointing a provider's client at a local origin, ignoring the environment. */
export function clientOptions(provider: Provider, origin: string, extra: Partial<CallClientOptions> = {}): CallClientOptions {
  const { account, token } = ACCOUNTS[provider];
  const credentials = provider === 'twilio' ? { accountSid: account, authToken: token } : { projectId: account, token };
  return { provider, baseUrl: origin, env: {}, retry: { baseDelay: 5, maxDelay: 20 }, ...credentials, ...extra };
}
