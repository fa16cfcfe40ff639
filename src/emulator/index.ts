/**
 * callbridge/emulator: one local HTTP server speaking every provider's
 * dialect of the Calls API over one dataset, for testing code
 * against every provider offline.
 */
export { datasetOf } from './calls-dataset.js';
export type { EmulatorAccounts, EmulatorAlternates } from './credentials.js';
export type { CallColumns, Dataset, Lag } from './dataset.js';
export { sidKey } from '../model/sid.js';
export type { FaultOptions, WriteFault } from './faults.js';
export type { ClockOptions } from './clock.js';
export type { CallbackDelivery } from './callback-sender.js';
export type { CallTransition, CreatedEntry, StatusCallbackSettings, TransitionListener } from './created-calls.js';
export { type Outcome, TEST_NUMBERS } from './test-numbers.js';
export { type GenerateOptions, generateDataset } from './generate-dataset.js';
export { type DatasetSource, loadDataset } from './load-dataset.js';
export type { RecordedRequest } from './request-log.js';
export { redirectHttpClient } from './sdk-http-client.js';
export { type CreatedCallsControl, type Emulator, type EmulatorControls, type EmulatorOptions, startEmulator } from './server.js';
