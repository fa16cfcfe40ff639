import { twilioSidToUuid } from '../model/sid.js';
import { hex32, mix32 } from './random.js';

/** A Twilio account's Basic-auth pair. */
export interface TwilioCredentials {
  /** `AC` + 32 hex digits; the username. */
  accountSid: string;
  /** 32 hex digits; the password. */
  authToken: string;
}

/** A Twilio API key of the account: Basic auth with the key as username, the account still in the path. */
export interface TwilioApiKey {
  /** `SK` + 32 hex digits. */
  apiKey: string;
  /** 32 characters. */
  apiSecret: string;
}

/** A SignalWire project's Basic-auth pair. */
export interface SignalWireCredentials {
  /** A UUID; the username, and the account id in paths. */
  projectId: string;
  /** `PT` + 48 hex digits; the password. */
  token: string;
}

/** Both accounts the emulator serves. They hold the same calls; the ids share their 32 characters. */
export interface EmulatorAccounts {
  twilio: TwilioCredentials;
  /** Accepted on Twilio paths instead of the auth token. */
  twilioApiKey: TwilioApiKey;
  signalwire: SignalWireCredentials;
}

/**
 * Deterministic credentials: the account ids come from the dataset's account
 * (32 characters) and the secrets from the seed, so a test can rely on them
 * across runs without reading them from the emulator.
 */
export function accountsFor(accountKey: string, seed: number): EmulatorAccounts {
  const s = mix32(seed ^ 0x2545f491);
  return {
    twilio: { accountSid: `AC${accountKey}`, authToken: hex32(s) },
    twilioApiKey: { apiKey: `SK${hex32(s ^ 3)}`, apiSecret: hex32(s ^ 4) },
    signalwire: { projectId: twilioSidToUuid(`AC${accountKey}`), token: `PT${hex32(s ^ 1)}${hex32(s ^ 2).slice(0, 16)}` },
  };
}
