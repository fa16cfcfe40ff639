/**
 * Base class of every error callbridge throws on purpose.
 *
 * Catch this to handle all of them; use the subclasses to tell them apart.
 * No instance ever carries a credential or an Authorization header.
 */
export class CallbridgeError extends Error {
  override name = 'CallbridgeError';
}
