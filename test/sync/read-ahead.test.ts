import { describe, expect, it } from 'vitest';
import { readAhead } from '../../src/sync/read-ahead.js';
import { collected } from '../support/collected.js';

/** A source that logs when each item is asked for and when it is closed. */
function logged(items: number, failAt = -1) {
  const log: string[] = [];
  async function* source() {
    try {
      for (let i = 0; i < items; i++) {
        log.push(`make ${i}`);
        await new Promise((resolve) => setImmediate(resolve));
        if (i === failAt) throw new Error(`item ${i} failed`);
        yield i;
      }
    } finally {
      log.push('closed');
    }
  }
  return { log, source: source() };
}

describe('readAhead', () => {
  it('starts on the next item before the caller is done with the current one', async () => {
    const { log, source } = logged(3);
    const seen: number[] = [];
    for await (const item of readAhead(source)) {
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`used ${item}`);
      seen.push(item);
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(log.indexOf('make 1')).toBeLessThan(log.indexOf('used 0'));
    expect(log.indexOf('make 2')).toBeLessThan(log.indexOf('used 1'));
    expect(log).toContain('closed');
  });

  it('closes the source when the caller stops early', async () => {
    const { log, source } = logged(10);
    for await (const item of readAhead(source)) if (item === 1) break;
    expect(log).toContain('closed');
    expect(log).not.toContain('make 4');
  });

  it('throws a failure of the item read ahead when that item is asked for, not before', async () => {
    const { source } = logged(3, 1);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const iterator = readAhead(source);
      expect((await iterator.next()).value).toBe(0);
      // The failure happens while the caller still works on item 0.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(iterator.next()).rejects.toThrow('item 1 failed');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('makes up to `depth` items ahead of the one being used, and no more', async () => {
    const { log, source } = logged(20);
    const iterator = readAhead(source, 4);
    expect((await iterator.next()).value).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Item 0 handed over, items 1 to 4 waiting.
    expect(log.filter((line) => line.startsWith('make'))).toEqual(['make 0', 'make 1', 'make 2', 'make 3', 'make 4']);
    expect((await iterator.next()).value).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toContain('make 5');
    expect(log).not.toContain('make 6');
    await iterator.return();
    expect(log.at(-1)).toBe('closed');
  });

  it('hands over every item made before a failure, then throws it', async () => {
    const { source } = logged(10, 3);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of readAhead(source, 8)) seen.push(item);
      })(),
    ).rejects.toThrow('item 3 failed');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('keeps no item it handed out, while the caller holds the generator and the producer waits for room', async () => {
    async function* source() {
      for (let i = 0; i < 4; i++) yield { i, payload: new Array(1000).fill(i) };
    }
    const iterator = readAhead(source(), 2);
    // Taken in a function of its own, so that this test keeps no reference to the item either.
    const refOfNext = async () => new WeakRef((await iterator.next()).value as object);
    const first = await refOfNext();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await collected(first)).toBe(true);
    const second = await refOfNext();
    expect(await collected(second)).toBe(true);
    await iterator.return();
  });
});
