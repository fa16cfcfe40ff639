import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/dialects/registry.js';
import { MalformedRecordError } from '../../src/model/errors/malformed-record-error.js';
import { datasetOf } from '../../src/emulator/calls-dataset.js';
import { sidKey } from '../../src/model/sid.js';
import { generateDataset } from '../../src/emulator/generate-dataset.js';
import { loadDataset } from '../../src/emulator/load-dataset.js';

// Raw records of both dialects, written from generated calls.
const source = generateDataset({ calls: 40, seed: 5 });
const twilioRecords = Array.from({ length: 20 }, (_, i) => DIALECTS.twilio.fromCall(source.call(i)));
const signalwireRecords = Array.from({ length: 20 }, (_, i) => DIALECTS.signalwire.fromCall(source.call(20 + i)));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callbridge-emulator-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadDataset', () => {
  it('reads arrays, list pages, single records and NDJSON of both dialects, from files and memory', async () => {
    const arrayFile = join(dir, 'array.json');
    const ndjsonFile = join(dir, 'calls.ndjson');
    await writeFile(arrayFile, JSON.stringify(twilioRecords.slice(0, 10)));
    await writeFile(ndjsonFile, `${signalwireRecords.slice(0, 10).map((r) => JSON.stringify(r)).join('\n')}\n\n`);
    const ds = await loadDataset([
      arrayFile,
      ndjsonFile,
      { name: 'page.json', text: JSON.stringify({ uri: '/x', calls: twilioRecords.slice(10), next_page_uri: null }) },
      { name: 'one.json', text: JSON.stringify(signalwireRecords[10], null, 2) },
      { name: 'pages.ndjson', text: signalwireRecords.slice(11, 15).map((r) => JSON.stringify({ calls: [r] })).join('\n') },
      // Pretty-printed records one after the other, as `callbridge normalize` reads them too.
      { name: 'pretty.json', text: signalwireRecords.slice(15).map((r) => JSON.stringify(r, null, 2)).join('\n') },
    ]);
    expect(ds.size).toBe(40);
    // Served in the same order as the generated source: newest first.
    for (let i = 0; i < 40; i += 1) expect(ds.keyAt(i)).toBe(source.keyAt(i));
    expect(ds.call(0).provider).toBe('twilio');
    expect(ds.call(39).provider).toBe('signalwire');
    expect(ds.accountKey).toBe(source.accountKey);
  });

  it('names the file and position of a record it cannot read', async () => {
    const bad = { ...twilioRecords[0], status: 'exploded' };
    await expect(loadDataset({ name: 'bad.json', text: JSON.stringify([twilioRecords[1], bad]) })).rejects.toThrow(MalformedRecordError);
    await expect(loadDataset({ name: 'bad.json', text: JSON.stringify([{ hello: 1 }]) })).rejects.toThrow(/bad\.json:1 \[0\]/);
    await expect(loadDataset({ name: 'x.ndjson', text: `${JSON.stringify(twilioRecords[0])}\n{oops\n` })).rejects.toThrow(/x\.ndjson:2/);
    await expect(loadDataset({ name: 'n.json', text: '42' })).rejects.toThrow(MalformedRecordError);
  });

  it('reads one JSON document whole, however it is laid out', async () => {
    // A nested object opening its own line looks like a cut-off record to the line-wise splitter.
    const text = JSON.stringify(twilioRecords.slice(0, 3), null, 2).replace(/": \{/g, '":\n  {');
    expect(text).toContain('\n  {');
    const ds = await loadDataset({ name: 'allman.json', text });
    expect(ds.size).toBe(3);
  });

  it('refuses the same call twice, even spelled in both dialects', async () => {
    const twice = [twilioRecords[0], DIALECTS.signalwire.fromCall(source.call(0))];
    await expect(loadDataset({ name: 'dup.json', text: JSON.stringify(twice) })).rejects.toThrow(/same call/);
  });
});

describe('datasetOf', () => {
  const calls = Array.from({ length: 12 }, (_, i) => source.call(i));

  it('orders by date_created, ties by sid key, a call without one last', () => {
    const tied = calls.map((c, i) => ({ ...c, dateCreated: i === 11 ? null : i < 4 ? '2024-01-01T00:00:00Z' : c.dateCreated }));
    const ds = datasetOf(tied);
    const tiedKeys = tied.slice(0, 4).map((c) => sidKey(c.sid)).sort();
    const served = Array.from({ length: ds.size }, (_, i) => ds.keyAt(i));
    expect(served.slice(7, 11)).toEqual(tiedKeys);
    expect(served[11]).toBe(sidKey(tied[11]!.sid));
  });

  it('groups children of a parent it does not hold', () => {
    const orphan = 'CA' + 'f'.repeat(32);
    const ds = datasetOf(calls.map((c, i) => ({ ...c, parentCallSid: i % 3 === 0 ? orphan : null })));
    const token = ds.parentToken('f'.repeat(32));
    expect(token).toBeLessThan(-1);
    expect(Array.from(ds.columns.parent).filter((t) => t === token)).toHaveLength(4);
    expect(ds.parentToken('e'.repeat(32))).toBe(-1);
  });

  it('has no account when calls belong to several', () => {
    expect(datasetOf(calls.map((c, i) => ({ ...c, accountSid: i === 0 ? 'AC' + '1'.repeat(32) : c.accountSid }))).accountKey).toBeNull();
  });
});
