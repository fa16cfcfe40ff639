import { readAddress } from '../model/address.js';
import type { Call } from '../model/call.js';
import type { CallEvent, CreateCallInput, HttpMethod, ProviderParams, UpdateCallInput } from '../model/call-request.js';
import type { Provider } from '../model/provider.js';
import type { CallStatus } from '../model/status.js';
import { formatIso } from '../model/time.js';
import { FINAL, type Transition, applyTransition, planLifecycle } from './call-lifecycle.js';
import type { EmulatorClock } from './clock.js';
import { formatForDisplay } from './phone-numbers.js';
import { hex32, mix32 } from './random.js';
import { outcomeFor } from './test-numbers.js';

/** Where and how a created call's progress is to be told, as the create (or a later update) asked. */
export interface StatusCallbackSettings {
  url: string | null;
  method: HttpMethod;
  events: readonly CallEvent[];
}

/** A call created through the emulator, with what it was asked to do. */
export interface CreatedEntry {
  /** The call as it stands. */
  readonly call: Call;
  /** The provider whose dialect created it. */
  readonly createdWith: Provider;
  readonly statusCallback: StatusCallbackSettings;
  /** Its current instructions: a URL or inline markup, and provider-only parameters as sent. */
  readonly instructions: { url: string | null; twiml: string | null; method: HttpMethod };
  readonly providerParams: ProviderParams;
}

/** One status change of a created call, as listeners see it. */
export interface CallTransition {
  entry: CreatedEntry;
  previous: CallStatus;
  status: CallStatus;
  /** The emulated time of the change, ISO 8601. */
  at: string;
}

/** A listener of status changes (the place to send status callbacks from). */
export type TransitionListener = (transition: CallTransition) => void;

/** A listener of creations: the call, queued, and the emulated time it was created at (ISO 8601). */
export type CreationListener = (entry: CreatedEntry, at: string) => void;

interface Live extends CreatedEntry {
  call: Call;
  statusCallback: StatusCallbackSettings;
  instructions: { url: string | null; twiml: string | null; method: HttpMethod };
  pending: Transition[];
  answeredAt: number | null;
}

/** Why an update or delete cannot apply, in words for the error body. */
export class CallStateError extends Error {}

/**
 * The calls created through the emulator and every change of their status,
 * in one place: each change goes through {@link CreatedCalls.settle}, which
 * applies what is due on the clock and tells the listeners.
 */
export class CreatedCalls {
  readonly #clock: EmulatorClock;
  readonly #calls = new Map<string, Live>();
  readonly #listeners = new Set<TransitionListener>();
  readonly #creationListeners = new Set<CreationListener>();
  readonly #taken: (key: string) => boolean;
  readonly #seed: number;
  #timer: NodeJS.Timeout | null = null;
  #created = 0;
  #version = 0;

  /** `taken` says whether a sid key is already the dataset's, so a new call never shares one. */
  constructor(clock: EmulatorClock, seed: number, taken: (key: string) => boolean) {
    this.#clock = clock;
    this.#seed = seed;
    this.#taken = taken;
  }

  /** How many calls were created in all (deleted ones included): proof that a request placed no second call. */
  get createdCount(): number {
    return this.#created;
  }

  /** Changes whenever a call is created, changes status or is deleted. */
  get version(): number {
    return this.#version;
  }

