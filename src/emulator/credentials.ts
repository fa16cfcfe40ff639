import type { EmulatedAccount } from '../dialects/common/emulated/emulated-api.js';
import type { WebhookSigner } from '../dialects/common/webhook/webhook-signer.js';
import { DIALECTS, type EmulatedAlternatesOf, type EmulatedCredentialsOf, type WebhookKeysOf } from '../dialects/registry.js';
import { emulatedWebhookSigner } from '../dialects/webhook-registry.js';
import { PROVIDERS, type Provider } from '../model/provider.js';
import { hex32, mix32 } from './random.js';

/**
 * The credentials of every account the emulator serves, by provider, as
 * `createCallClient` options, with the key its status callbacks are verified
 * with where the provider has one of its own (SignalWire's `signingKey`).
 */
export type EmulatorAccounts = { readonly [P in Provider]: EmulatedCredentialsOf<P> & WebhookKeysOf<P> };

/** Further credentials of those accounts the emulator accepts, by provider (Twilio: an API key). */
export type EmulatorAlternates = { readonly [P in Provider]: readonly EmulatedAlternatesOf<P>[] };

/** An account the emulator serves, with the signer of its status callbacks. */
export interface ServedAccount extends EmulatedAccount<object, object> {
  signer: WebhookSigner;
}

/** Each provider's account, by provider. */
export type ServedAccounts = Readonly<Record<Provider, ServedAccount>>;

/**
 * Deterministic accounts, one per provider, holding the same calls: the
 * account ids come from the dataset's account (32 characters), so they share
 * those characters, and the secrets from the seed, so a test can rely on them
 * across runs without reading them from the emulator.
 */
export function accountsFor(accountKey: string, seed: number, host: string): ServedAccounts {
  const s = mix32(seed ^ 0x2545f491);
  const secret = (i: number) => hex32(s ^ i);
  return Object.fromEntries(
    PROVIDERS.map((p, i) => {
      const account: EmulatedAccount<object, object> = DIALECTS[p].emulated.account(accountKey, secret, host);
      // A provider that keys its webhooks with a key of its own gets one from the seed, apart from the accounts' secrets.
      return [p, { ...account, signer: emulatedWebhookSigner(p, account.webhookSecret ?? secret(0x100 + i)) }];
    }),
  ) as Record<Provider, ServedAccount>;
}
