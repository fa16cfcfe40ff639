import { type ParseArgsConfig, parseArgs } from 'node:util';
import { createCallClient } from '../../client/call-client.js';
import type { Call } from '../../model/call.js';
import { type Io, Output } from '../io.js';
import { RecordWriter, recordDialect, recordFormat, shape } from '../output/records.js';
import { table } from '../output/table.js';
import { Progress } from '../progress.js';
import { PROVIDER_FLAGS, QUERY_FLAGS, STATUS_LIST, type Values, clientFromFlags, queryFromFlags } from '../query-flags.js';
import { UsageError } from '../usage-error.js';
import { PROVIDER_CHOICES } from '../provider-names.js';
import { CREATE_FLAGS, UPDATE_FLAGS, createInputFromFlags, updateInputFromFlags } from '../call-write-flags.js';

const PROVIDER_HELP = `Provider (credentials come from the environment only):
  --provider ${PROVIDER_CHOICES}   overrides CALLBRIDGE_PROVIDER
  --base-url URL                 e.g. a local emulator (http allowed on loopback only)
  --default-country CC           country of numbers typed without one (default US)
  --timeout MS                   per-request timeout (default 30000)
  --retries N                    retries of a failed request (default 4; 0 for none)
`;

export const CALLS_LIST_HELP = `Usage:
  callbridge calls list [filters] [--output table|json|ndjson|csv] [--dialect canonical|${PROVIDER_CHOICES}] [--quiet]

Lists calls, newest first. --output defaults to table on a terminal, ndjson
otherwise; --dialect applies to json, ndjson and csv (a table shows canonical
columns). Shows progress on stderr when it is a terminal, unless --quiet. When a
page fails, every call already read is written (a JSON array is closed) and the
exit code is 1.

Filters:
  --status S            one of ${STATUS_LIST};
                        repeat (or comma-separate) for several
  --from A, --to A      an address: E.164, "(310) 567-8901" (see --default-country), sip:…, client:…
  --parent SID          child legs of this call
  --started-after T     started at or after T (ISO 8601 with zone, or RFC 2822)
  --started-before T    started before T
  --ended-after T, --ended-before T
  --on YYYY-MM-DD [--tz Zone]   started on this calendar day in this IANA zone (default UTC)
  --limit N             at most N calls (1 or more)
  --page-size N         records per provider page, 1..1000 (default 50)
  --twilio-query Q      a Twilio Calls list query string ("Status=busy&StartTime>=2024-03-05"),
                        re-expressed for the configured provider; the other filters refine it
                        (--status keeps only the statuses that both name)

${PROVIDER_HELP}`;

export const CALLS_GET_HELP = `Usage:
  callbridge calls get <sid> [--output json|table] [--dialect canonical|${PROVIDER_CHOICES}]

Fetches one call. On SignalWire the Twilio-shaped CA… form of a UUID is accepted.
--dialect applies to json (a table shows canonical columns).

${PROVIDER_HELP}`;

const INSTRUCTIONS_HELP = `  --url URL                     instructions fetched when the call is answered
  --twiml XML                   instructions inline (not on SignalWire)
  --method GET|POST             how --url is fetched
  --fallback-url URL, --fallback-method GET|POST
  --status-callback URL, --status-callback-method GET|POST
  --time-limit S                longest call once answered, seconds (Twilio; Telnyx on create)
  --param Name=value            a provider-only parameter, sent verbatim; repeatable`;

export const CALLS_CREATE_HELP = `Usage:
  callbridge calls create --to A --from A (--url URL | --twiml XML | --application-sid SID) [options]

Places a call and prints it as canonical JSON (a provider whose answer lacks
fields prints them null). The same flags on every provider: a flag the
provider cannot take is refused before any request (exit 2). A create is never
retried once it may have reached the provider; when the answer is lost the
exit code is 1 and the message says how to look for the call.

${INSTRUCTIONS_HELP}
  --application-sid SID         an application that handles the call
  --status-callback-event E     initiated, ringing, answered, completed; repeat or comma-separate
  --ring-timeout S              seconds to ring before no-answer
  --record                      record the call
  --machine-detection Enable|DetectMessageEnd, --machine-detection-timeout S
  --send-digits D, --caller-id ID

${PROVIDER_HELP}`;

export const CALLS_UPDATE_HELP = `Usage:
  callbridge calls update <sid> (--status canceled|completed | --url URL | --twiml XML) [options]

Ends a call (canceled: not yet answered; completed: whatever its state) or
redirects it to new instructions, and prints it as canonical JSON. Never retried
once it may have reached the provider.

  --status canceled|completed   (Telnyx: completed only)
${INSTRUCTIONS_HELP}

${PROVIDER_HELP}`;

