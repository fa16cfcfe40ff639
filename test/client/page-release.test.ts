import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { type CallClient, createCallClient } from '../../src/index.js';
import { collected } from '../support/collected.js';

describe('a listing holds no page it handed over', () => {
  let emulator: Emulator;
  let client: CallClient;
  beforeAll(async () => {
    emulator = await startEmulator({ calls: 300 });
    client = createCallClient({ provider: 'twilio', baseUrl: emulator.url, env: {}, ...emulator.twilio });
  });
  afterAll(() => emulator.close());

  // A caller that reads ahead (as sync does) is done with a page long before it asks for the next:
  // meanwhile the suspended listing must not keep the page's calls, nor their records and the page's text.
  it.each([false, true])('while suspended after each page (rawText %s)', async (rawText) => {
    const pages = client.calls.pages({ pageSize: 100 }, { rawText })[Symbol.asyncIterator]();
    // Taken in a function of its own, so that this test keeps no reference to the page either.
    const lastCallOfNext = async () => {
      const { calls } = (await pages.next()).value!;
      return new WeakRef(calls[calls.length - 1]!);
    };
    for (let page = 0; page < 2; page++) expect(await collected(await lastCallOfNext())).toBe(true);
    await pages.return?.();
  });
});
