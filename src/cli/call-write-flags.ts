import type { ParseArgsConfig } from 'node:util';
import type { CallEvent, CreateCallInput, HttpMethod, ProviderParams, UpdateCallInput } from '../model/call-request.js';
import { type Values, integer } from './query-flags.js';
import { UsageError } from './usage-error.js';

/** Flags of the instructions, shared by `calls create` and `calls update`. */
const INSTRUCTION_FLAGS = {
  url: { type: 'string' },
  twiml: { type: 'string' },
  method: { type: 'string' },
  'fallback-url': { type: 'string' },
  'fallback-method': { type: 'string' },
  'status-callback': { type: 'string' },
  'status-callback-method': { type: 'string' },
  'time-limit': { type: 'string' },
  param: { type: 'string', multiple: true },
} as const satisfies ParseArgsConfig['options'];

/** Flags of `calls create`, the same on every provider. */
export const CREATE_FLAGS = {
  ...INSTRUCTION_FLAGS,
  to: { type: 'string' },
  from: { type: 'string' },
  'application-sid': { type: 'string' },
  'status-callback-event': { type: 'string', multiple: true },
  'ring-timeout': { type: 'string' },
  record: { type: 'boolean' },
  'machine-detection': { type: 'string' },
  'machine-detection-timeout': { type: 'string' },
  'send-digits': { type: 'string' },
  'caller-id': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Flags of `calls update`. */
export const UPDATE_FLAGS = { ...INSTRUCTION_FLAGS, status: { type: 'string' } } as const satisfies ParseArgsConfig['options'];

const text = (values: Values, flag: string) => values[flag] as string | undefined;
const list = (values: Values, flag: string) => (values[flag] as string[] | undefined)?.flatMap((v) => v.split(',')).filter((v) => v !== '');

/** `--param Name=value`, repeated: provider-only parameters, a name given twice sent twice. */
function params(values: Values): ProviderParams | undefined {
  const given = values.param as string[] | undefined;
  if (given === undefined) return undefined;
  const out: Record<string, string | string[]> = {};
  for (const item of given) {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`--param takes Name=value, not "${item}"`);
    const [name, value] = [item.slice(0, at), item.slice(at + 1)];
    const seen = out[name];
    out[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return out;
}

/** The keys with a value; the client checks each value and what the provider takes. */
function defined<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as T;
}

function instructions(values: Values) {
  return {
    url: text(values, 'url'),
    twiml: text(values, 'twiml'),
    method: text(values, 'method') as HttpMethod | undefined,
    fallbackUrl: text(values, 'fallback-url'),
    fallbackMethod: text(values, 'fallback-method') as HttpMethod | undefined,
    statusCallback: text(values, 'status-callback'),
    statusCallbackMethod: text(values, 'status-callback-method') as HttpMethod | undefined,
    timeLimit: integer('time-limit', text(values, 'time-limit'), 1),
    providerParams: params(values),
  };
}

/** The create input the flags give. */
export function createInputFromFlags(values: Values): CreateCallInput {
  for (const flag of ['to', 'from']) if (values[flag] === undefined) throw new UsageError(`--${flag} is required`);
  return defined({
    ...instructions(values),
    to: text(values, 'to')!,
    from: text(values, 'from')!,
    applicationSid: text(values, 'application-sid'),
    statusCallbackEvents: list(values, 'status-callback-event') as CallEvent[] | undefined,
    timeout: integer('ring-timeout', text(values, 'ring-timeout'), 1),
    record: values.record as boolean | undefined,
    machineDetection: text(values, 'machine-detection') as CreateCallInput['machineDetection'],
    machineDetectionTimeout: integer('machine-detection-timeout', text(values, 'machine-detection-timeout'), 1),
    sendDigits: text(values, 'send-digits'),
    callerId: text(values, 'caller-id'),
  });
}

/** The update input the flags give. */
export function updateInputFromFlags(values: Values): UpdateCallInput {
  return defined({ ...instructions(values), status: text(values, 'status') as UpdateCallInput['status'] });
}
