import { CallbridgeError } from './callbridge-error.js';

/**
 * A record (or response body) could not be read into the canonical model.
 * `record` identifies it (its sid when one could be read, otherwise its position),
 * `field` names what could not be read, `value` is what was there.
 */
export class MalformedRecordError extends CallbridgeError {
  override name = 'MalformedRecordError';
  readonly record: string;
  readonly field: string;
  readonly value: unknown;

  constructor(record: string, field: string, reason: string, value?: unknown) {
    super(`record ${record}: field "${field}" ${reason}`);
    this.record = record;
    this.field = field;
    this.value = value;
  }
}
