/**
 * Iterates `source` up to `depth` items ahead: the next items are being
 * produced (fetched, parsed, converted) while the caller works on the one it
 * was handed. A failure is thrown when the caller reaches it, after the items
 * produced before it. Returning early stops producing (the item being
 * produced is finished) and closes `source`. An item handed to the caller is
 * no longer referenced here.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth = 1): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  const ready: T[] = [];
  let ended = false;
  let failure: { error: unknown } | null = null;
  let stopped = false;
  // The consumer waiting for an item, the producer waiting for room: one of each at most.
  let itemReady: () => void = () => {};
  let roomMade: () => void = () => {};
  // In a function of its own: a local of `produce` holding the item would keep it alive while
  // `produce` waits for room, long after the caller is done with it.
  const pull = async (): Promise<boolean> => {
    const next = await iterator.next();
    if (next.done === true) return false;
    ready.push(next.value);
    return true;
  };
  const produce = async () => {
    try {
      while (!stopped) {
        if (ready.length >= depth) {
          await new Promise<void>((resolve) => (roomMade = resolve));
          continue;
        }
        if (!(await pull())) break;
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
  // Likewise, the generator yields what this returns rather than a local.
  const handOut = (): T => {
    const item = ready.shift()!;
    roomMade();
    return item;
  };
  try {
    for (;;) {
      if (ready.length > 0) {
        yield handOut();
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
