/** Canonical answering-machine-detection result. Twilio's detail (`machine_end_beep`, …) is kept in `answeredByDetail`. */
export type AnsweredBy = 'human' | 'machine' | 'fax' | 'unknown';

/**
 * Reads a provider's answered_by value. Every `machine_*` value is `machine`;
 * a value neither vocabulary has becomes `unknown` (the raw value is kept as detail).
 */
export function answeredByOf(detail: string): AnsweredBy {
  if (detail === 'human' || detail === 'fax' || detail === 'unknown') return detail;
  if (detail === 'machine' || detail.startsWith('machine_')) return 'machine';
  return 'unknown';
}
