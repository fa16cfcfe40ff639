import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseForm } from '../../dialects/common/webhook/form-fields.js';
import { WEBHOOK_SCHEMES, detectCallbackProvider, parseStatusCallback, signedBy, verifyWebhook } from '../../dialects/webhook-registry.js';
import { MalformedRecordError } from '../../model/errors/malformed-record-error.js';
import { WebhookVerificationError } from '../../model/errors/webhook-verification-error.js';
import { PROVIDERS, type Provider, isProvider } from '../../model/provider.js';
import { parseIsoInstant } from '../../model/time.js';
import type { Io } from '../io.js';
import { PROVIDER_CHOICES } from '../provider-names.js';
import { UsageError } from '../usage-error.js';

const SECRETS = PROVIDERS.flatMap((p) => {
  const { secret, sharedKey } = WEBHOOK_SCHEMES[p];
  return [secret, ...(sharedKey === undefined ? [] : [sharedKey])].map(({ env, name }) => `${env} (${p} ${name})`);
}).join(', ');

export const WEBHOOK_HELP = `Usage:
  callbridge webhook verify <request.json|->  [options]
  callbridge webhook verify --url URL --header "Name: value"… --body-file FILE  [options]

Says whether a captured webhook request is authentic: signed by the provider
with the account's secret, for the exact URL, headers and body given.

The request is a JSON file (or - for stdin) {"url", "headers", "body"}: the full
URL the provider called, the headers as an object, the body as received (text);
or the same given by --url, --header (repeatable) and --body-file (raw bytes).

Options:
  --provider ${PROVIDER_CHOICES}   default: from the signature header, else the body's fields
  --event             also print the status callback as a canonical event (JSON)
  --at TIME           check a Telnyx timestamp as of TIME (ISO 8601 or Unix seconds), not now
  --tolerance SECONDS Telnyx timestamp tolerance (default 300)

The secret comes from the environment, never from a flag: ${SECRETS}.
Exit codes: 0 authentic, 1 not authentic, 2 usage error.
`;

interface CapturedRequest {
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

async function readInput(path: string, what: string, stdin: NodeJS.ReadableStream): Promise<Buffer> {
  try {
    return path === '-' ? await readStdin(stdin) : await readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path} (${(error as { code?: string }).code ?? (error as Error).message})`);
  }
}

/** `{"url", "headers", "body"}` as captured; refused with what is wrong. */
function capturedFrom(text: string, source: string): CapturedRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not JSON; give {"url": …, "headers": {…}, "body": "…"}`);
  }
  const { url, headers, body } = (value ?? {}) as Record<string, unknown>;
  if (typeof url !== 'string') throw new UsageError(`${source} has no "url" string: the full URL the provider called`);
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers) || Object.values(headers).some((v) => typeof v !== 'string')) {
    throw new UsageError(`${source} needs "headers" as an object of strings`);
  }
  if (typeof body !== 'string') throw new UsageError(`${source} needs "body" as a string, the body as received`);
  return { url, headers: headers as Record<string, string>, body };
}

function headersFrom(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new UsageError(`--header "${line}" is not "Name: value"`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Epoch ms of `--at`: ISO 8601, or Unix seconds. */
function instantOf(text: string): number {
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : parseIsoInstant(text);
  if (Number.isNaN(ms)) throw new UsageError(`--at must be an ISO 8601 instant or Unix seconds, not "${text}"`);
  return ms;
}

function providerOf(flag: string | undefined, request: CapturedRequest): Provider {
  if (flag !== undefined) {
    if (!isProvider(flag)) throw new UsageError(`--provider must be one of ${PROVIDERS.join(', ')}, not "${flag}"`);
    return flag;
  }
  const fields = typeof request.body === 'string' ? parseForm(request.body) : parseForm(Buffer.from(request.body).toString('utf8'));
  const provider = signedBy(request.headers) ?? detectCallbackProvider(fields);
  if (provider === null) throw new UsageError('cannot tell the provider from the headers or the body; pass --provider');
  return provider;
}

/** `callbridge webhook verify`. */
export async function webhookCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(sub === undefined ? 'webhook needs a subcommand: verify' : `unknown subcommand "webhook ${sub}"; the one there is: verify`);
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      url: { type: 'string' },
      header: { type: 'string', multiple: true },
      'body-file': { type: 'string' },
      provider: { type: 'string' },
      event: { type: 'boolean' },
      at: { type: 'string' },
      tolerance: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const byFlags = values.url !== undefined || values.header !== undefined || values['body-file'] !== undefined;
  if (positionals.length > 1 || (positionals.length === 1 && byFlags)) throw new UsageError('give one request file, or --url/--header/--body-file, not both');
  let request: CapturedRequest;
  if (positionals.length === 1) {
    const file = positionals[0]!;
    request = capturedFrom((await readInput(file, 'request file', io.stdin)).toString('utf8'), file === '-' ? '(stdin)' : file);
  } else {
    if (values.url === undefined || values['body-file'] === undefined) throw new UsageError('give a request file, or --url and --body-file (and each --header)');
    request = { url: values.url, headers: headersFrom(values.header ?? []), body: await readInput(values['body-file'], '--body-file', io.stdin) };
  }
  const provider = providerOf(values.provider, request);
  const scheme = WEBHOOK_SCHEMES[provider];
  const secret = io.env[scheme.secret.env] ?? '';
  const sharedKeySecret = scheme.sharedKey === undefined ? undefined : io.env[scheme.sharedKey.env];
  if (secret.trim() === '' && (sharedKeySecret === undefined || sharedKeySecret.trim() === '')) {
    const or = scheme.sharedKey === undefined ? '' : ` (or ${scheme.sharedKey.env}, the ${scheme.sharedKey.name}, for requests signed with it)`;
    throw new UsageError(`set ${scheme.secret.env} to the ${provider} ${scheme.secret.name}${or} to verify ${provider} webhooks`);
  }
  const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance);
  if (tolerance !== undefined && !(Number.isFinite(tolerance) && tolerance >= 0)) throw new UsageError(`--tolerance must be a number of seconds, not "${values.tolerance}"`);
  const at = values.at === undefined ? undefined : instantOf(values.at);

  let verified;
  try {
    verified = verifyWebhook(request, { provider, secret, sharedKeySecret, toleranceSeconds: tolerance, now: at === undefined ? undefined : () => at });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    io.stdout.write(`not authentic (${error.reason}): ${error.message}\n`);
    return 1;
  }
  const used = verified.signedWith === 'sharedKey' && scheme.sharedKey !== undefined ? scheme.sharedKey : scheme.secret;
  io.stdout.write(`authentic: signed by ${provider} with the ${used.name} in ${used.env}\n`);
  if (values.event) {
    try {
      io.stdout.write(`${JSON.stringify(parseStatusCallback(verified.fields, { provider }), null, 2)}\n`);
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      io.stderr.write(`callbridge webhook: authentic, but not a status callback callbridge can read: ${error.message}\n`);
      return 1;
    }
  }
  return 0;
}
