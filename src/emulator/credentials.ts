import { twilioSidToUuid } from '../model/sid.js';
import { hex32, mix32 } from './random.js';

/** A Twilio account's Basic-auth pair. */
export interface TwilioCredentials {
  /** `AC` + 32 hex digits; the username. */
  accountSid: string;
  /** 32 hex digits; the password. */
  authToken: string;
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
    signalwire: { projectId: twilioSidToUuid(`AC${accountKey}`), token: `PT${hex32(s ^ 1)}${hex32(s ^ 2).slice(0, 16)}` },
  };
}
