import type { Call } from '../../model/call.js';
import { cell } from './flatten.js';

const COLUMNS: ReadonlyArray<[string, (c: Call) => unknown]> = [
  ['sid', (c) => c.sid],
  ['status', (c) => c.status],
  ['direction', (c) => c.direction],
  ['from', (c) => c.from],
  ['to', (c) => c.to],
  ['start', (c) => c.startTime],
  ['duration', (c) => c.duration],
  ['price', (c) => (c.price === null ? null : `${c.price} ${c.priceUnit ?? ''}`.trim())],
];

/** Renders calls as an aligned text table for a terminal. */
export function table(calls: readonly Call[], columns = COLUMNS): string {
  const rows = [columns.map(([name]) => name), ...calls.map((call) => columns.map(([, get]) => cell(get(call))))];
  const widths = columns.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}
