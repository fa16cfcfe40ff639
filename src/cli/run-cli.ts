import { CallbridgeError } from '../model/errors/callbridge-error.js';
import { BadQueryError } from '../model/errors/bad-query-error.js';
import { UnsupportedQueryError } from '../model/errors/unsupported-query-error.js';
import { UnsupportedOperationError } from '../model/errors/unsupported-operation-error.js';
import { ConfigError } from '../model/errors/config-error.js';
import { callsCommand, callsHelp } from './commands/calls.js';
import { DEMO_HELP, demoCommand } from './commands/demo.js';
import { EMULATOR_HELP, emulatorCommand } from './commands/emulator.js';
import { EXPORT_HELP, exportCommand } from './commands/export.js';
import { NORMALIZE_HELP, normalizeCommand } from './commands/normalize.js';
import { WEBHOOK_HELP, webhookCommand } from './commands/webhook.js';
import { SYNC_HELP, syncCommand } from './commands/sync.js';
import type { Io } from './io.js';
import { joinNegativeValues } from './query-flags.js';
import { UsageError } from './usage-error.js';
import { PROVIDER_CHOICES, PROVIDER_NAMES, PROVIDER_SETTINGS } from './provider-names.js';

const HELP = `callbridge — voice-call data and code portable between ${PROVIDER_NAMES}

Usage:
  callbridge calls list [filters]     list calls of the configured account
  callbridge calls get <sid>          one call
  callbridge calls create|update|delete  place a call, redirect or end it, delete its record
  callbridge normalize <file…|->      mixed raw records of every provider to one canonical dataset
  callbridge export --out FILE        a long, resumable read to NDJSON or CSV
  callbridge sync [--to TARGET]       upsert calls into DuckDB (default calls.duckdb) or PostgreSQL
  callbridge webhook verify <file|->  whether a captured webhook request is authentic
  callbridge emulator [options]       a local server speaking every dialect
  callbridge demo                     the same query on every dialect, side by side

Options for every command: --help, --debug (stack traces on errors).
Configuration comes from the environment: CALLBRIDGE_PROVIDER (${PROVIDER_CHOICES}),
CALLBRIDGE_BASE_URL, and each provider's own variables:
${PROVIDER_SETTINGS}
Exit codes: 0 success, 1 provider or runtime failure, 2 usage error.
`;

/** A command: its help (which may depend on the subcommand named first) and how it runs. */
type Command = { help: (args: readonly string[]) => string; run: (args: string[], io: Io) => Promise<number> };

const fixed = (text: string) => () => text;

const COMMANDS: Record<string, Command> = {
  calls: { help: callsHelp, run: callsCommand },
  normalize: { help: fixed(NORMALIZE_HELP), run: normalizeCommand },
  export: { help: fixed(EXPORT_HELP), run: exportCommand },
  sync: { help: fixed(SYNC_HELP), run: syncCommand },
  emulator: { help: fixed(EMULATOR_HELP), run: emulatorCommand },
  demo: { help: fixed(DEMO_HELP), run: demoCommand },
  webhook: { help: fixed(WEBHOOK_HELP), run: webhookCommand },
};

/** Errors that mean the command line (or its configuration) was wrong, rather than the run. */
function isUsage(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof BadQueryError ||
    error instanceof UnsupportedQueryError ||
    error instanceof UnsupportedOperationError ||
    error instanceof ConfigError ||
    (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
    (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
  );
}

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  const args = joinNegativeValues(argv.filter((a) => a !== '--debug'));
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr.write(`callbridge: unknown command "${name}"; run callbridge --help\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help(rest));
    return 0;
  }
  // Errors name what was run: `callbridge calls list: …`, not `callbridge calls: …`.
  const label = name === 'calls' && ['list', 'get', 'create', 'update', 'delete'].includes(rest[0] ?? '') ? `${name} ${rest[0]}` : name;
  try {
    return await command.run(rest, io);
  } catch (error) {
    const usage = isUsage(error);
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`callbridge ${label}: ${message}${usage ? ` (see callbridge ${label} --help)` : ''}\n`);
    if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
    if (!usage && !(error instanceof CallbridgeError) && !debug) io.stderr.write('(run with --debug for details)\n');
    return usage ? 2 : 1;
  }
}
