import type { Call } from '../../src/model/call.js';
import { datasetOf } from '../../src/emulator/calls-dataset.js';
import type { Dataset } from '../../src/emulator/dataset.js';
import { LIVE_STATUSES } from '../../src/sync/state.js';

/** Every call of a dataset, newest first. */
export function callsOf(dataset: Dataset): Call[] {
  return Array.from({ length: dataset.size }, (_, i) => dataset.call(i));
}

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString().replace('.000Z', 'Z');
const isLive = (call: Call) => (LIVE_STATUSES as readonly string[]).includes(call.status);

/** The call as it reads once it has ended, or after its price and duration were corrected. */
export function laterVersion(call: Call): Call {
  if (isLive(call)) {
    const start = call.startTime ?? plus(call.dateCreated!, 1000);
    return { ...call, status: 'completed', startTime: start, endTime: plus(start, 61_000), duration: 61, price: '0.01300', priceUnit: 'USD' };
  }
  const price = call.price === null ? '0.00500' : (Number(call.price) + 0.01).toFixed(5);
  return { ...call, duration: (call.duration ?? 0) + 1, price, priceUnit: 'USD' };
}

/** A new call, created `k` seconds after the newest one, shaped like it. */
function newCall(template: Call, k: number): Call {
  const created = plus(template.dateCreated!, k * 1000);
  return {
    ...template,
    sid: `CA${'e'.repeat(24)}${k.toString(16).padStart(8, '0')}`,
    parentCallSid: null,
    status: 'completed',
    dateCreated: created,
    dateUpdated: plus(created, 70_000),
    startTime: plus(created, 1000),
    endTime: plus(created, 70_000),
    duration: 69,
    price: '0.02000',
    priceUnit: 'USD',
  };
}

/**
 * The dataset as the provider would serve it later: `change` calls among the
 * newest `among` (well inside a 48 h window) ended or got a new price and
 * duration; `add` new calls appeared. Returns their sids.
 */
export function evolve(calls: readonly Call[], options: { change: number; add: number; among?: number; offset?: number }): { calls: Call[]; dataset: Dataset; changed: string[]; added: string[] } {
  const among = options.among ?? 60;
  const step = Math.max(1, Math.floor(among / options.change));
  const picked = new Set(Array.from({ length: options.change }, (_, i) => (options.offset ?? 0) + i * step));
  const next = calls.map((call, i) => (picked.has(i) ? laterVersion(call) : call));
  const added = Array.from({ length: options.add }, (_, k) => newCall(calls[0]!, k + 1 + (options.offset ?? 0) * 1000));
  const all = [...added, ...next];
  return { calls: all, dataset: datasetOf(all), changed: [...picked].map((i) => calls[i]!.sid), added: added.map((c) => c.sid) };
}
