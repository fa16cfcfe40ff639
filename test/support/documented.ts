import { readFileSync } from 'node:fs';
import type { Call } from '../../src/model/call.js';
import type { Provider } from '../../src/model/provider.js';

/**
 * Each provider's documented call record, derived from the providers' own
 * field lists (copied verbatim under fixtures/<provider>/published/), so that
 * tests compare callbridge with the documents and not with src/.
 */

/** A JSON type as the docs name it; `integer` is a `number` without a fraction. */
export type JsonType = 'string' | 'integer' | 'number' | 'object';

/** One documented field of a call record. */
export interface DocumentedField {
  type: JsonType;
  /** The docs say the value may be null ("or null", "| null"). */
  nullable: boolean;
}

const published = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');

/** SignalWire's type words (`double`, `enum`) as JSON types. */
const SIGNALWIRE_TYPE: Record<string, JsonType> = { string: 'string', enum: 'string', integer: 'integer', double: 'number', object: 'object' };

/**
 * Reads the "Response" section of SignalWire's "Retrieve a Call" page, where a
 * field's name runs into its type: `sip_result_codestring or null`,
 * `sidstringformat: "uuid"`, `pricedouble or null`.
 */
function signalWireFields(text: string): Map<string, DocumentedField> {
  const fields = new Map<string, DocumentedField>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+?)(string|integer|double|enum|object)( or null)?(?:format: "[^"]*")?$/.exec(line);
    if (m) fields.set(m[1]!, { type: SIGNALWIRE_TYPE[m[2]!]!, nullable: m[3] !== undefined });
  }
  return fields;
}

/**
 * Reads the "Responses" section of Twilio's list-calls page: the call's
 * attributes are the bullets nested under `calls array[object]`, e.g.
 * `• date_created string(date-time-rfc-2822) | null`.
 */
function twilioFields(text: string): Map<string, DocumentedField> {
  const fields = new Map<string, DocumentedField>();
  for (const line of text.split('\n')) {
    const m = /^ {6}• ([a-z_]+) (string|integer|object)(?:\([^)]*\))?( \| null)?$/.exec(line);
    if (m) fields.set(m[1]!, { type: m[2] as JsonType, nullable: m[3] !== undefined });
  }
  return fields;
}

/**
 * Reads the `properties` of Telnyx's `CallResource` schema (YAML from its
 * OpenAPI spec): a field is a name at the properties' indent, its type the
 * `type:` line under it. The schema marks no field nullable.
 */
function telnyxFields(text: string): Map<string, DocumentedField> {
  const fields = new Map<string, DocumentedField>();
  let name: string | null = null;
  for (const line of text.split('\n')) {
    const field = /^ {8}([a-z_]+):$/.exec(line);
    if (field) name = field[1]!;
    const type = /^ {10}type: (string|integer|number|object)$/.exec(line);
    if (type && name !== null) fields.set(name, { type: type[1] as JsonType, nullable: false });
  }
  return fields;
}

/** Every documented field of each provider's call record, with its JSON type. */
export const DOCUMENTED: Readonly<Record<Provider, ReadonlyMap<string, DocumentedField>>> = {
  twilio: twilioFields(published('twilio/published/list-calls.response-fields.txt')),
  signalwire: signalWireFields(published('signalwire/published/retrieve-call.response-fields.txt')),
  telnyx: telnyxFields(published('telnyx/published/call-resource.schema.yml')),
};

/** Every key of Twilio's documented call record. */
export const TWILIO_FIELDS: readonly string[] = [...DOCUMENTED.twilio.keys()];

/** Every key of SignalWire's documented call record, both formatted aliases included. */
export const SIGNALWIRE_FIELDS: readonly string[] = [...DOCUMENTED.signalwire.keys()];

/** Every key of Telnyx's documented TeXML call record. */
export const TELNYX_FIELDS: readonly string[] = [...DOCUMENTED.telnyx.keys()];

/** Whether `value` has the JSON type `type` (null is judged by the caller). */
export function hasJsonType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

/**
 * What in `record` differs from the documented fields of `provider`: a missing
 * key, a value of another JSON type, or a null where the docs do not allow one
 * (unless `mayBeNull(key)` says the value is unknown, so null is all there is to write).
 */
export function documentedTypeErrors(
  provider: Provider,
  record: Record<string, unknown>,
  mayBeNull: (key: string) => boolean = () => false,
): string[] {
  const errors: string[] = [];
  for (const [key, { type, nullable }] of DOCUMENTED[provider]) {
    if (!Object.hasOwn(record, key)) errors.push(`${key}: missing`);
    else if (record[key] === null) {
      if (!nullable && !mayBeNull(key)) errors.push(`${key}: null, documented ${type}`);
    } else if (!hasJsonType(record[key], type)) errors.push(`${key}: ${JSON.stringify(record[key])}, documented ${type}`);
  }
  return errors;
}

/** A decimal's value written one way (`-0.01750`, `-.0175` and `-0.0175` are the same amount). */
export function amount(text: string | null): string | null {
  if (text === null) return null;
  const negative = text.startsWith('-');
  let [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.');
  whole = whole.replace(/^0+/, '') || '0';
  fraction = fraction.replace(/0+$/, '');
  const unsigned = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && unsigned !== '0' ? `-${unsigned}` : unsigned;
}

/** The fields both dialects carry, by value (a price "0.01750" and 0.0175 are the same amount). */
export function sharedFields(call: Call) {
  return {
    to: call.to,
    toFormatted: call.toFormatted,
    from: call.from,
    fromFormatted: call.fromFormatted,
    forwardedFrom: call.forwardedFrom,
    callerName: call.callerName,
    direction: call.direction,
    startTime: call.startTime,
    endTime: call.endTime,
    dateCreated: call.dateCreated,
    dateUpdated: call.dateUpdated,
    duration: call.duration,
    price: amount(call.price),
    priceUnit: call.priceUnit,
    apiVersion: call.apiVersion,
    extra: call.extra,
  };
}
