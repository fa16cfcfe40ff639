import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeCall } from '../../src/dialects/registry.js';
import { MalformedRecordError } from '../../src/model/errors/malformed-record-error.js';

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const canonical = (raw: Record<string, unknown>) => JSON.parse(JSON.stringify(normalizeCall(raw))) as Record<string, unknown>;

/** The same canonical record as callbridge 0.1 wrote it: provider-only fields at the top level. */
function flat(record: Record<string, unknown>): Record<string, unknown> {
  const { quality, providerFields, ...rest } = record as { quality: Record<string, unknown> | null; providerFields: Record<string, Record<string, unknown>> };
  const q = quality ?? {};
  return {
    ...rest,
    annotation: providerFields.signalwire?.annotation ?? null,
    queueTime: providerFields.twilio?.queueTime ?? null,
    trunkSid: providerFields.twilio?.trunkSid ?? null,
    audioInMos: q.mos ?? null, sipResultCode: q.sipResultCode ?? null,
    audioRttAvg: q.rttAvg ?? null, audioRttMin: q.rttMin ?? null, audioRttMax: q.rttMax ?? null,
    audioOutJitterAvg: q.jitterAvg ?? null, audioOutJitterMin: q.jitterMin ?? null, audioOutJitterMax: q.jitterMax ?? null,
    audioOutLost: q.packetsLost ?? null,
  };
}

describe('canonical records', () => {
  const twilio = canonical(fixture('twilio/call.json'));
  const signalwire = canonical(fixture('signalwire/call.json'));

  it('are read back as written, groups included', () => {
    expect(signalwire.quality).not.toBeNull();
    for (const record of [twilio, signalwire]) expect(canonical(record)).toEqual(record);
  });

  it('written before grouping (flat provider-only fields) are read into the groups', () => {
    for (const record of [twilio, signalwire]) expect(canonical(flat(record))).toEqual(record);
  });

  it('refuses a quality figure the model does not have, or a provider group that is not an object', () => {
    expect(() => normalizeCall({ ...signalwire, quality: { mos: 4, loudness: 3 } })).toThrow(MalformedRecordError);
    expect(() => normalizeCall({ ...signalwire, quality: { mos: 'high' } })).toThrow(expect.objectContaining({ field: 'quality' }));
    expect(() => normalizeCall({ ...twilio, providerFields: { twilio: 5 } })).toThrow(expect.objectContaining({ field: 'providerFields' }));
    expect(() => normalizeCall({ ...twilio, providerFields: { acme: {} } })).toThrow(MalformedRecordError);
  });
});
