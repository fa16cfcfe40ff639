import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { get, twilioAuth, twilioCalls } from './helpers.js';

// Work, not time: how many call records the emulator builds and how many
// positions its list filter examines. Time on a shared machine proves nothing.
const work = vi.hoisted(() => ({ built: 0, examined: 0 }));

vi.mock('../../src/emulator/generated-call.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/emulator/generated-call.js')>();
  return {
    ...original,
    buildGeneratedCall: (...args: Parameters<typeof original.buildGeneratedCall>) => {
      work.built += 1;
      return original.buildGeneratedCall(...args);
    },
  };
});

vi.mock('../../src/emulator/filters.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/emulator/filters.js')>();
  return {
    ...original,
    compileFilter: (...args: Parameters<typeof original.compileFilter>) => {
      const filter = original.compileFilter(...args);
      return {
        ...filter,
        matches: (position: number) => {
          work.examined += 1;
          return filter.matches(position);
        },
      };
    },
  };
});

let em: Emulator;
let builtWhileStarting: number;
beforeAll(async () => {
  em = await startEmulator({ calls: 1_000_000, seed: 2024 });
  builtWhileStarting = work.built;
});
afterAll(async () => {
  await em.close();
});
/** Requests a Twilio list page and returns its body with the work it took. */
async function listed(query: string) {
  work.built = 0;
  work.examined = 0;
  const { status, body } = await get(em, `${twilioCalls(em)}?${query}`, twilioAuth(em));
  expect(status).toBe(200);
  return { calls: body.calls as Array<Record<string, string>>, built: work.built, examined: work.examined };
}

describe('a million calls', () => {
  it('are generated as columns, without building a single record', () => {
    expect(em.dataset.size).toBe(1_000_000);
    expect(em.dataset.columns.created).toHaveLength(1_000_000);
    expect(builtWhileStarting).toBe(0);
  });

  it('serve a deep page from its PageToken with the work of the first page', async () => {
    const first = await listed('PageSize=1000');
    const key = em.dataset.keyAt(876_543);
    const deep = await listed(`PageSize=1000&Page=876&PageToken=PACA${key}`);
    expect(deep.calls).toHaveLength(1000);
    expect(deep.calls[0]!.sid).toBe(`CA${em.dataset.keyAt(876_544)}`);
    // The page's calls and one more, to know there is a next page; only the page's calls are built.
    expect(first).toMatchObject({ examined: 1001, built: 1000 });
    expect(deep).toMatchObject({ examined: 1001, built: 1000 });
  });

  it('answer a day filter from the days around it, an unknown number at once, and build only the page', async () => {
    const day = await listed('PageSize=1000&StartTime=2024-01-15');
    expect(day.calls.length).toBeGreaterThan(1000 - 1);
    for (const call of day.calls) expect(new Date(call.start_time!).toISOString().slice(0, 10)).toBe('2024-01-15');
    expect(day.built).toBe(day.calls.length);
    // The positions created near that day, not the million.
    expect(day.examined).toBeLessThan(20_000);

    const unknown = await listed('PageSize=20&Status=in-progress&To=%2B10000000000');
    expect(unknown).toEqual({ calls: [], built: 0, examined: 0 });

    const rare = await listed('PageSize=1000&Status=busy&StartTime%3E=2023-08-01');
    expect(rare.calls).toHaveLength(1000);
    expect(rare.calls.every((c) => c.status === 'busy')).toBe(true);
    expect(rare.built).toBe(1000);
    // Scanned newest first until the page was full: a small part of the million.
    expect(rare.examined).toBeLessThan(100_000);
  });
});
