/** The kinds of failure the emulator answers with; each dialect writes them in its own error body. */
export type ApiErrorKind = 'bad-request' | 'unauthorized' | 'not-found' | 'method-not-allowed' | 'rate-limited' | 'server-error' | 'unavailable';

/** HTTP status of each kind. */
export const STATUS_OF: Readonly<Record<ApiErrorKind, number>> = {
  'bad-request': 400,
  unauthorized: 401,
  'not-found': 404,
  'method-not-allowed': 405,
  'rate-limited': 429,
  'server-error': 500,
  unavailable: 503,
};

/**
 * A request the emulator refuses. `detail` says what was wrong in words a
 * developer can act on; the dialect decides the code and body shape.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status: number;
  /** Headers to send with the error (`Retry-After`, `WWW-Authenticate`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(kind: ApiErrorKind, detail: string, headers: Record<string, string> = {}) {
    super(detail);
    this.kind = kind;
    this.status = STATUS_OF[kind];
    this.headers = headers;
  }
}
