import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/client/config.js';
import { ConfigError } from '../../src/model/errors/config-error.js';
import { authorizationValue } from '../../src/dialects/common/provider-config.js';

const AC = `AC${'a'.repeat(32)}`;
const SK = `SK${'b'.repeat(32)}`;
const PROJECT = '2b7f9a1e-5c3d-4e8f-9a0b-1c2d3e4f5a6b';

const configError = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('resolveConfig', () => {
  it('reads Twilio from its usual environment variables', () => {
    const config = resolveConfig({ env: { TWILIO_ACCOUNT_SID: AC, TWILIO_AUTH_TOKEN: 'tok' } });
    expect(config).toMatchObject({ provider: 'twilio', origin: 'https://api.twilio.com', account: AC, username: AC });
    expect(config.secret.reveal()).toBe('tok');
    expect(config.authorization.reveal()).toBe(`Basic ${Buffer.from(`${AC}:tok`).toString('base64')}`);
  });

  it('uses an API key with the account in the path', () => {
    const config = resolveConfig({ env: { TWILIO_ACCOUNT_SID: AC, TWILIO_API_KEY: SK, TWILIO_API_SECRET: 'sec' } });
    expect(config).toMatchObject({ account: AC, username: SK });
    expect(config.secret.reveal()).toBe('sec');
    expect(config.authorization.reveal()).toBe(`Basic ${Buffer.from(`${SK}:sec`).toString('base64')}`);
  });

  it('builds Twilio edge and region hosts', () => {
    const env = { TWILIO_ACCOUNT_SID: AC, TWILIO_AUTH_TOKEN: 'tok' };
    expect(resolveConfig({ env, edge: 'ashburn', region: 'us1' }).origin).toBe('https://api.ashburn.us1.twilio.com');
    expect(resolveConfig({ env, region: 'ie1' }).origin).toBe('https://api.ie1.twilio.com');
    expect(resolveConfig({ env: { ...env, TWILIO_EDGE: 'dublin', TWILIO_REGION: 'ie1' } }).origin).toBe('https://api.dublin.ie1.twilio.com');
    configError(() => resolveConfig({ env, edge: 'evil.com/' }));
  });

  it('reads SignalWire with either token name and a space name, host or URL', () => {
    const env = { SIGNALWIRE_PROJECT_ID: PROJECT, SIGNALWIRE_TOKEN: 'PTx' };
    expect(resolveConfig({ env: { ...env, SIGNALWIRE_SPACE_URL: 'example' } })).toMatchObject({
      provider: 'signalwire',
      origin: 'https://example.signalwire.com',
      account: PROJECT,
    });
    expect(resolveConfig({ env: { ...env, SIGNALWIRE_SPACE_URL: 'example.signalwire.com' } }).origin).toBe('https://example.signalwire.com');
    expect(resolveConfig({ env: { ...env, SIGNALWIRE_API_TOKEN: 'PTy', SIGNALWIRE_SPACE_URL: 'https://example.signalwire.com' } }).secret.reveal()).toBe('PTy');
  });

  it('refuses a space that is not a plain host label, and plain http off loopback', () => {
    const env = { SIGNALWIRE_PROJECT_ID: PROJECT, SIGNALWIRE_TOKEN: 'PTx' };
    for (const space of ['evil.com/x', 'a b', 'user@host', 'http://example.signalwire.com', 'exa_mple']) {
      configError(() => resolveConfig({ env: { ...env, SIGNALWIRE_SPACE_URL: space } }));
    }
    configError(() => resolveConfig({ env, baseUrl: 'http://10.0.0.1:8080' }));
    configError(() => resolveConfig({ env, baseUrl: 'https://user:pw@example.test' }));
    configError(() => resolveConfig({ env, baseUrl: 'https://example.test/api' }));
    expect(resolveConfig({ env, baseUrl: 'http://127.0.0.1:8080' }).origin).toBe('http://127.0.0.1:8080');
    expect(resolveConfig({ env, baseUrl: 'http://localhost:8080/' }).origin).toBe('http://localhost:8080');
  });

  it('lets explicit options win over the environment', () => {
    const config = resolveConfig({
      provider: 'signalwire',
      projectId: PROJECT,
      token: 'opt',
      space: 'mine',
      env: { CALLBRIDGE_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: AC, TWILIO_AUTH_TOKEN: 'tok', SIGNALWIRE_TOKEN: 'env' },
    });
    expect(config.provider).toBe('signalwire');
    expect(config.secret.reveal()).toBe('opt');
  });

  it('lists everything that is missing in one error', () => {
    const none = configError(() => resolveConfig({ env: {} }));
    expect(none.message).toMatch(/TWILIO_ACCOUNT_SID.*SIGNALWIRE_PROJECT_ID/);
    const sw = configError(() => resolveConfig({ env: { CALLBRIDGE_PROVIDER: 'signalwire' } }));
    expect(sw.message).toContain('SIGNALWIRE_PROJECT_ID');
    expect(sw.message).toContain('SIGNALWIRE_API_TOKEN');
    expect(sw.message).toContain('SIGNALWIRE_SPACE_URL');
    const tw = configError(() => resolveConfig({ env: { TWILIO_ACCOUNT_SID: AC, TWILIO_API_KEY: SK } }));
    expect(tw.message).toContain('TWILIO_API_SECRET');
  });

  it('refuses conflicting or invalid settings', () => {
    const both = configError(() => resolveConfig({ env: { TWILIO_ACCOUNT_SID: AC, TWILIO_AUTH_TOKEN: 't', SIGNALWIRE_PROJECT_ID: PROJECT } }));
    expect(both.message).toContain('CALLBRIDGE_PROVIDER');
    configError(() => resolveConfig({ env: { CALLBRIDGE_PROVIDER: 'plivo' } }));
    configError(() => resolveConfig({ env: { TWILIO_ACCOUNT_SID: 'ACnothex', TWILIO_AUTH_TOKEN: 't' } }));
    configError(() => resolveConfig({ env: { SIGNALWIRE_PROJECT_ID: 'nope', SIGNALWIRE_TOKEN: 't', SIGNALWIRE_SPACE_URL: 'x' } }));
    configError(() => resolveConfig({ env: { TWILIO_ACCOUNT_SID: AC, TWILIO_AUTH_TOKEN: 't' }, timeout: 0 }));
  });
});

