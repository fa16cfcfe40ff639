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

/** Error codes both dialects use (Twilio's numbering, which SignalWire's compatibility API follows). */
const CODES: Readonly<Record<ApiErrorKind, readonly [number, string | null]>> = {
  'bad-request': [70002, null],
  unauthorized: [20003, 'Authenticate'],
  'not-found': [20404, null],
  'method-not-allowed': [20004, 'Method not allowed'],
  'rate-limited': [20429, 'Too Many Requests'],
  'server-error': [20500, 'Internal Server Error'],
  unavailable: [20503, 'Service Unavailable'],
};

/**
 * The `{code, message, more_info, status}` error body both dialects send, with
 * the dialect's own 401 message and documentation link.
 */
export function errorBodyWriter(unauthorized: string, moreInfo: (code: number) => string) {
  return (error: ApiError, path: string): Record<string, unknown> => {
    const [code, fixed] = CODES[error.kind];
    const message = error.kind === 'unauthorized' ? unauthorized : fixed;
    return {
      code,
      message: message ?? (error.kind === 'not-found' ? `The requested resource ${path} was not found` : error.message),
      more_info: moreInfo(code),
      status: error.status,
    };
  };
}
