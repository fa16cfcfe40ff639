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
export { fromTwilioQuery } from './dialects/twilio/from-twilio-query.js';
export { type CallClient, type CallsResource, type ListOptions, createCallClient } from './client/call-client.js';
export type { CallClientOptions } from './client/config.js';
export type { CallPage } from './client/list-calls.js';
export type { RetryPolicy } from './client/retry-policy.js';
export { AuthenticationError } from './client/errors/authentication-error.js';
export { ConfigError } from './model/errors/config-error.js';
export { MalformedResponseError } from './client/errors/malformed-response-error.js';
export { NetworkError } from './client/errors/network-error.js';
export { NotFoundError } from './client/errors/not-found-error.js';
export { ProviderError } from './client/errors/provider-error.js';
export { RateLimitedError } from './client/errors/rate-limited-error.js';
export { RefusedLinkError } from './client/errors/refused-link-error.js';
export { TimeoutError } from './client/errors/timeout-error.js';
export { sameDecimal } from './model/money.js';
export {
  type CallColumns,
  type Dataset,
  type DatasetSource,
  type Emulator,
  type EmulatorAccounts,
  type EmulatorOptions,
  type FaultOptions,
  type GenerateOptions,
  type Lag,
  type RecordedRequest,
  datasetOf,
  generateDataset,
  loadDataset,
  redirectHttpClient,
  startEmulator,
} from './emulator/index.js';
