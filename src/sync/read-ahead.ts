/**
 * Iterates `source` one item ahead: the next item is being produced (fetched,
 * parsed, converted) while the caller works on the one it was handed.
 * Returning early closes `source`.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    let next = iterator.next();
    for (;;) {
      const current = await next;
      if (current.done === true) return;
      next = iterator.next();
      // A failure is thrown when that item is asked for; it is not unhandled meanwhile.
      next.catch(() => {});
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}
