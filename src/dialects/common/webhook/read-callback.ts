import { readAddress } from '../../../model/address.js';
import type { CallEvent } from '../../../model/call-event.js';
import { directionOf } from '../../../model/direction.js';
import { MalformedRecordError } from '../../../model/errors/malformed-record-error.js';
import type { CallStatus } from '../../../model/status.js';
import { readCount, readText, readTime } from '../lenient.js';
import { setOwnField } from '../own-field.js';
import type { CallbackSpec } from './callback-spec.js';
import type { FormFields } from './form-fields.js';

/** The fields read into a CallEvent's own members; every other field goes to `extra`. */
const READ = new Set(['CallSid', 'AccountSid', 'ParentCallSid', 'CallStatus', 'SequenceNumber', 'Timestamp', 'CallDuration', 'From', 'To', 'Direction', 'CallbackSource']);

/** A field sent once; a field sent several times cannot be read as one value. */
function single(fields: FormFields, name: string, record: string): string | undefined {
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (Array.isArray(value)) throw new MalformedRecordError(record, name, `is sent ${value.length} times; a status callback sends it once`, value);
  return value;
}

function required(fields: FormFields, name: string, record: string): string {
  const value = readText(single(fields, name, record), name, record);
  if (value === null || value.trim() === '') throw new MalformedRecordError(record, name, 'is missing; every status callback carries it', value);
  return value;
}

/** The canonical status of a callback's `CallStatus`: `initiated` is the REST resource's `queued`. */
function statusOf(detail: string, spec: CallbackSpec, record: string): CallStatus {
  if (!spec.statuses.has(detail)) {
    throw new MalformedRecordError(record, 'CallStatus', `is "${detail}", not one of ${spec.provider}'s callback statuses (${[...spec.statuses].join(', ')})`, detail);
  }
  return detail === 'initiated' ? 'queued' : (detail as CallStatus);
}

/**
 * Reads a status callback's form fields into a {@link CallEvent}. Absent
 * optional fields are null; a field that is present but cannot be read throws
 * {@link MalformedRecordError} naming it.
 */
export function readCallback(fields: FormFields, spec: CallbackSpec): CallEvent {
  const sid = required(fields, 'CallSid', `${spec.provider} status callback`);
  const record = `${spec.provider} status callback of ${sid}`;
  const statusDetail = required(fields, 'CallStatus', record);
  const text = (name: string) => readText(single(fields, name, record), name, record);
  const address = (name: string) => {
    const value = text(name);
    return value === null || value === '' ? null : readAddress(value);
  };
  const directionDetail = text('Direction');
  const extra: Record<string, string | string[]> = {};
  for (const key of Object.keys(fields)) if (!READ.has(key)) setOwnField(extra, key, fields[key]);
  return {
    provider: spec.provider,
    sid,
    accountSid: text('AccountSid'),
    parentCallSid: text('ParentCallSid') || null,
    status: statusOf(statusDetail, spec, record),
    statusDetail,
    sequenceNumber: readCount(single(fields, 'SequenceNumber', record), 'SequenceNumber', record),
    timestamp: readTime(single(fields, 'Timestamp', record), 'Timestamp', record),
    duration: readCount(single(fields, 'CallDuration', record), 'CallDuration', record),
    from: address('From'),
    to: address('To'),
    direction: directionDetail === null ? null : directionOf(directionDetail),
    directionDetail,
    callbackSource: text('CallbackSource'),
    extra,
  };
}
