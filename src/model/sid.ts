/**
 * Call sids. Twilio: `CA` + 32 hex digits. SignalWire: a UUID. A UUID's 32 hex
 * digits map one-to-one onto a Twilio-shaped sid, which is how SignalWire calls
 * are written in the Twilio dialect and read back.
 */

const TWILIO_CALL_SID = /^CA[0-9a-fA-F]{32}$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// The shape of a UUID whatever its characters: published samples hold ids like `…98472pn`.
const UUID_SHAPED = /^[0-9a-zA-Z]{8}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{12}$/;

/** True for a Twilio call sid: `CA` followed by 32 hexadecimal digits. */
export function isTwilioCallSid(value: string): boolean {
  return TWILIO_CALL_SID.test(value);
}

/** True for a UUID in its canonical 8-4-4-4-12 hexadecimal form. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** True for an 8-4-4-4-12 id of letters and digits, a valid UUID or not. */
export function isUuidShaped(value: string): boolean {
  return UUID_SHAPED.test(value);
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
