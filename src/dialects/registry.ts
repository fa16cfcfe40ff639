import type { Call } from '../model/call.js';
import { callFromCanonical, isCanonicalRecord } from '../model/canonical-record.js';
import { MalformedRecordError } from '../model/errors/malformed-record-error.js';
import { PROVIDERS, type Provider } from '../model/provider.js';
import type { Dialect } from './common/dialect.js';
import { createSignalWireDialect } from './signalwire/signalwire-dialect.js';
import { createTelnyxDialect } from './telnyx/telnyx-dialect.js';
import { createTwilioDialect } from './twilio/twilio-dialect.js';

const REGISTRY = {
  twilio: createTwilioDialect(),
  signalwire: createSignalWireDialect(),
  telnyx: createTelnyxDialect(),
} satisfies Record<Provider, Dialect>;

/**
 * Every provider's definition, by provider. A new provider is one more entry
 * here (and its name in PROVIDERS); the type demands one entry per provider.
 */
export const DIALECTS: Readonly<Record<Provider, Dialect>> = REGISTRY;

/** The `createCallClient` options of a provider, as its folder defines them. */
export type OptionsOf<P extends Provider> = (typeof REGISTRY)[P] extends Dialect<infer O> ? O : never;

/** The credentials of the account the emulator serves for a provider. */
export type EmulatedCredentialsOf<P extends Provider> = (typeof REGISTRY)[P] extends Dialect<object, infer C> ? C : never;

/** Further credentials of that account the emulator accepts. */
export type EmulatedAlternatesOf<P extends Provider> = (typeof REGISTRY)[P] extends Dialect<object, object, infer A> ? A : never;

/** The key an emulated account of a provider shows its users for its webhooks (SignalWire `{ signingKey }`, Telnyx `{ publicKey }`). */
export type WebhookKeysOf<P extends Provider> = (typeof REGISTRY)[P] extends Dialect<object, object, object, infer K> ? K : never;

const ALL = Object.values(DIALECTS);

/**
 * Tells which dialect a raw call record is written in, from its sid's shape and
 * its fields' shapes. Returns null when the record does not say.
 */
export function detectDialect(raw: unknown): Provider | null {
  return dialectOf(raw)?.provider ?? null;
}

/** The dialect {@link detectDialect} names, itself: no lookup by name on the hot path. */
function dialectOf(raw: unknown): Dialect | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  // A sid's shape outweighs every other clue together, so it settles the question alone.
  const sid = (raw as { sid?: unknown }).sid;
  if (typeof sid === 'string') {
    for (const dialect of ALL) if (dialect.claimsSid(sid)) return dialect;
  }
  return bestScored(raw as Record<string, unknown>);
}

// Kept out of detectDialect, and the error out of normalizeCall: V8 inlines a
// function whole into its callers within a fixed budget of bytecode, and with
// these rare paths inside, normalizeCall's common path lost the inlining of
// record reading (measured 15% slower than reading with a known dialect).

/** The dialect whose clues score highest; null for a tie or no clue. */
function bestScored(raw: Record<string, unknown>): Dialect | null {
  let best: Dialect | null = null;
  let bestScore = 0;
  let tie = false;
  for (const dialect of ALL) {
    const score = dialect.detect(raw);
    if (score > bestScore) {
      best = dialect;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && score > 0) {
      tie = true;
    }
  }
  return tie ? null : best;
}

function undetected(raw: unknown, position: string | undefined): MalformedRecordError {
  return new MalformedRecordError(
    position ?? 'at an unknown position',
    '(dialect)',
    `does not look like a call record of ${PROVIDERS.join(', ')}; pass { dialect } to read it anyway`,
    raw,
  );
}

/** Options of {@link normalizeCall}. */
export interface NormalizeOptions {
  /** Read the record in this dialect instead of detecting it. */
  dialect?: Provider;
  /** How to name the record in errors when its sid cannot be read (`line 12`, `calls[3]`). */
  position?: string;
}

/**
 * Reads one raw call record of either provider into a canonical {@link Call},
 * detecting its dialect unless one is given. A canonical record callbridge
 * wrote (it names its `provider`) is read back as it stands. Throws {@link MalformedRecordError}
 * (naming the record and the field) when the record cannot be read.
 */
export function normalizeCall(raw: unknown, options?: NormalizeOptions): Call {
  if (isCanonicalRecord(raw)) return callFromCanonical(raw, options?.position);
  const dialect = options?.dialect === undefined ? dialectOf(raw) : DIALECTS[options.dialect];
  if (dialect === null) throw undetected(raw, options?.position);
  return dialect.toCall(raw, options?.position);
}

/**
 * Writes a canonical Call as a raw record of the given dialect, with that
 * dialect's documented types and vocabularies. In the Call's own dialect the
 * record round-trips exactly; across dialects, see docs/dialects.md for what
 * each side cannot carry.
 */
export function toDialect(call: Call, provider: Provider): Record<string, unknown> {
  return DIALECTS[provider].fromCall(call);
}
