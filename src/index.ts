export type { Address, AddressKind } from './model/address.js';
export type { AnsweredBy } from './model/answered-by.js';
export { type Call, RAW, rawRecord } from './model/call.js';
export type { Direction } from './model/direction.js';
export { BadQueryError } from './model/errors/bad-query-error.js';
export { CallbridgeError } from './model/errors/callbridge-error.js';
export { MalformedRecordError } from './model/errors/malformed-record-error.js';
export { UnsupportedQueryError } from './model/errors/unsupported-query-error.js';
export type { Interval } from './model/interval.js';
export { PROVIDERS, type Provider, isProvider } from './model/provider.js';
export {
  type CalendarDay,
  type CallQuery,
  type InstantInput,
  PAGE_SIZE,
  type QueryOptions,
  type ResolvedQuery,
  type TimeRange,
  resolveQuery,
} from './model/query.js';
export { isTwilioCallSid, isUuid, twilioSidToUuid, uuidToTwilioSid } from './model/sid.js';
export { CALL_STATUSES, type CallStatus, isCallStatus } from './model/status.js';
export type { Dialect, ListPlan, PageOf, ProviderErrorBody, RequestPlan } from './dialects/common/dialect.js';
export { DIALECTS, type NormalizeOptions, detectDialect, normalizeCall, toDialect } from './dialects/registry.js';
