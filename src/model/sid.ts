/**
 * Call sids. Twilio: `CA` + 32 hex digits. SignalWire: a UUID. A UUID's 32 hex
 * digits map one-to-one onto a Twilio-shaped sid, which is how SignalWire calls
 * are written in the Twilio dialect and read back.
 */

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

// The two checks below run on every record whose dialect is detected: they
// scan characters, which costs a fraction of the equivalent regular expressions.

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isAlphanumeric = (c: number) => isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** True for a Twilio call sid: `CA` followed by 32 hexadecimal digits. */
export function isTwilioCallSid(value: string): boolean {
  if (value.length !== 34 || value.charCodeAt(0) !== 67 || value.charCodeAt(1) !== 65) return false;
  for (let i = 2; i < 34; i++) if (!isHex(value.charCodeAt(i))) return false;
  return true;
}

/** True for a UUID in its canonical 8-4-4-4-12 hexadecimal form. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * True for an 8-4-4-4-12 id of ASCII letters and digits, a valid UUID or not:
 * published samples hold ids like `…98472pn`.
 */
export function isUuidShaped(value: string): boolean {
  if (value.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== 45 : !isAlphanumeric(c)) return false;
  }
  return true;
}

/**
 * Maps a UUID-shaped id onto the Twilio shape with the given two-letter prefix
 * (`CA` for calls): the 32 characters without dashes, case kept.
 * Returns the input unchanged when it is not UUID-shaped.
 */
export function uuidToTwilioSid(uuid: string, prefix = 'CA'): string {
  return isUuidShaped(uuid) ? prefix + uuid.replaceAll('-', '') : uuid;
}

/**
 * Maps a Twilio-shaped id (two letters + 32 characters) back onto a UUID, the
 * inverse of {@link uuidToTwilioSid}. Returns the input unchanged when it has another shape.
 */
export function twilioSidToUuid(sid: string): string {
  if (!/^[A-Z]{2}[0-9a-zA-Z]{32}$/.test(sid)) return sid;
  const h = sid.slice(2);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
