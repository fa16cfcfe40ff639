import { type Address, readAddress } from '../model/address.js';
import { answeredByOf } from '../model/answered-by.js';
import type { Call, CallQuality } from '../model/call.js';
import type { CallStatus } from '../model/status.js';
import { CALL_STATUSES } from '../model/status.js';
import { formatIso } from '../model/time.js';
import { DIRECTION, type GeneratedParts } from './generated-parts.js';
import { COUNTRIES, ENDPOINT_RATE, formatForDisplay } from './phone-numbers.js';
import { type Random, createRandom, cumulate, mix32, pickWeighted } from './random.js';

const MINUTE = 60_000;

const SUBRESOURCES: ReadonlyArray<readonly [string, string]> = [
  ['notifications', 'Notifications'],
  ['recordings', 'Recordings'],
  ['payments', 'Payments'],
  ['events', 'Events'],
  ['siprec', 'Siprec'],
  ['streams', 'Streams'],
  ['transcriptions', 'Transcriptions'],
  ['user_defined_message_subscriptions', 'UserDefinedMessageSubscriptions'],
  ['user_defined_messages', 'UserDefinedMessages'],
];

const AMD = ['human', 'machine_start', 'machine_end_beep', 'machine_end_silence', 'machine_end_other', 'fax', 'unknown'];
const AMD_WEIGHTS = cumulate([70, 10, 12, 3, 3, 1, 1]);
const CALLER_NAMES = ['WIRELESS CALLER', 'JOHN SMITH', 'MARIA GARCIA', 'ACME CORP', 'LEE WEI', 'ANNA MUELLER'];
const DIRECTION_DETAIL = ['inbound', 'outbound-api', 'outbound-dial'];
const SIP_CODE: Partial<Record<CallStatus, readonly number[]>> = {
  ringing: [180],
  'in-progress': [200],
  completed: [200],
  busy: [486],
  failed: [404, 403, 500, 503],
  canceled: [487],
};

// Parsing a phone number is costly and the same few thousand numbers recur on every page.
const ADDRESSES = new WeakMap<GeneratedParts, Array<Address | undefined>>();

function address(parts: GeneratedParts, id: number): Address | null {
  if (id < 0) return null;
  let cache = ADDRESSES.get(parts);
  if (cache === undefined) ADDRESSES.set(parts, (cache = []));
  return (cache[id] ??= readAddress(parts.addresses[id]!));
}

