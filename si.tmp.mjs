import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY' });
const c = await inst.connect();
for (const sql of [`SELECT count(DISTINCT block_id) AS blocks, count(*) AS segs, count(DISTINCT row_group_id) AS rgs FROM pragma_storage_info('calls')`, `SELECT * FROM pragma_database_size()`]) {
  const r = await c.runAndReadAll(sql); console.log(JSON.stringify(r.getRowObjectsJson()));
}
