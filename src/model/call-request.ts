import type { Call } from './call.js';

/** An HTTP method a provider uses to fetch instructions or deliver a callback. */
export type HttpMethod = 'GET' | 'POST';

/** A call event a status callback can be asked for. */
export type CallEvent = 'initiated' | 'ringing' | 'answered' | 'completed';

/** Every {@link CallEvent}, in the order a call goes through them. */
export const CALL_EVENTS: readonly CallEvent[] = ['initiated', 'ringing', 'answered', 'completed'];

/** A value a provider-only parameter may take; an array is sent as the key repeated. */
export type ProviderParamValue = string | number | boolean | readonly string[];

/**
 * Parameters sent as given, by the provider's own name (`MachineWordsThreshold`
 * on SignalWire), for what the canonical input does not name. A name the
 * canonical input already writes is refused.
 */
export type ProviderParams = Readonly<Record<string, ProviderParamValue>>;

/** What a call does when answered and who hears of its progress; shared by create and update. */
export interface CallInstructions {
  /** URL of the instructions (TwiML / LaML / TeXML) fetched when the call is answered. */
  url?: string;
  /** The instructions inline (Twilio `Twiml`); not on SignalWire. */
  twiml?: string;
  /** How `url` is fetched. */
  method?: HttpMethod;
  /** URL fetched when `url` fails. */
  fallbackUrl?: string;
  fallbackMethod?: HttpMethod;
  /** URL told of the call's progress. */
  statusCallback?: string;
  statusCallbackMethod?: HttpMethod;
  /** Longest duration of the call once answered, in seconds (not on SignalWire). */
  timeLimit?: number;
  /** Provider-only parameters, sent verbatim. */
  providerParams?: ProviderParams;
}

/**
 * A call to place, the same on every provider. Each provider's dialect
 * translates it; a field it cannot take is refused before any request with an
 * `UnsupportedOperationError` naming the field.
 */
export interface CreateCallInput extends CallInstructions {
  /** Who to call: E.164, `sip:…`, `client:…`. */
  to: string;
  /** The caller: one of the account's numbers (or a verified caller id), or `client:…`. */
  from: string;
  /** An application whose instructions handle the call (required on Telnyx). */
  applicationSid?: string;
  /** Events to tell `statusCallback` of; the providers' default is `completed` only. */
  statusCallbackEvents?: readonly CallEvent[];
  /** Seconds to let the call ring before giving up (no-answer). */
  timeout?: number;
  /** Record the call. */
  record?: boolean;
  /** Answering machine detection. */
  machineDetection?: 'Enable' | 'DetectMessageEnd';
  /** Seconds answering machine detection may take. */
  machineDetectionTimeout?: number;
  /** Digits to play once the call is answered (`w` waits half a second). */
  sendDigits?: string;
  /** Caller id shown for a SIP or client destination. */
  callerId?: string;
}

/** A change to a live call: end it (`status`) or give it new instructions (redirect). */
export interface UpdateCallInput extends CallInstructions {
  /** `canceled` ends a call still queued or ringing; `completed` ends it whatever its state. */
  status?: 'canceled' | 'completed';
}

/**
 * What placing a call answers: a canonical Call, except that a provider whose
 * create response does not carry the sid (Telnyx answers only from, to and
 * status) gives `sid: null` and every field it did not send null. Nothing is
 * invented; list the account's calls (by to, from and start time) to find it.
 */
export type CreatedCall = Omit<Call, 'sid'> & { sid: string | null };
