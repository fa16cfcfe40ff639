import { describe, expect, it } from 'vitest';
import { DIALECTS, normalizeCall } from '../../src/dialects/registry.js';
import { BadQueryError } from '../../src/model/errors/bad-query-error.js';
import { CALL_STATUSES } from '../../src/model/status.js';
import { generateDataset } from '../../src/emulator/generate-dataset.js';
import { sidKey } from '../../src/model/sid.js';

const ds = generateDataset({ calls: 3000, seed: 11 });
const calls = Array.from({ length: ds.size }, (_, i) => ds.call(i));

describe('generateDataset', () => {
  it('is deterministic: the same seed gives the same calls, another seed others', () => {
    const again = generateDataset({ calls: 3000, seed: 11 });
    const other = generateDataset({ calls: 3000, seed: 12 });
    for (const i of [0, 1, 17, 1500, 2999]) {
      expect(DIALECTS.twilio.fromCall(again.call(i))).toEqual(DIALECTS.twilio.fromCall(ds.call(i)));
      expect(again.call(i)).toEqual(ds.call(i));
    }
    expect(other.keyAt(0)).not.toBe(ds.keyAt(0));
    expect(other.accountKey).not.toBe(ds.accountKey);
    // A call is rebuilt identically however often it is served.
    expect(ds.call(42)).toEqual(ds.call(42));
  });

  it('refuses sizes outside 10..1,000,000', () => {
    expect(() => generateDataset({ calls: 9 })).toThrow(BadQueryError);
    expect(() => generateDataset({ calls: 1_000_001 })).toThrow(BadQueryError);
    expect(() => generateDataset({ calls: 10.5 })).toThrow(BadQueryError);
    expect(generateDataset({ calls: 10 }).size).toBe(10);
  });

  it('orders calls newest first and maps sids back to positions', () => {
    for (let i = 1; i < ds.size; i += 1) expect(ds.columns.created[i]!).toBeLessThan(ds.columns.created[i - 1]!);
    expect(calls[0]!.dateCreated).toBe('2024-06-30T23:59:59Z');
    for (const i of [0, 5, 2999]) {
      expect(ds.positionOf(ds.keyAt(i))).toBe(i);
      expect(ds.keyAt(i)).toBe(sidKey(calls[i]!.sid));
    }
    expect(ds.positionOf('0'.repeat(32))).toBe(-1);
    expect(new Set(calls.map((c) => c.sid)).size).toBe(ds.size);
  });

  it('starts at endAt when given', () => {
    const d = generateDataset({ calls: 10, endAt: '2023-01-02T03:04:05Z' });
    expect(d.call(0).dateCreated).toBe('2023-01-02T03:04:05Z');
    expect(() => generateDataset({ calls: 10, endAt: 'yesterday' })).toThrow(BadQueryError);
  });

  it('has a realistic mix and no no-answer calls', () => {
    const count = (f: (c: (typeof calls)[number]) => boolean) => calls.filter(f).length;
    const statuses = new Set(calls.map((c) => c.status));
    expect([...statuses].sort()).toEqual(expect.arrayContaining(['busy', 'canceled', 'completed', 'failed']));
    expect(statuses.has('no-answer')).toBe(false);
    expect(count((c) => c.status === 'completed') / ds.size).toBeGreaterThan(0.6);
    expect(new Set(calls.map((c) => c.directionDetail))).toEqual(new Set(['inbound', 'outbound-api', 'outbound-dial']));
    const countries = new Set(calls.map((c) => c.from?.country ?? c.to?.country).filter(Boolean));
    expect(countries.size).toBeGreaterThanOrEqual(6);
    expect(count((c) => c.to?.kind === 'client' || c.to?.kind === 'sip')).toBeGreaterThan(0);
    const durations = calls.flatMap((c) => (c.duration === null ? [] : [c.duration]));
    expect(Math.min(...durations)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...durations)).toBeGreaterThan(600);
    for (const c of calls) {
      if (c.price !== null) expect(c.price).toMatch(/^\d+\.\d{5}$/);
      if (c.status !== 'completed') expect(c.endTime).toBeNull();
      if (c.endTime !== null) expect(Date.parse(c.endTime)).toBe(Date.parse(c.startTime!) + c.duration! * 1000);
      if (c.startTime !== null) expect(Date.parse(c.startTime)).toBeGreaterThanOrEqual(Date.parse(c.dateCreated!));
    }
    expect(count((c) => c.price !== null)).toBeGreaterThan(ds.size / 2);
  });

  it('makes child legs that belong to an older parent in the dataset', () => {
    const children = calls.filter((c) => c.parentCallSid !== null);
    expect(children.length).toBeGreaterThan(ds.size / 10);
    for (const child of children) {
      const parent = calls[ds.positionOf(sidKey(child.parentCallSid!))]!;
      expect(parent).toBeDefined();
      expect(child.directionDetail).toBe('outbound-dial');
      expect(parent.parentCallSid).toBeNull();
      expect(Date.parse(parent.dateCreated!)).toBeLessThan(Date.parse(child.dateCreated!));
      if (parent.startTime !== null && child.startTime !== null) expect(parent.startTime <= child.startTime).toBe(true);
      if (parent.endTime !== null && child.endTime !== null) expect(parent.endTime >= child.endTime).toBe(true);
    }
  });

  it('keeps the columns in step with the calls', () => {
    for (const i of [0, 3, 100, 2999]) {
      const c = calls[i]!;
      expect(CALL_STATUSES[ds.columns.status[i]!]).toBe(c.status);
      expect(ds.columns.to[i]).toBe(ds.addressId(c.to!.value));
      expect(ds.columns.from[i]).toBe(ds.addressId(c.from!.value));
      expect(Number.isNaN(ds.columns.end[i]!)).toBe(c.endTime === null);
    }
  });

  it('serves the same logical call in both dialects, each record readable by its dialect', () => {
    for (const call of calls.slice(0, 300)) {
      const twilio = normalizeCall(DIALECTS.twilio.fromCall(call));
      const signalwire = normalizeCall(DIALECTS.signalwire.fromCall(call));
      expect(twilio.provider).toBe('twilio');
      expect(signalwire.provider).toBe('signalwire');
      expect(sidKey(signalwire.sid)).toBe(sidKey(twilio.sid));
      for (const field of ['status', 'startTime', 'endTime', 'dateCreated', 'duration', 'direction'] as const) {
        expect(signalwire[field]).toEqual(twilio[field]);
      }
      // Same amount; SignalWire's number drops Twilio's trailing zeros.
      expect(signalwire.price === null ? null : Number(signalwire.price)).toBe(twilio.price === null ? null : Number(twilio.price));
      expect(signalwire.to?.value).toBe(twilio.to?.value);
      expect(signalwire.from?.value).toBe(twilio.from?.value);
    }
  });
});
