/**
 * Iterates `source` up to `depth` items ahead, each passed through `made` as
 * it arrives: the next items are being produced (fetched, parsed, converted)
 * while the caller works on the one it was handed. A failure is thrown when
 * the caller reaches it, after the items made before it. Returning early
 * stops producing (the item being made is finished) and closes `source`.
 */
export async function* readAhead<T, U = T>(source: AsyncIterable<T>, depth = 1, made: (item: T) => U = (item) => item as unknown as U): AsyncGenerator<U, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  const ready: U[] = [];
  let ended = false;
  let failure: { error: unknown } | null = null;
  let stopped = false;
  // The consumer waiting for an item, the producer waiting for room: one of each at most.
  let itemReady: () => void = () => {};
  let roomMade: () => void = () => {};
  const produce = async () => {
    try {
      while (!stopped) {
        if (ready.length >= depth) {
          await new Promise<void>((resolve) => (roomMade = resolve));
          continue;
        }
        const next = await iterator.next();
        if (next.done === true) break;
        ready.push(made(next.value));
        itemReady();
      }
    } catch (error) {
      failure = { error };
    } finally {
      ended = true;
      itemReady();
    }
  };
  const producing = produce();
  try {
    for (;;) {
      if (ready.length > 0) {
        const item = ready.shift()!;
        roomMade();
        yield item;
      } else if (ended) {
        if (failure !== null) throw (failure as { error: unknown }).error;
        return;
      } else {
        await new Promise<void>((resolve) => (itemReady = resolve));
      }
    }
  } finally {
    stopped = true;
    roomMade();
    await producing;
    await iterator.return?.();
  }
}
