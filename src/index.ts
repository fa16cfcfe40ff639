/**
 * callbridge's public API: the canonical model's types, the client, record
 * translation between dialects, query planning, and the error classes.
 * The emulator is at `callbridge/emulator`, webhook verification at `callbridge/webhooks`.
 */
export { type Address, type AddressKind, formatNational } from './model/address.js';
export type { AnsweredBy } from './model/answered-by.js';
export { type Call, type CallQuality, type ProviderFields, type ProviderFieldValue, rawRecord } from './model/call.js';
export { rawRecordText } from './model/raw-text.js';
export type { Direction } from './model/direction.js';
export type { Interval } from './model/interval.js';
export { PROVIDERS, type Provider } from './model/provider.js';
export type { CalendarDay, CallQuery, InstantInput, QueryOptions, TimeRange } from './model/query.js';
export type { CallStatus } from './model/status.js';
export type { CallEvent, CallInstructions, CreateCallInput, CreatedCall, HttpMethod, ProviderParamValue, ProviderParams, UpdateCallInput } from './model/call-request.js';
export type { ListPlan, RequestPlan } from './dialects/common/dialect.js';
export { type NormalizeOptions, normalizeCall, toDialect } from './dialects/registry.js';
export { planQuery } from './dialects/plan-query.js';
export { fromTwilioQuery } from './dialects/twilio/from-twilio-query.js';
export { type CallClient, type CallsResource, type ListOptions, createCallClient } from './client/call-client.js';
export type { CallClientOptions, CommonClientOptions, ProviderOptions } from './client/config.js';
export type { CallPage } from './client/list-calls.js';
export type { RetryPolicy } from './client/retry-policy.js';
export type { SignalWireOptions } from './dialects/signalwire/signalwire-config.js';
export type { TwilioOptions } from './dialects/twilio/twilio-config.js';
export { BadQueryError } from './model/errors/bad-query-error.js';
export { CallbridgeError } from './model/errors/callbridge-error.js';
export { ConfigError } from './model/errors/config-error.js';
export { MalformedRecordError } from './model/errors/malformed-record-error.js';
export { UnsupportedQueryError } from './model/errors/unsupported-query-error.js';
export { UnsupportedOperationError } from './model/errors/unsupported-operation-error.js';
export { AmbiguousResultError, type WriteOperation } from './client/errors/ambiguous-result-error.js';
export { AuthenticationError } from './client/errors/authentication-error.js';
export { MalformedResponseError } from './client/errors/malformed-response-error.js';
export { NetworkError } from './client/errors/network-error.js';
export { NotFoundError } from './client/errors/not-found-error.js';
export { ProviderError } from './client/errors/provider-error.js';
export { RateLimitedError } from './client/errors/rate-limited-error.js';
export { RefusedLinkError } from './client/errors/refused-link-error.js';
export { TimeoutError } from './client/errors/timeout-error.js';
