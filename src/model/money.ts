/**
 * Prices are decimal strings, never floats. The canonical sign convention is
 * "a charge is positive": SignalWire's convention, the opposite of Twilio's.
 * Twilio's `"-0.01750"` is canonical `"0.01750"`; digits are kept exactly.
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** True when `text` is a plain decimal number (`-0.01750`, `3`, `.5`). */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

/**
 * Flips the sign of a decimal string, keeping its digits verbatim.
 * Zero is always written without a sign, so `"-0.00"` and `"0.00"` both become `"0.00"`.
 */
export function negateDecimal(text: string): string {
  const unsigned = text[0] === '-' || text[0] === '+' ? text.slice(1) : text;
  if (!/[1-9]/.test(unsigned)) return unsigned;
  return text[0] === '-' ? unsigned : `-${unsigned}`;
}

/** Drops a leading `+` and writes zero without a sign, keeping the digits verbatim. */
export function canonicalDecimal(text: string): string {
  const unsigned = text[0] === '-' || text[0] === '+' ? text.slice(1) : text;
  return text[0] === '-' && /[1-9]/.test(unsigned) ? text : unsigned;
}

/** Writes a JSON number as a plain decimal string (no exponent), exactly as JavaScript prints it. */
export function decimalFromNumber(value: number): string {
  const text = String(value);
  if (!text.includes('e')) return text;
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}
