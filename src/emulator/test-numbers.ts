import type { CallStatus } from '../model/status.js';

/** How a created call ends, chosen by the number it calls. */
export type Outcome = Extract<CallStatus, 'completed' | 'busy' | 'no-answer' | 'failed'>;

/**
 * Destination numbers with a fixed outcome, in the manner of Twilio's test
 * credentials' magic numbers (docs/emulator.md). Any other destination answers
 * and completes. SignalWire's dialect writes `no-answer` as `failed`.
 */
export const TEST_NUMBERS: Readonly<Record<string, Outcome>> = {
  '+15005550001': 'failed',
  '+15005550002': 'busy',
  '+15005550003': 'no-answer',
};

/** The outcome of a call to `to`. */
export function outcomeFor(to: string): Outcome {
  return TEST_NUMBERS[to] ?? 'completed';
}