describe('explicit options against the environment', () => {
  it('an explicit auth token wins over an API key in the environment', () => {
    const config = resolveConfig({ authToken: 'opt', env: { TWILIO_ACCOUNT_SID: AC, TWILIO_API_KEY: SK, TWILIO_API_SECRET: 'sec' } });
    expect(config.username).toBe(AC);
    expect(config.secret.reveal()).toBe('opt');
  });

  it('explicit credentials choose the provider even when the other provider is in the environment', () => {
    expect(resolveConfig({ accountSid: AC, authToken: 't', env: { SIGNALWIRE_PROJECT_ID: PROJECT } }).provider).toBe('twilio');
    expect(resolveConfig({ projectId: PROJECT, token: 't', space: 'x', env: { TWILIO_ACCOUNT_SID: AC, CALLBRIDGE_PROVIDER: 'twilio' } }).provider).toBe('signalwire');
  });
});

describe('provider choice and auth schemes', () => {
  it('never guesses a provider from options that fit no single one', () => {
    const mixed = configError(() => resolveConfig({ accountSid: AC, token: 't', env: {} }));
    expect(mixed.message).toContain('CALLBRIDGE_PROVIDER');
    expect(resolveConfig({ accountSid: AC, token: 't', env: { CALLBRIDGE_PROVIDER: 'signalwire', SIGNALWIRE_PROJECT_ID: PROJECT, SIGNALWIRE_SPACE_URL: 'x' } }).provider).toBe('signalwire');
  });

  it('writes Basic and Bearer Authorization values', () => {
    expect(authorizationValue({ scheme: 'basic', username: 'u', password: 'p:w' })).toBe(`Basic ${Buffer.from('u:p:w').toString('base64')}`);
    expect(authorizationValue({ scheme: 'bearer', token: 'KEY123' })).toBe('Bearer KEY123');
  });
});

describe('resolveConfig for Telnyx', () => {
  const ACCOUNT = '61bf923e-5e4d-4595-a110-56190ea18a1b';

  it('reads Telnyx from its environment variables: a bearer API key, api.telnyx.com', () => {
    const config = resolveConfig({ env: { TELNYX_ACCOUNT_SID: ACCOUNT, TELNYX_API_KEY: 'KEY0123' } });
    expect(config).toMatchObject({ provider: 'telnyx', origin: 'https://api.telnyx.com', account: ACCOUNT, username: null });
    expect(config.secret.reveal()).toBe('KEY0123');
    expect(config.authorization.reveal()).toBe('Bearer KEY0123');
  });

  it('takes accountSid and apiKey as Telnyx\'s only when the provider is named: the names are Twilio\'s too', () => {
    // Both names fit Twilio and Telnyx: they choose neither.
    expect(configError(() => resolveConfig({ env: {}, accountSid: ACCOUNT, apiKey: 'KEY0123' })).message).toMatch(/settings of several providers/);
    expect(resolveConfig({ env: {}, provider: 'telnyx', accountSid: ACCOUNT, apiKey: 'KEY0123' }).provider).toBe('telnyx');
    expect(resolveConfig({ env: { CALLBRIDGE_PROVIDER: 'telnyx' }, accountSid: ACCOUNT, apiKey: 'KEY0123' }).provider).toBe('telnyx');
    // An option only Twilio has still chooses Twilio.
    expect(resolveConfig({ env: {}, accountSid: AC, authToken: 'tok' }).provider).toBe('twilio');
    expect(resolveConfig({ env: {}, accountSid: AC, apiKey: SK, apiSecret: 'sec' }).provider).toBe('twilio');
  });

  it('never picks Telnyx from a stray TELNYX_API_KEY, nor Twilio when both accounts are set', () => {
    expect(resolveConfig({ env: { TWILIO_ACCOUNT_SID: AC, TWILIO_AUTH_TOKEN: 'tok', TELNYX_API_KEY: 'KEY0123' } }).provider).toBe('twilio');
    const both = { TWILIO_ACCOUNT_SID: AC, TWILIO_AUTH_TOKEN: 'tok', TELNYX_ACCOUNT_SID: ACCOUNT, TELNYX_API_KEY: 'KEY0123' };
    expect(configError(() => resolveConfig({ env: both })).message).toMatch(/Twilio, Telnyx/);
    expect(resolveConfig({ env: { ...both, CALLBRIDGE_PROVIDER: 'telnyx' } }).authorization.reveal()).toBe('Bearer KEY0123');
  });

  it('names what is missing or invalid', () => {
    expect(configError(() => resolveConfig({ env: { TELNYX_ACCOUNT_SID: ACCOUNT } })).message).toContain('TELNYX_API_KEY (apiKey)');
    expect(configError(() => resolveConfig({ env: { TELNYX_ACCOUNT_SID: AC, TELNYX_API_KEY: 'k' }, provider: 'telnyx' })).message).toMatch(/must be a UUID/);
  });
});
