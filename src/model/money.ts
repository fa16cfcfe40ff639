/**
 * Prices are decimal strings, never floats. The canonical sign convention is
 * "a charge is positive": SignalWire's convention, the opposite of Twilio's.
 * Twilio's `"-0.01750"` is canonical `"0.01750"`; digits are kept exactly.
 */

// Prices are read for every record: these scan characters instead of running regular expressions.

const MINUS = 45;
const PLUS = 43;

/** True when `text` is a plain decimal number (`-0.01750`, `3`, `.5`, `3.`). */
export function isDecimal(text: string): boolean {
  let i = text.charCodeAt(0) === 45 || text.charCodeAt(0) === 43 ? 1 : 0;
  let digits = 0;
  let point = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !point) point = true;
    else return false;
  }
  return digits > 0;
}

/** True when a decimal has a digit other than zero, so that its sign means something. */
function nonZero(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 49 && c <= 57) return true;
  }
  return false;
}

/**
 * Flips the sign of a decimal string, keeping its digits verbatim.
 * Zero is always written without a sign, so `"-0.00"` and `"0.00"` both become `"0.00"`.
 */
export function negateDecimal(text: string): string {
  const sign = text.charCodeAt(0);
  const unsigned = sign === MINUS || sign === PLUS ? text.slice(1) : text;
  if (!nonZero(unsigned)) return unsigned;
  return sign === MINUS ? unsigned : `-${unsigned}`;
}

/** Drops a leading `+` and writes zero without a sign, keeping the digits verbatim. */
export function canonicalDecimal(text: string): string {
  const sign = text.charCodeAt(0);
  if (sign !== MINUS && sign !== PLUS) return text;
  const unsigned = text.slice(1);
  return sign === MINUS && nonZero(unsigned) ? text : unsigned;
}

/**
 * Writes a finite JSON number as a plain decimal string (no exponent) with
 * exactly the digits JavaScript prints for it: `1.5e-7` is `"0.00000015"`,
 * `1e21` is `"1000000000000000000000"`.
 */
export function decimalFromNumber(value: number): string {
  // JavaScript writes an exponent only below 1e-6 and from 1e21 up: prices never look for one.
  if ((value >= 1e-6 && value < 1e21) || (value <= -1e-6 && value > -1e21) || value === 0) return String(value);
  const text = String(value);
  const e = text.indexOf('e');
  if (e === -1) return text;
  // Move the point of the shortest digits JavaScript chose; toFixed would round
  // them to a fixed number of places and still print an exponent from 1e21 up.
  const sign = text[0] === '-' ? '-' : '';
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = point === -1 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  const at = (point === -1 ? mantissa.length : point) + exponent;
  if (at <= 0) return `${sign}0.${'0'.repeat(-at)}${digits}`;
  if (at >= digits.length) return sign + digits + '0'.repeat(at - digits.length);
  return `${sign}${digits.slice(0, at)}.${digits.slice(at)}`;
}

/** The digits of a decimal without leading integer zeros or trailing fraction zeros: `"-0.07000"` is `"-.07"`. */
function decimalKey(text: string): string {
  const sign = text[0] === '-' && nonZero(text) ? '-' : '';
  let body = text[0] === '-' || text[0] === '+' ? text.slice(1) : text;
  if (body.includes('.')) body = body.replace(/0+$/, '').replace(/\.$/, '');
  return sign + body.replace(/^0+(?=\d|\.|$)/, '');
}

/**
 * True when two decimal strings name the same amount (`"0.07000"` and `"0.07"`).
 * Twilio sends prices with fixed digits and SignalWire as JSON numbers, so the
 * same price reads as different text from each; compare with this, not `===`.
 */
export function sameDecimal(a: string | null, b: string | null): boolean {
  return a === null || b === null ? a === b : decimalKey(a) === decimalKey(b);
}
