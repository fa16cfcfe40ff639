import type { Call } from '../../src/model/call.js';
import { readAddress } from '../../src/model/address.js';
import type { Provider } from '../../src/model/provider.js';
import { uuidToTwilioSid } from '../../src/model/sid.js';
import type { CallStatus } from '../../src/model/status.js';
import { formatIso } from '../../src/model/time.js';

const BASE = Date.UTC(2024, 2, 5, 12, 0, 0);

function uuid(n: number): string {
  const hex = n.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The sid of test call `n` on a provider. */
export function sidOf(provider: Provider, n: number): string {
  return SID_OF[provider](n);
}

const SID_OF: { [P in Provider]: (n: number) => string } = {
  twilio: (n) => uuidToTwilioSid(uuid(n)),
  signalwire: uuid,
  telnyx: (n) => `v3:TestCall_${n.toString(36).padStart(6, '0')}-Kq8Zr5Ty2Nc7Xk4Bm9Jd1Fs6Ga`,
};

/** A canonical call numbered `n`: call n+1 was created a minute after call n. */
export function makeCall(provider: Provider, n: number, account: string, status: CallStatus = 'completed'): Call {
  const at = (minutes: number) => formatIso(BASE + n * 60_000 + minutes * 1000);
  return {
    provider,
    sid: sidOf(provider, n),
    accountSid: account,
    parentCallSid: null,
    phoneNumberSid: null,
    to: readAddress('+13105678901'),
    toFormatted: '(310) 567-8901',
    from: readAddress('+13103384645'),
    fromFormatted: '(310) 338-4645',
    forwardedFrom: null,
    callerName: null,
    status,
    direction: 'inbound',
    directionDetail: 'inbound',
    answeredBy: null,
    answeredByDetail: null,
    startTime: at(1),
    endTime: at(31),
    dateCreated: at(0),
    dateUpdated: at(31),
    duration: 30,
    price: '0.0075',
    priceUnit: 'USD',
    apiVersion: '2010-04-01',
    groupSid: null,
    quality: null,
    providerFields: {},
    uri: null,
    subresourceUris: null,
    extra: {},
  };
}
