/** Quotes one CSV field per RFC 4180: only when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV line (CRLF-free: `\n` ends it). */
export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
