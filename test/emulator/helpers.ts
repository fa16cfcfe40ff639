import { DIALECTS } from '../../src/dialects/registry.js';
import type { Emulator } from '../../src/emulator/index.js';
import type { Provider } from '../../src/model/provider.js';

/** A raw record or page body as JSON. */
export type Json = Record<string, any>;

/** An HTTP answer of the emulator. */
export interface Answer {
  status: number;
  headers: Headers;
  body: Json;
}

function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
}

/** The Authorization header of the emulator's Twilio account. */
export const twilioAuth = (em: Emulator): string => basic(em.twilio.accountSid, em.twilio.authToken);
/** The Authorization header of the emulator's SignalWire project. */
export const signalwireAuth = (em: Emulator): string => basic(em.signalwire.projectId, em.signalwire.token);
/** Twilio's list path of the emulator's account. */
export const twilioCalls = (em: Emulator): string => `/2010-04-01/Accounts/${em.twilio.accountSid}/Calls.json`;
/** SignalWire's list path of the emulator's project. */
export const signalwireCalls = (em: Emulator): string => `/api/laml/2010-04-01/Accounts/${em.signalwire.projectId}/Calls`;

/** The Authorization header of the emulator's Telnyx account: its API key as a bearer token. */
export const telnyxAuth = (em: Emulator): string => `Bearer ${em.telnyx.apiKey}`;
/** Telnyx's list path of the emulator's account. */
export const telnyxCalls = (em: Emulator): string => `/v2/texml/Accounts/${em.telnyx.accountSid}/Calls`;

/** Each provider's list path and Authorization header on the emulator. */
export const SERVED: { [P in Provider]: (em: Emulator) => { path: string; auth: string } } = {
  twilio: (em) => ({ path: twilioCalls(em), auth: twilioAuth(em) }),
  signalwire: (em) => ({ path: signalwireCalls(em), auth: signalwireAuth(em) }),
  telnyx: (em) => ({ path: telnyxCalls(em), auth: telnyxAuth(em) }),
};

/** The dataset key of a sid the emulator served in a provider's dialect (Telnyx gives calls `v3:` sids of its own). */
export const servedKey = (provider: Provider, sid: string): string => DIALECTS[provider].emulated.fetchKey(sid);

/** A path with a query string; repeated and odd keys (`StartTime>`) welcome. */
export function withQuery(path: string, params: ReadonlyArray<readonly [string, string]>): string {
  return params.length === 0 ? path : `${path}?${new URLSearchParams(params as Array<[string, string]>)}`;
}

/** GETs a path (or an absolute URL) of the emulator. */
export async function get(em: Emulator, path: string, authorization?: string): Promise<Answer> {
  const response = await fetch(path.startsWith('http') ? path : em.url + path, {
    headers: authorization === undefined ? {} : { authorization },
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

/** Every page of a list, following next_page_uri; fails on anything but 200. */
export async function pages(em: Emulator, path: string, authorization: string): Promise<Json[]> {
  const out: Json[] = [];
  let next: string | null = path;
  while (next !== null) {
    const answer = await get(em, next, authorization);
    if (answer.status !== 200) throw new Error(`${next}: ${answer.status} ${JSON.stringify(answer.body)}`);
    out.push(answer.body);
    next = answer.body.next_page_uri as string | null;
    if (out.length > 10_000) throw new Error('runaway paging');
  }
  return out;
}

/** Every record of a list, in order. */
export async function listAll(em: Emulator, path: string, authorization: string): Promise<Json[]> {
  return (await pages(em, path, authorization)).flatMap((page) => page.calls as Json[]);
}

/** The sids of records. */
export const sids = (records: readonly Json[]): string[] => records.map((r) => r.sid as string);