  /** Adds a listener of status changes; returns the function that removes it. */
  onTransition(listener: TransitionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Adds a listener of creations; returns the function that removes it. */
  onCreate(listener: CreationListener): () => void {
    this.#creationListeners.add(listener);
    return () => this.#creationListeners.delete(listener);
  }

  /** Creates a call for `account` (its 32-character key), queued now; its outcome follows from `to`. */
  create(input: CreateCallInput, accountKey: string, createdWith: Provider): CreatedEntry {
    this.settle();
    let key: string;
    let n = this.#created;
    do key = hex32(mix32(this.#seed ^ 0x1b873593) ^ mix32(n++));
    while (this.#taken(key) || this.#calls.has(key));
    this.#created += 1;
    const now = this.#clock.now();
    const sid = `CA${key}`;
    const account = `AC${accountKey}`;
    const uri = `/2010-04-01/Accounts/${account}/Calls/${sid}`;
    const call: Call = {
      provider: 'twilio', sid, accountSid: account, parentCallSid: null, phoneNumberSid: null,
      to: readAddress(input.to), toFormatted: formatForDisplay(input.to), from: readAddress(input.from), fromFormatted: formatForDisplay(input.from),
      forwardedFrom: null, callerName: null, status: 'queued', direction: 'outbound', directionDetail: 'outbound-api',
      answeredBy: null, answeredByDetail: null, startTime: null, endTime: null, dateCreated: formatIso(now), dateUpdated: formatIso(now),
      duration: null, price: null, priceUnit: 'USD', apiVersion: '2010-04-01', groupSid: null,
      quality: null, providerFields: { twilio: { queueTime: 0, trunkSid: null } },
      uri: `${uri}.json`, subresourceUris: { notifications: `${uri}/Notifications.json`, recordings: `${uri}/Recordings.json` }, extra: {},
    };
    const live: Live = {
      call,
      createdWith,
      statusCallback: { url: input.statusCallback ?? null, method: input.statusCallbackMethod ?? 'POST', events: input.statusCallbackEvents ?? ['completed'] },
      instructions: { url: input.url ?? null, twiml: input.twiml ?? null, method: input.method ?? 'POST' },
      providerParams: input.providerParams ?? {},
      pending: planLifecycle(outcomeFor(input.to), now, input),
      answeredAt: null,
    };
    this.#calls.set(key, live);
    this.#version += 1;
    for (const listener of this.#creationListeners) this.#tell(key, () => listener(live, call.dateCreated!));
    this.#schedule();
    return live;
  }

  /** The created call with this sid key, its due changes applied; undefined when it is not one. */
  get(key: string): CreatedEntry | undefined {
    this.settle();
    return this.#calls.get(key);
  }

  /** Every created call, its due changes applied. */
  all(): Call[] {
    this.settle();
    return [...this.#calls.values()].map((live) => live.call);
  }

  /**
   * Ends a call (`status`) or gives it new instructions, as the providers do:
   * `canceled` ends a queued or ringing call and leaves an answered one alone;
   * `completed` hangs up an answered call and cancels one not yet answered;
   * new instructions need a call that has not ended. Throws {@link CallStateError}.
   */
  update(key: string, input: UpdateCallInput): CreatedEntry {
    const live = this.#live(key);
    const { status } = live.call;
    const redirect = input.url !== undefined || input.twiml !== undefined;
    if (redirect && FINAL.has(status)) throw new CallStateError('Call is not in-progress. Cannot redirect.');
    if (redirect) live.instructions = { url: input.url ?? null, twiml: input.twiml ?? null, method: input.method ?? live.instructions.method };
    if (input.statusCallback !== undefined) live.statusCallback = { ...live.statusCallback, url: input.statusCallback };
    if (input.statusCallbackMethod !== undefined) live.statusCallback = { ...live.statusCallback, method: input.statusCallbackMethod };
    const early = status === 'queued' || status === 'ringing';
    if ((input.status === 'canceled' && early) || (input.status === 'completed' && !FINAL.has(status))) {
      live.pending = [];
      this.#apply(key, live, early ? 'canceled' : 'completed', this.#clock.now());
    }
    this.#version += 1;
    return live;
  }

  /** Deletes an ended call's record; throws {@link CallStateError} for one still going. */
  delete(key: string): void {
    const live = this.#live(key);
    if (!FINAL.has(live.call.status)) throw new CallStateError(`The call is ${live.call.status}; end it (Status=completed) before deleting it`);
    this.#calls.delete(key);
    this.#version += 1;
  }

  /** Applies every change due on the clock, oldest first, telling the listeners of each. */
  settle(): void {
    const now = this.#clock.now();
    for (;;) {
      let next: [string, Live] | null = null;
      for (const item of this.#calls) if (item[1].pending.length > 0 && item[1].pending[0]!.at <= now && (next === null || item[1].pending[0]!.at < next[1].pending[0]!.at)) next = item;
      if (next === null) return;
      const [key, live] = next;
      const { at, status } = live.pending.shift()!;
      this.#apply(key, live, status, at);
    }
  }

  /** Moves the clock forward by `ms` emulated ms and applies what became due. */
  advance(ms: number): void {
    this.#clock.step(ms);
    this.settle();
    this.#schedule();
  }

  /** Stops the timer; nothing changes on its own afterwards. */
  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #live(key: string): Live {
    this.settle();
    const live = this.#calls.get(key);
    if (live === undefined) throw new RangeError(`no created call ${key}`);
    return live;
  }

  #apply(key: string, live: Live, status: CallStatus, at: number): void {
    const previous = live.call.status;
    if (status === 'in-progress') live.answeredAt = at;
    live.call = applyTransition(live.call, status, at, live.answeredAt);
    this.#version += 1;
    for (const listener of this.#listeners) this.#tell(key, () => listener({ entry: live, previous, status, at: formatIso(at) }));
  }

  /** Runs a listener; one that throws is reported and changes nothing for the call or the other listeners. */
  #tell(key: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      process.emitWarning(`callbridge emulator: a listener of call ${key} threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Wakes up for the next due change, so listeners hear of it on time without a request. */
  #schedule(): void {
    this.stop();
    let first = Infinity;
    for (const live of this.#calls.values()) if (live.pending.length > 0) first = Math.min(first, live.pending[0]!.at);
    if (first === Infinity) return;
    const delay = this.#clock.realDelayUntil(first);
    if (delay === null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.settle();
      this.#schedule();
    }, Math.ceil(delay));
    this.#timer.unref();
  }
}
