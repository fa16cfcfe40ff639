/**
 * Canonical call status: the union of both dialects' vocabularies.
 * SignalWire never reports `no-answer`.
 */
export type CallStatus =
  | 'queued'
  | 'ringing'
  | 'in-progress'
  | 'completed'
  | 'busy'
  | 'failed'
  | 'no-answer'
  | 'canceled';

/** Every canonical status, in the order the providers document them. */
export const CALL_STATUSES: readonly CallStatus[] = [
  'queued',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
];

const STATUS_SET: ReadonlySet<string> = new Set(CALL_STATUSES);

/** Narrows an unknown value to a {@link CallStatus}. */
export function isCallStatus(value: unknown): value is CallStatus {
  return typeof value === 'string' && STATUS_SET.has(value);
}