export const CALLS_DELETE_HELP = `Usage:
  callbridge calls delete <sid>

Deletes an ended call's record (exit 2 on a provider that offers no delete: Telnyx).

${PROVIDER_HELP}`;

export const CALLS_HELP = `Usage:
  callbridge calls list [filters] [--output table|json|ndjson|csv] [--dialect canonical|${PROVIDER_CHOICES}]
  callbridge calls get <sid> [--output json|table] [--dialect canonical|${PROVIDER_CHOICES}]
  callbridge calls create --to A --from A --url URL [options]
  callbridge calls update <sid> --status canceled|completed | --url URL
  callbridge calls delete <sid>

Run callbridge calls <subcommand> --help for its options.
Statuses: ${STATUS_LIST}.
`;

/** The help of `calls`, `calls list` or `calls get`, by the subcommand named first. */
export function callsHelp(args: readonly string[]): string {
  if (args[0] === 'list') return CALLS_LIST_HELP;
  if (args[0] === 'get') return CALLS_GET_HELP;
  if (args[0] === 'create') return CALLS_CREATE_HELP;
  if (args[0] === 'update') return CALLS_UPDATE_HELP;
  if (args[0] === 'delete') return CALLS_DELETE_HELP;
  return CALLS_HELP;
}

/** `callbridge calls create|update|delete`: one write, its result as canonical JSON. */
async function writeCommand(sub: 'create' | 'update' | 'delete', rest: string[], io: Io): Promise<number> {
  const options: ParseArgsConfig['options'] = { ...(sub === 'create' ? CREATE_FLAGS : sub === 'update' ? UPDATE_FLAGS : {}), ...PROVIDER_FLAGS };
  const parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  const values = parsed.values as Values;
  const { positionals } = parsed;
  const wanted = sub === 'create' ? 0 : 1;
  if (positionals.length !== wanted) throw new UsageError(`calls ${sub} takes ${wanted === 0 ? 'no arguments' : 'exactly one sid'}`);
  const client = createCallClient({ ...clientFromFlags(values), env: io.env });
  const out = new Output(io.stdout);
  const result =
    sub === 'create' ? await client.calls.create(createInputFromFlags(values))
    : sub === 'update' ? await client.calls.update(positionals[0]!, updateInputFromFlags(values))
    : await client.calls.delete(positionals[0]!);
  if (result !== undefined) out.write(`${JSON.stringify(result, null, 2)}\n`);
  await out.flush();
  return 0;
}

/** `callbridge calls list|get|create|update|delete`. */
export async function callsCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create' || sub === 'update' || sub === 'delete') return writeCommand(sub, rest, io);
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...QUERY_FLAGS, ...PROVIDER_FLAGS, output: { type: 'string' }, dialect: { type: 'string' }, quiet: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const dialect = recordDialect(values.dialect);
  const out = new Output(io.stdout);
  const tableFormat = (format: string) => {
    if (format === 'table' && values.dialect !== undefined && dialect !== 'canonical') {
      throw new UsageError(`--output table shows canonical columns; --dialect ${dialect} applies to json, ndjson and csv`);
    }
  };

  if (sub === 'get') {
    if (positionals.length !== 1) throw new UsageError('calls get takes exactly one sid');
    const format = recordFormat(values.output, ['json', 'table'], 'json');
    tableFormat(format);
    const client = createCallClient({ ...clientFromFlags(values), env: io.env });
    const call = await client.calls.get(positionals[0]!);
    out.write(format === 'table' ? table([call]) : `${JSON.stringify(shape(call, dialect), null, 2)}\n`);
    await out.flush();
    return 0;
  }
  if (sub !== 'list') throw new UsageError(`unknown command "calls ${sub ?? ''}"; use calls list, get, create, update or delete`);
  if (positionals.length > 0) throw new UsageError(`calls list takes no arguments, got "${positionals[0]}"`);
  const format = recordFormat(values.output, ['table', 'json', 'ndjson', 'csv'], io.stdout.isTTY ? 'table' : 'ndjson');
  tableFormat(format);
  const query = queryFromFlags(values);
  const client = createCallClient({ ...clientFromFlags(values), env: io.env });
  const progress = new Progress(io.stderr, 'calls list:', values.quiet);
  const gathered: Call[] = [];
  const writer = format === 'table' ? null : new RecordWriter(format, dialect, out.write);
  try {
    for await (const call of client.calls.iterate(query)) {
      if (writer === null) gathered.push(call);
      else writer.add(call);
      progress.update(writer?.count ?? gathered.length);
      await out.flushIfFull();
    }
  } finally {
    // Also when a page fails: every call already read reaches the output, a JSON array closed.
    progress.done();
    if (writer === null) out.write(table(gathered));
    else writer.end();
    await out.flush();
  }
  return 0;
}
