/** The API's error catalogue: stable code, HTTP status, and a message that says how to fix the request. */
export const API_ERRORS = {
  INVALID_JSON: { status: 400, message: 'the request body is not valid JSON; send a JSON object' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'send the body as JSON with the header Content-Type: application/json',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: 'the request body is larger than the limit; send less text or split the batch',
  },
  INVALID_BODY: { status: 400, message: 'the request body does not have the expected shape' },
  INVALID_TEXT: { status: 422, message: 'text must be a non-empty string' },
  TEXT_TOO_LONG: { status: 422, message: 'text is longer than the limit; shorten it' },
  INVALID_BATCH: { status: 422, message: 'texts must be a non-empty list of non-empty strings' },
  BATCH_TOO_LARGE: { status: 422, message: 'the batch has more texts than the limit; split it' },
  INVALID_URL: {
    status: 400,
    message: 'the URL is malformed (bad percent-encoding); encode reserved characters as %XX',
  },
  BAD_REQUEST: { status: 400, message: 'the request is malformed; check the method, URL, headers and body' },
  NOT_FOUND: { status: 404, message: 'no such route; see GET / for the service and its endpoints' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'this route does not accept that method' },
  OVERLOADED: {
    status: 429,
    message: 'the service is at capacity and shed this request; retry after the Retry-After seconds',
  },
  AUTH_MISSING: {
    status: 401,
    message: 'this route needs an API key; send the header Authorization: Bearer <key> (pnpm cluster keys create)',
  },
  AUTH_MALFORMED: {
    status: 401,
    message: 'the Authorization header is not "Bearer mlk_<tenant>_<key>"; send the key exactly as it was issued',
  },
  AUTH_WRONG_TENANT: {
    status: 401,
    message: "the API key belongs to another tenant; use a key issued for this tenant's endpoint",
  },
  AUTH_UNKNOWN_KEY: {
    status: 401,
    message: 'the API key is not (or no longer) valid for this tenant; ask for a current key (pnpm cluster keys list)',
  },
  RATE_LIMITED: {
    status: 429,
    message: "this API key's request rate is over its limit; retry after the Retry-After seconds (see RateLimit)",
  },
  CONCURRENCY_LIMITED: {
    status: 429,
    message: 'too many requests in flight on this replica; retry after the Retry-After seconds',
  },
  CLIENT_CLOSED: { status: 499, message: 'the client closed the connection before the answer was ready' },
  MODEL_NOT_READY: { status: 503, message: 'no model is loaded yet; retry shortly (GET /ready tells when)' },
  INTERNAL: { status: 500, message: 'internal error; it was logged with the request id' },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** An error a client caused or must know about; rendered as {"error":{"code","message"}} with its status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  /** Response headers that belong to the error (Allow on 405, Retry-After on 429 and 503). */
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    readonly code: ApiErrorCode,
    detail?: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(detail ?? API_ERRORS[code].message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = API_ERRORS[code].status;
    const retry = this.status === 503 || this.status === 429;
    this.headers = { ...(retry ? { 'Retry-After': '1' } : {}), ...options?.headers };
  }
}
