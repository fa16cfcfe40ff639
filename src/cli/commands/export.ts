import { closeSync, existsSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCallClient } from '../../client/call-client.js';
import { PAGE_SIZE } from '../../model/query.js';
import { type Checkpoint, jobDifferences, loadCheckpoint, saveCheckpoint } from '../checkpoint.js';
import type { Io } from '../io.js';
import { RecordWriter, recordDialect, recordFormat } from '../output/records.js';
import { Progress } from '../progress.js';
import { PROVIDER_FLAGS, QUERY_FLAGS, clientFromFlags, queryFromFlags } from '../query-flags.js';
import { UsageError } from '../usage-error.js';
import { PROVIDER_CHOICES } from '../provider-names.js';

export const EXPORT_HELP = `Usage:
  callbridge export --out FILE [--format ndjson|csv] [--dialect canonical|${PROVIDER_CHOICES}]
                    [--checkpoint FILE] [--quiet] [filters and provider flags of calls list]

Writes every matching call to FILE, checkpointing after each page (default
FILE.checkpoint). Run the same command again after an interruption (Ctrl-C, a
failure, a kill): it resumes where the checkpoint stands, with no record lost and
none repeated. A resumed run may raise --limit; a run that failed before its
first page may change anything (a fixed --base-url, say). Any other change is
refused, naming what differs. Shows progress on a terminal; quiet when stderr is
piped or with --quiet.
`;

/**
 * The checkpoint this run continues, or null to start afresh: one that
 * recorded no page yet is simply started over, whatever changed.
 */
function resumable(path: string, saved: Checkpoint | null, job: string, limit: number | null, out: string): Checkpoint | null {
  if (saved === null) return null;
  if (saved.cursor === null && saved.records === 0 && !saved.done) return null;
  const differs = jobDifferences(saved.job, job);
  const startOver = `to start over, remove ${out} and ${path}; or export elsewhere with another --out`;
  if (differs.length > 0) {
    throw new UsageError(`checkpoint ${path} was written by an export with another ${differs.join(', ')}; run it with the same flags to resume, or ${startOver}`);
  }
  if (limit !== null && limit < saved.records) {
    throw new UsageError(`--limit ${limit} is below the ${saved.records} calls already exported to ${out}; raise it to resume, or ${startOver}`);
  }
  // A run that stopped at its limit continues when the limit is raised, unless the listing was exhausted.
  const done = saved.cursor === null || (limit !== null && saved.records >= limit);
  return { ...saved, done, limit };
}

/** `callbridge export`. */
export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...QUERY_FLAGS,
      ...PROVIDER_FLAGS,
      out: { type: 'string' },
      format: { type: 'string' },
      dialect: { type: 'string' },
      checkpoint: { type: 'string' },
      quiet: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(`export takes no arguments, got "${positionals[0]}"`);
  if (values.out === undefined) throw new UsageError('export needs --out FILE');
  const format = recordFormat(values.format, ['ndjson', 'csv'], 'ndjson', '--format') as 'ndjson' | 'csv';
  const dialect = recordDialect(values.dialect);
  const query = queryFromFlags(values);
  // The limit is applied here, across runs; the client lists without it so that a cursor resumes the same plan.
  const { limit: given, ...listQuery } = query;
  const limit = given ?? Number.POSITIVE_INFINITY;
  const client = createCallClient({ ...clientFromFlags(values), env: io.env });
  const checkpointPath = values.checkpoint ?? `${values.out}.checkpoint`;
  const job = JSON.stringify({ provider: client.provider, origin: client.origin, query: listQuery, format, dialect });

  const saved = loadCheckpoint(checkpointPath);
  const previous = resumable(checkpointPath, saved, job, given ?? null, values.out);
  // The cursor holds to the page size its listing began with, whatever limit this run has.
  const pageSize = previous?.pageSize ?? listQuery.pageSize ?? (given === undefined ? undefined : Math.min(PAGE_SIZE.default, given));
  if (pageSize !== undefined) listQuery.pageSize = pageSize;
  if (previous?.done) {
    io.stderr.write(`export: already complete (${previous.records} calls in ${values.out}); remove ${values.out} and ${checkpointPath} to export again\n`);
    return 0;
  }
  if (previous === null && saved === null && existsSync(values.out)) {
    throw new UsageError(`${values.out} exists and has no checkpoint; remove it or choose another --out`);
  }
  const fd = openSync(values.out, previous === null ? 'w' : 'r+');
  const progress = new Progress(io.stderr, 'export:', values.quiet);
  // Whatever was written after the last checkpoint is dropped: the resumed page writes it again.
  ftruncateSync(fd, previous?.bytes ?? 0);
  const resumedAfter = previous?.records ?? null;
  const state: Checkpoint = previous ?? { version: 1, job, limit: given ?? null, ...(pageSize !== undefined && { pageSize }), cursor: null, records: 0, bytes: 0, done: false };
  // The checkpoint is consistent between pages, so Ctrl-C may stop the run anywhere; it says how to go on.
  const interrupted = () => {
    progress.done();
    io.stderr.write(`export: interrupted; ${state.records} calls in ${values.out} are checkpointed in ${checkpointPath}; run the same command again to resume\n`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  // Checkpointed before the first request, so a run that fails at once can simply be run again.
  if (previous === null) saveCheckpoint(checkpointPath, state);
  let position = state.bytes;
  const writer = new RecordWriter(format, dialect, (text) => {
    position += writeSync(fd, text, position);
  }, { header: state.bytes === 0 });
  try {
    for await (const page of client.calls.pages(listQuery, state.cursor === null ? {} : { cursor: state.cursor })) {
      const take = page.calls.slice(0, limit - state.records);
      for (const call of take) writer.add(call);
      state.records += take.length;
      state.cursor = page.cursor;
      state.done = page.cursor === null || state.records >= limit;
      // A CSV of no calls still gets its header.
      if (state.done) writer.end();
      state.bytes = position;
      saveCheckpoint(checkpointPath, state);
      progress.update(state.records);
      if (state.done) break;
    }
  } finally {
    process.off('SIGINT', interrupted);
    closeSync(fd);
    progress.done();
  }
  const resumed = resumedAfter === null ? '' : ` (resumed after ${resumedAfter})`;
  io.stderr.write(`export: ${state.records} calls in ${values.out}${resumed}\n`);
  return 0;
}
