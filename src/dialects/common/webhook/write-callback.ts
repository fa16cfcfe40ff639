import type { CallEvent } from '../../../model/call-event.js';
import { parseIsoInstant } from '../../../model/time.js';
import { setOwnField } from '../own-field.js';
import type { CallbackSpec } from './callback-spec.js';
import type { FormFields } from './form-fields.js';

/** The `CallStatus` a provider sends for an event: its own detail when it has it, else the canonical status (`queued` sent as `initiated`). */
function callbackStatus(event: CallEvent, spec: CallbackSpec): string {
  const detail = event.statusDetail;
  const detailMeans = detail === 'initiated' ? 'queued' : detail;
  if (spec.statuses.has(detail) && detailMeans === event.status) return detail;
  return event.status === 'queued' && !spec.statuses.has('queued') ? 'initiated' : event.status;
}

/**
 * Writes a {@link CallEvent} as the form fields of a provider's status
 * callback, with its documented names and value forms (the body the emulator
 * posts, signed). Fields the event does not know are left out; its `extra`
 * fields are written as they are.
 */
export function writeCallback(event: CallEvent, spec: CallbackSpec): FormFields {
  const fields: FormFields = {};
  const put = (name: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined) setOwnField(fields, name, String(value));
  };
  put('AccountSid', event.accountSid);
  put('CallSid', event.sid);
  put('CallStatus', callbackStatus(event, spec));
  put('CallbackSource', event.callbackSource ?? 'call-progress-events');
  put('From', event.from?.value);
  put('To', event.to?.value);
  if (spec.sendsDirection) put('Direction', event.directionDetail ?? event.direction);
  put('ParentCallSid', event.parentCallSid);
  put('SequenceNumber', event.sequenceNumber);
  put('Timestamp', event.timestamp === null ? null : spec.formatTimestamp(parseIsoInstant(event.timestamp)));
  put('CallDuration', event.duration);
  for (const [name, value] of Object.entries(spec.ownFields(event))) put(name, value);
  for (const name of Object.keys(event.extra)) setOwnField(fields, name, event.extra[name]);
  return fields;
}
