import { closeSync, existsSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCallClient } from '../../client/call-client.js';
import { PAGE_SIZE } from '../../model/query.js';
import { type Checkpoint, loadCheckpoint, saveCheckpoint } from '../checkpoint.js';
import type { Io } from '../io.js';
import { RecordWriter, recordDialect, recordFormat } from '../output/records.js';
import { Progress } from '../progress.js';
import { PROVIDER_FLAGS, QUERY_FLAGS, clientFromFlags, queryFromFlags } from '../query-flags.js';
import { UsageError } from '../usage-error.js';

export const EXPORT_HELP = `Usage:
  callbridge export --out FILE [--format ndjson|csv] [--dialect canonical|twilio|signalwire]
                    [--checkpoint FILE] [--quiet] [filters and provider flags of calls list]

Writes every matching call to FILE, checkpointing after each page (default
FILE.checkpoint). Run the same command again after an interruption: it resumes
where the checkpoint stands, with no record lost and none repeated. Shows
progress on a terminal; quiet when stderr is piped or with --quiet.
`;

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
  const { limit = Number.POSITIVE_INFINITY, ...listQuery } = query;
  if (query.limit !== undefined && listQuery.pageSize === undefined) listQuery.pageSize = Math.min(PAGE_SIZE.default, query.limit);
  const client = createCallClient({ ...clientFromFlags(values), env: io.env });
  const checkpointPath = values.checkpoint ?? `${values.out}.checkpoint`;
  const job = JSON.stringify({ provider: client.provider, origin: client.origin, query, format, dialect });

  const previous = loadCheckpoint(checkpointPath, job);
  if (previous?.done) {
    io.stderr.write(`export: already complete (${previous.records} calls in ${values.out}); remove ${values.out} and ${checkpointPath} to export again\n`);
    return 0;
  }
  if (previous === null && existsSync(values.out)) {
    throw new UsageError(`${values.out} exists and has no checkpoint; remove it or choose another --out`);
  }
  const fd = openSync(values.out, previous === null ? 'w' : 'r+');
  // Whatever was written after the last checkpoint is dropped: the resumed page writes it again.
  ftruncateSync(fd, previous?.bytes ?? 0);
  const state: Checkpoint = previous ?? { version: 1, job, cursor: null, records: 0, bytes: 0, done: false };
  // Checkpointed before the first request, so a run that fails at once can simply be run again.
  if (previous === null) saveCheckpoint(checkpointPath, state);
  let position = state.bytes;
  const writer = new RecordWriter(format, dialect, (text) => {
    position += writeSync(fd, text, position);
  }, { header: state.bytes === 0 });
  const progress = new Progress(io.stderr, 'export:', values.quiet);
  try {
    for await (const page of client.calls.pages(listQuery, state.cursor === null ? {} : { cursor: state.cursor })) {
      const take = page.calls.slice(0, limit - state.records);
      for (const call of take) writer.add(call);
      state.records += take.length;
      state.bytes = position;
      state.cursor = page.cursor;
      state.done = page.cursor === null || state.records >= limit;
      saveCheckpoint(checkpointPath, state);
      progress.update(state.records);
      if (state.done) break;
    }
  } finally {
    closeSync(fd);
    progress.done();
  }
  const resumed = previous === null ? '' : ` (resumed after ${previous.records})`;
  io.stderr.write(`export: ${state.records} calls in ${values.out}${resumed}\n`);
  return 0;
}
