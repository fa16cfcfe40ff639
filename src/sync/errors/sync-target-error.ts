import { CallbridgeError } from '../../model/errors/callbridge-error.js';

/**
 * The sync target cannot be used: unreachable, refused the connection, or
 * holds a schema newer than this version of callbridge knows. The message
 * says which target (without its password) and what to do.
 */
export class SyncTargetError extends CallbridgeError {
  override name = 'SyncTargetError';
}
