import { once } from 'node:events';
import { type WriteStream, createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Unreadable } from '../../dialects/common/raw-records.js';
import { detectDialect, normalizeCall } from '../../dialects/registry.js';
import { CallbridgeError } from '../../model/errors/callbridge-error.js';
import { MalformedRecordError } from '../../model/errors/malformed-record-error.js';
import { isProvider } from '../../model/provider.js';
import { readRecords } from '../input/read-records.js';
import { type Io, Output } from '../io.js';
import { RecordWriter, recordDialect, recordFormat } from '../output/records.js';
import { Progress } from '../progress.js';
import { UsageError } from '../usage-error.js';
import { PROVIDER_CHOICES, PROVIDER_NAMES } from '../provider-names.js';

export const NORMALIZE_HELP = `Usage:
  callbridge normalize <file…|-> [--output ndjson|csv] [--dialect canonical|${PROVIDER_CHOICES}]
                       [--rejects FILE] [--assume ${PROVIDER_CHOICES}] [--quiet]

--assume reads records whose dialect cannot be detected in that dialect
(detected records keep their own).

Reads call records of either provider (list pages, JSON arrays, NDJSON, single
records, mixed), detects each record's dialect, and writes them in one form to
stdout. Records that cannot be read go to the rejects output (FILE as NDJSON, or
stderr) with file, line and reason; the summary on stderr counts them. Shows
progress on stderr when it is a terminal, unless --quiet.

callbridge's own output reads back: canonical NDJSON or JSON records (they
carry "provider"), and CSV written by callbridge (its header row names the
columns).
`;

/** Opens the rejects file, or says why it cannot be written before any record is read. */
async function openRejects(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path);
  try {
    await once(stream, 'open');
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    throw new UsageError(`cannot write --rejects ${path} (${reason}); create its directory or choose another path`);
  }
  return stream;
}

/** The reason a record is rejected, with the advice the CLI can act on. */
function rejectReason(error: CallbridgeError): string {
  // The library's advice names its own option; on the command line the way is --assume.
  if (error instanceof MalformedRecordError && error.field === '(dialect)') {
    return `does not look like a call record of ${PROVIDER_NAMES}; pass --assume ${PROVIDER_CHOICES} to read it anyway`;
  }
  return error.message;
}

/** `callbridge normalize`. */
export async function normalizeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { output: { type: 'string' }, dialect: { type: 'string' }, rejects: { type: 'string' }, assume: { type: 'string' }, quiet: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new UsageError('normalize needs at least one file, or - for stdin');
  if (values.assume !== undefined && !isProvider(values.assume)) throw new UsageError(`--assume must be one of ${PROVIDER_CHOICES}, not "${values.assume}"`);
  const format = recordFormat(values.output, ['ndjson', 'csv'], 'ndjson');
  const out = new Output(io.stdout);
  const writer = new RecordWriter(format as 'ndjson' | 'csv', recordDialect(values.dialect), out.write);
  const rejectsFile = values.rejects === undefined ? null : await openRejects(values.rejects);
  const progress = new Progress(io.stderr, 'normalize:', values.quiet);
  const rejects = new Output(rejectsFile ?? io.stderr);
  const byDialect: Record<string, number> = {};
  let rejected = 0;
  const reject = (where: Unreadable) => {
    rejected++;
    const record = where.record === undefined ? '' : ` ${where.record}`;
    rejects.write(rejectsFile === null ? `${where.file}:${where.line}${record}: ${where.reason}\n` : `${JSON.stringify(where)}\n`);
  };

  for (const file of positionals) {
    for await (const item of readRecords(file, io.stdin)) {
      if ('reason' in item) {
        reject(item);
        continue;
      }
      try {
        // --assume only decides for records whose dialect cannot be told from their shape.
        const dialect = values.assume === undefined ? undefined : (detectDialect(item.raw) ?? values.assume);
        const call = normalizeCall(item.raw, { position: item.position, ...(dialect && { dialect }) });
        byDialect[call.provider] = (byDialect[call.provider] ?? 0) + 1;
        writer.add(call);
      } catch (error) {
        if (!(error instanceof CallbridgeError)) throw error;
        const record = item.position.slice(`${item.file}:${item.line}`.length).trim();
        reject({ file: item.file, line: item.line, ...(record !== '' && { record }), reason: rejectReason(error) });
      }
      progress.update(writer.count);
      await out.flushIfFull();
      await rejects.flushIfFull();
    }
  }
  progress.done();
  writer.end();
  await out.flush();
  await rejects.flush();
  if (rejectsFile !== null) await new Promise((resolve) => rejectsFile.end(resolve));
  const counts = Object.entries(byDialect).map(([p, n]) => `${p} ${n}`).join(', ');
  io.stderr.write(
    `normalize: ${writer.count} records written${counts === '' ? '' : ` (${counts})`}, ${rejected} rejected` +
      `${rejected > 0 ? (values.rejects === undefined ? ' (listed above)' : ` (see ${values.rejects})`) : ''}\n`,
  );
  return 0;
}

