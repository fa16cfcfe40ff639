import type { CallClient } from '../../src/client/call-client.js';
import type { CreateCallInput, CreatedCall } from '../../src/model/call-request.js';
import type { Provider } from '../../src/model/provider.js';

const CALL = { to: '+14155550100', from: '+14155550199', url: 'https://example.com/answer.xml' } as const;

/**
 * A call to place on each provider: instructions by URL; Telnyx also names
 * the TeXML application every create needs (`ApplicationSid`).
 */
export const PLACE: Readonly<Record<Provider, CreateCallInput>> = {
  twilio: CALL,
  signalwire: CALL,
  telnyx: { ...CALL, applicationSid: '1293384261075731499' },
};

/** How each provider ends a call not yet answered: Telnyx's update takes only `completed`. */
export const END_EARLY: Readonly<Record<Provider, 'canceled' | 'completed'>> = {
  twilio: 'canceled',
  signalwire: 'canceled',
  telnyx: 'completed',
};

/** The HTTP status of a create's answer: Twilio and SignalWire 201 and the call; Telnyx 200 and `{from, status, to}`. */
export const CREATED_STATUS: Readonly<Record<Provider, number>> = { twilio: 201, signalwire: 201, telnyx: 200 };

/**
 * The sid of a call just placed: the create answer's, or, where the answer
 * has none (Telnyx), the newest of the account's calls to that number from
 * that caller (the emulator lists a created call at once; Telnyx's list is
 * eventually consistent, so a live lookup may need to wait).
 */
export async function placedSid(client: CallClient, input: CreateCallInput, created: CreatedCall): Promise<string> {
  if (created.sid !== null) return created.sid;
  const [newest] = await client.calls.list({ to: input.to, from: input.from, limit: 1 });
  if (newest === undefined) throw new Error(`no call to ${input.to} from ${input.from} is listed`);
  return newest.sid;
}
