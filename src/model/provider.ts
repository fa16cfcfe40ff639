/**
 * The providers callbridge speaks to, in a stable order: the one list of their
 * names. Adding a provider is one name here plus its entry in the dialect
 * registry (src/dialects/registry.ts), which the compiler then demands.
 */
export const PROVIDERS = ['twilio', 'signalwire', 'telnyx'] as const;

/** A provider callbridge speaks to. Each has one Twilio-shaped dialect of the Calls API. */
export type Provider = (typeof PROVIDERS)[number];

/** Narrows an unknown value to a {@link Provider}. */
export function isProvider(value: unknown): value is Provider {
  return (PROVIDERS as readonly unknown[]).includes(value);
}
