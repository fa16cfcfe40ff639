/** The providers callbridge speaks to. Each has one dialect of the 2010-04-01 Calls API. */
export type Provider = 'twilio' | 'signalwire';

/** Every supported provider, in a stable order. */
export const PROVIDERS: readonly Provider[] = ['twilio', 'signalwire'];

/** Narrows an unknown value to a {@link Provider}. */
export function isProvider(value: unknown): value is Provider {
  return value === 'twilio' || value === 'signalwire';
}
