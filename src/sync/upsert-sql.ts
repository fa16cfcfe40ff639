import { CALL_COLUMNS } from './columns.js';

const KEY = ['provider', 'account_sid', 'sid'];
const names = [...CALL_COLUMNS.map((c) => c.name), 'content_hash'];

/**
 * The upsert both engines run: rows from `source` (whose columns are the
 * calls columns and content_hash, in order) are inserted, or rewrite the
 * stored row only when their content hash differs.
 */
export function upsertSql(source: string, returning: string): string {
  const updates = names.filter((n) => !KEY.includes(n)).map((n) => `${n} = excluded.${n}`);
  return `INSERT INTO calls (${names.join(', ')}, first_synced_at, synced_at)
    SELECT *, now(), now() FROM (${source}) AS incoming
    ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET ${updates.join(', ')}, synced_at = excluded.synced_at
    WHERE calls.content_hash <> excluded.content_hash
    ${returning}`;
}
