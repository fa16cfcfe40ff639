/**
 * Request headers as frameworks hand them over: a Fetch `Headers`, Node's
 * `IncomingHttpHeaders` (lower-case names), or a plain object with any case.
 */
export type HeadersLike =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * A header's value, looked up without regard to case; a header given several
 * times is joined with `, ` (as Node and Fetch do). Undefined when absent or empty.
 */
export function headerValue(headers: HeadersLike, name: string): string | undefined {
  let value: string | readonly string[] | null | undefined;
  if (typeof headers.get === 'function') {
    value = (headers as { get(name: string): string | null }).get(name);
  } else {
    const lower = name.toLowerCase();
    const plain = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
    for (const key of Object.keys(plain)) {
      if (key.toLowerCase() === lower) {
        value = plain[key];
        break;
      }
    }
  }
  const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : undefined;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}