function iso(ms: number): string | null {
  return Number.isNaN(ms) ? null : formatIso(ms);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function quality(random: Random, answered: boolean, sipResultCode: number | null): CallQuality | null {
  if (!answered) {
    return sipResultCode === null ? null : {
      mos: null, sipResultCode, rttAvg: null, rttMin: null, rttMax: null, jitterAvg: null, jitterMin: null, jitterMax: null, packetsLost: null,
    };
  }
  const rtt = 20 + random() * 120;
  const jitter = 1 + random() * 14;
  return {
    mos: round(3.6 + random() * 0.9, 1),
    sipResultCode,
    // SignalWire documents the round-trip and jitter figures as whole milliseconds.
    rttAvg: Math.round(rtt),
    rttMin: Math.round(rtt * (0.5 + random() * 0.4)),
    rttMax: Math.round(rtt * (1.2 + random())),
    jitterAvg: Math.round(jitter),
    jitterMin: Math.round(jitter * random() * 0.5),
    jitterMax: Math.round(jitter * (1.5 + random() * 2)),
    packetsLost: Math.floor(random() * random() * 50),
  };
}

/**
 * Rebuilds the canonical Call at a position of a generated dataset: the
 * filterable fields from the columns, every other detail drawn from a
 * generator seeded by the dataset seed and the position, so a call is the
 * same every time it is served. Written as a Twilio call (`CA`/`AC`/`PN`
 * sids, Twilio's direction and answered_by detail); the SignalWire view is
 * the dialect's own translation of it.
 */
export function buildGeneratedCall(parts: GeneratedParts, position: number): Call {
  const { columns } = parts;
  const random = createRandom(mix32(parts.seed ^ mix32(position + 0x632be5ab)));
  const sid = `CA${parts.sids.keyAt(position)}`;
  const account = `AC${parts.accountKey}`;
  const status = CALL_STATUSES[columns.status[position]!]!;
  const direction = parts.direction[position]!;
  const inbound = direction === DIRECTION.inbound;
  const toId = columns.to[position]!;
  const fromId = columns.from[position]!;
  const created = columns.created[position]!;
  const start = columns.start[position]!;
  const end = columns.end[position]!;
  const parent = columns.parent[position]!;
  const completed = status === 'completed';
  const answered = completed || status === 'in-progress';
  const duration = completed ? (end - start) / 1000 : null;

  const remote = inbound ? fromId : toId;
  const country = parts.addressCountry[remote]!;
  const rate = country < 0 ? ENDPOINT_RATE : inbound ? COUNTRIES[country]!.inboundRate : COUNTRIES[country]!.outboundRate;
  // Providers price a call a little after it ends; the newest completed calls are not priced yet.
  const priced = duration !== null && parts.anchor - end >= 5 * MINUTE;
  const ownedId = inbound ? toId : fromId < parts.ownedCount ? fromId : -1;
  const amd = direction === DIRECTION.outboundApi && answered && random() < 0.25 ? AMD[pickWeighted(AMD_WEIGHTS, random)]! : null;
  const forwarded = inbound && random() < 0.03 ? parts.ownedCount + Math.floor(random() * parts.customers) : -1;
  const sipCodes = SIP_CODE[status];
  const uri = `/2010-04-01/Accounts/${account}/Calls/${sid}`;
  const to = parts.addresses[toId]!;
  const from = parts.addresses[fromId]!;
  // Drawn in the order the generator always drew them, so that a seed gives the calls it gave before.
  const callerName = inbound && random() < 0.12 ? CALLER_NAMES[Math.floor(random() * CALLER_NAMES.length)]! : null;
  const queueTime = status === 'queued' ? null : direction === DIRECTION.outboundApi ? Math.floor(random() * 1500) : 0;
  const sipResultCode = sipCodes === undefined ? null : sipCodes[Math.floor(random() * sipCodes.length)]!;
  const groups = { quality: quality(random, answered, sipResultCode), providerFields: { twilio: { queueTime, trunkSid: null } } };
  const last = Number.isNaN(end) ? (Number.isNaN(start) ? created : start) : end;

  return {
    provider: 'twilio',
    sid,
    accountSid: account,
    parentCallSid: parent < 0 ? null : `CA${parts.sids.keyAt(parent)}`,
    phoneNumberSid: ownedId < 0 ? null : `PN${parts.ownedKeys[ownedId]}`,
    to: address(parts, toId),
    toFormatted: formatForDisplay(to),
    from: address(parts, fromId),
    fromFormatted: formatForDisplay(from),
    forwardedFrom: address(parts, forwarded),
    callerName,
    status,
    direction: inbound ? 'inbound' : 'outbound',
    directionDetail: DIRECTION_DETAIL[direction]!,
    answeredBy: amd === null ? null : answeredByOf(amd),
    answeredByDetail: amd,
    startTime: iso(start),
    endTime: iso(end),
    dateCreated: formatIso(created),
    dateUpdated: formatIso(last + (priced ? 5 * MINUTE : 1000)),
    duration,
    price: priced ? (Math.ceil(duration / 60) * rate).toFixed(5) : null,
    priceUnit: 'USD',
    apiVersion: '2010-04-01',
    groupSid: null,
    ...groups,
    uri: `${uri}.json`,
    subresourceUris: Object.fromEntries(SUBRESOURCES.map(([name, path]) => [name, `${uri}/${path}.json`])),
    extra: {},
  };
}
