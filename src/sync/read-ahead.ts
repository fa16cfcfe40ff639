/**
 * Iterates `source` up to `depth` items ahead: the next items are being
 * produced (fetched, parsed, converted) while the caller works on the one it
 * was handed. `source` must queue `next()` calls, as async generators do.
 * Returning early closes `source`.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  const ahead: Array<Promise<IteratorResult<T>>> = [];
  let ended = false;
  const fill = () => {
    while (!ended && ahead.length < depth) {
      const next = iterator.next();
      // A failure is thrown when that item is asked for; it is not unhandled meanwhile.
      next.then(
        (result) => (ended ||= result.done === true),
        () => (ended = true),
      );
      ahead.push(next);
    }
  };
  try {
    for (;;) {
      fill();
      const current = await ahead.shift()!;
      if (current.done === true) return;
      fill();
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}
