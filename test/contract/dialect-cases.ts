import type { Call } from '../../src/model/call.js';
import type { Provider } from '../../src/model/provider.js';
import type { CallStatus } from '../../src/model/status.js';
import { SIGNALWIRE } from './cases/signalwire.js';
import { TELNYX } from './cases/telnyx.js';
import { TWILIO } from './cases/twilio.js';
import type { DriftCase } from './fixtures.js';

/** How a provider might read one server-side time bound: both readings must keep the exact interval. */
export interface BoundReadings {
  strict: (ms: number) => boolean;
  inclusive: (ms: number) => boolean;
}

/**
 * A provider-only field: the raw key, where it lands in the Call (a path such as
 * `quality.mos` or `providerFields.twilio.queueTime`), and how its value is read.
 */
export interface ProviderOnlyField {
  raw: string;
  path: string;
  kind: 'number' | 'text';
}

/** The value at a dotted path of a Call (`quality.mos`), undefined when a step is missing. */
export function valueAtPath(call: Call, path: string): unknown {
  let value: unknown = call;
  for (const step of path.split('.')) value = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[step];
  return value;
}

/**
 * What the contract suite needs to know about one dialect. The suite asserts the
 * same behaviours for every dialect; this is only the data those assertions use.
 */
export interface DialectCase {
  provider: Provider;
  /** A provider whose dialect the fixtures are also read in, overriding detection, and the sign of a charge there. */
  other: Provider;
  otherChargeSign: 1 | -1;
  /** The account (Twilio, Telnyx) or project (SignalWire) the fixtures belong to. */
  account: string;
  /** Sign of a charge in the raw `price`. */
  chargeSign: 1 | -1;
  /** Every key of the dialect's documented call record (from the published docs). */
  documentedKeys: readonly string[];
  providerOnly: readonly ProviderOnlyField[];
  /** JSON types the dialect documents for what callbridge writes. */
  writes: { price: 'string' | 'number'; duration: 'string' | 'number' };
  /**
   * Documented records written more loosely than the dialect's strict form
   * (`Sept`, `Thur`, one formatted alias, missing fields): they normalize, but
   * are written back in the strict form rather than byte for byte.
   */
  looseRecords: readonly string[];
  /** Spot checks of single fixture records, by sid. */
  expectations: ReadonlyArray<readonly [sid: string, expected: Record<string, unknown>]>;
  /** What the drift records that must be read leniently read as. */
  drift: Partial<Record<DriftCase, Record<string, unknown>>>;
  /** The field a rejected drift record is refused for. */
  rejectedField: Record<'impossible-date' | 'unknown-status', string>;
  /** Shape of a server-side time bound value. */
  boundFormat: RegExp;
  /** The readings a provider might give a bound sent on `Key>` / `Key<`. */
  readBound(op: '>' | '<', value: string): BoundReadings;
  /** Canonical statuses the dialect cannot select. */
  lacksStatuses: readonly CallStatus[];
  /** Canonical statuses its `Status` filter lacks, selected on the client from an unfiltered list instead. */
  clientStatuses: readonly CallStatus[];
  /** Whether it filters by parent call; when not, a parentCallSid query is refused with UnsupportedQueryError. */
  parentFilter: boolean;
  /** Sids `requestSid` accepts, and how it sends them. */
  goodSids: ReadonlyArray<readonly [input: string, sent: string]>;
  /** Sids `requestSid` must refuse. */
  wrongSids: readonly string[];
}

/** Every provider's case, for the tests that pair dialects (cross-dialect.test.ts). */
export const DIALECT_CASES: readonly DialectCase[] = [TWILIO, SIGNALWIRE, TELNYX];

export const CASE_OF: Readonly<Record<Provider, DialectCase>> = { twilio: TWILIO, signalwire: SIGNALWIRE, telnyx: TELNYX };
