/**
 * `callbridge/sync`: keeps provider call logs in a DuckDB file or a
 * PostgreSQL database. Imported apart from the root entry, and each engine's
 * client only when a sync opens a target, so code that never syncs loads neither.
 */
export { CALL_COLUMNS, type Column, type ColumnType } from './columns.js';
export { TargetLockedError } from './errors/target-locked-error.js';
export { SyncTargetError } from './errors/sync-target-error.js';
export { SCHEMA_VERSION } from './migrations.js';
export { LIVE_STATUSES } from './state.js';
export {
  DEFAULT_TARGET,
  DEFAULT_WINDOW_MS,
  type SourceSummary,
  type SyncOptions,
  type SyncProgress,
  type SyncSummary,
  syncCalls,
} from './sync-calls.js';
