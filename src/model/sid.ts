/**
 * The shapes of provider ids, in one place. Twilio: two letters (`CA` for a
 * call, `AC` an account, `SK` an API key) + 32 hex digits. SignalWire: a UUID.
 * A UUID's 32 hex digits map one-to-one onto a Twilio-shaped sid, which is how
 * SignalWire calls are written in the Twilio dialect and read back.
 */

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

// The two checks below run on every record whose dialect is detected. They
// look characters up in a table: ids are random hex, and range checks on
// random characters branch unpredictably (they cost as much as the regular
// expressions did; the table a third of that). The table has an entry for
// every UTF-16 code unit (64 KB), so that no lookup needs a range check first.
const HEX = 1;
// The second bit: `>> 1` makes it a count.
const ALPHANUMERIC = 2;
const CLASSES = new Uint8Array(65536);
for (const [first, last, bits] of [['0', '9', HEX | ALPHANUMERIC], ['a', 'f', HEX], ['A', 'F', HEX], ['a', 'z', ALPHANUMERIC], ['A', 'Z', ALPHANUMERIC]] as const) {
  for (let c = first.charCodeAt(0); c <= last.charCodeAt(0); c++) CLASSES[c]! |= bits;
}

/** True when the 32 characters after the first two are hexadecimal digits. */
function hexAfterPrefix(value: string): boolean {
  // Accumulated, not a branch and an exit per character: a Twilio record pays this on every read.
  let hex = HEX;
  for (let i = 2; i < 34; i++) hex &= CLASSES[value.charCodeAt(i)]!;
  return hex === HEX;
}

/** True for a Twilio call sid: `CA` followed by 32 hexadecimal digits. */
export function isTwilioCallSid(value: string): boolean {
  // Spelled out for `CA`: it runs on every record whose dialect is detected.
  return value.length === 34 && value.charCodeAt(0) === 67 && value.charCodeAt(1) === 65 && hexAfterPrefix(value);
}

/** True for a Twilio id of the given kind: `prefix` (`AC`, `SK`, `CA`, …) followed by 32 hexadecimal digits. */
export function isTwilioSid(value: string, prefix: string): boolean {
  return value.length === 34 && value.startsWith(prefix) && hexAfterPrefix(value);
}

const TWILIO_SHAPED = /^[A-Z]{2}[0-9a-zA-Z]{32}$/;
const KEY_SHAPED = /^[0-9a-zA-Z]{32}$/;

/**
 * True for an id of Twilio's shape, valid hex or not: two capital letters and
 * 32 ASCII letters or digits (what a UUID-shaped id maps onto).
 */
export function isTwilioShaped(value: string): boolean {
  return TWILIO_SHAPED.test(value);
}

/** True for a sid key: 32 ASCII letters or digits (see {@link sidKey}). */
export function isSidKey(value: string): boolean {
  return KEY_SHAPED.test(value);
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
  if (value.charCodeAt(8) !== 45 || value.charCodeAt(13) !== 45 || value.charCodeAt(18) !== 45 || value.charCodeAt(23) !== 45) return false;
  // Letters and digits are counted rather than branched on (a branch at each
  // dash is mispredicted): with the four dashes in place, 32 of them means
  // every other character is one.
  let alphanumerics = 0;
  for (let i = 0; i < 36; i++) alphanumerics += (CLASSES[value.charCodeAt(i)]! & ALPHANUMERIC) >> 1;
  return alphanumerics === 32;
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
  return isTwilioShaped(sid) ? keyToUuid(sid.slice(2)) : sid;
}

/** A sid key (32 characters) written as a UUID: 8-4-4-4-12. */
function keyToUuid(key: string): string {
  return `${key.slice(0, 8)}-${key.slice(8, 12)}-${key.slice(12, 16)}-${key.slice(16, 20)}-${key.slice(20)}`;
}

/**
 * The provider-free identity of a sid: the 32 characters a Twilio-shaped sid
 * (`CA…`) and the UUID it maps onto share; any other id verbatim. Both
 * spellings of one call have the same key.
 */
export function sidKey(sid: string): string {
  if (isUuidShaped(sid)) return sid.replaceAll('-', '');
  if (isTwilioShaped(sid)) return sid.slice(2);
  return sid;
}

/** A sid key spelled as a UUID; an id that is not a key stays as it is. */
export function sidKeyToUuid(key: string): string {
  return isSidKey(key) ? keyToUuid(key) : key;
}
