import { parseArgs } from 'node:util';
import { createCallClient } from '../../client/call-client.js';
import { type Io, Output } from '../io.js';
import { RecordWriter, recordDialect, recordFormat, shape } from '../output/records.js';
import { table } from '../output/table.js';
import { PROVIDER_FLAGS, QUERY_FLAGS, clientFromFlags, queryFromFlags } from '../query-flags.js';
import { UsageError } from '../usage-error.js';

export const CALLS_HELP = `Usage:
  callbridge calls list [filters] [--output table|json|ndjson|csv] [--dialect canonical|twilio|signalwire]
  callbridge calls get <sid> [--output json|table] [--dialect canonical|twilio|signalwire]

Filters:
  --status S            a status; repeat (or comma-separate) for several
  --from A, --to A      an address: E.164, "(310) 567-8901" (see --default-country), sip:…, client:…
  --parent SID          child legs of this call
  --started-after T     started at or after T (ISO 8601 with zone, or RFC 2822)
  --started-before T    started before T
  --ended-after T, --ended-before T
  --on YYYY-MM-DD [--tz Zone]   started on this calendar day in this IANA zone (default UTC)
  --limit N             at most N calls
  --page-size N         records per provider page, 1..1000 (default 50)
  --twilio-query Q      a Twilio Calls list query string ("Status=busy&StartTime>=2024-03-05"),
                        re-expressed for the configured provider; other filters refine it

Provider (credentials come from the environment only):
  --provider twilio|signalwire   overrides CALLBRIDGE_PROVIDER
  --base-url URL                 e.g. a local emulator (http allowed on loopback only)
  --default-country CC           country of numbers typed without one (default US)
  --timeout MS                   per-request timeout (default 30000)
`;

/** `callbridge calls list|get`. */
export async function callsCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...QUERY_FLAGS, ...PROVIDER_FLAGS, output: { type: 'string' }, dialect: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const dialect = recordDialect(values.dialect);
  const out = new Output(io.stdout);
  const client = createCallClient({ ...clientFromFlags(values), env: io.env });

  if (sub === 'get') {
    if (positionals.length !== 1) throw new UsageError('calls get takes exactly one sid');
    const format = recordFormat(values.output, ['json', 'table'], 'json');
    const call = await client.calls.get(positionals[0]!);
    out.write(format === 'table' ? table([call]) : `${JSON.stringify(shape(call, dialect), null, 2)}\n`);
    await out.flush();
    return 0;
  }
  if (sub !== 'list') throw new UsageError(`unknown command "calls ${sub ?? ''}"; use calls list or calls get`);
  if (positionals.length > 0) throw new UsageError(`calls list takes no arguments, got "${positionals[0]}"`);
  const format = recordFormat(values.output, ['table', 'json', 'ndjson', 'csv'], io.stdout.isTTY ? 'table' : 'ndjson');
  const query = queryFromFlags(values);
  if (format === 'table') {
    out.write(table(await client.calls.list(query)));
    await out.flush();
    return 0;
  }
  const writer = new RecordWriter(format, dialect, out.write);
  for await (const call of client.calls.iterate(query)) {
    writer.add(call);
    await out.flushIfFull();
  }
  writer.end();
  await out.flush();
  return 0;
}
