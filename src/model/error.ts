/** What went wrong, in terms a widget can act on (retry, sign in again, fix a field...). */
export type TcErrorKind =
  | 'config'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'validation'
  | 'conflict'
  | 'rate-limited'
  | 'network'
  | 'timeout'
  | 'server'
  | 'protocol'
  | 'aborted';

export interface TcErrorInit {
  kind: TcErrorKind;
  message: string;
  /** HTTP status when the error came from a response. */
  status?: number;
  /** Per-field messages keyed by the model's field path, e.g. `title`, `schedule.start`. */
  fields?: Record<string, string>;
  /** Seconds to wait before retrying (from `Retry-After`). */
  retryAfter?: number;
  /** Vendor code or reason, kept for logs and support (never shown as the only message). */
  code?: string;
  cause?: unknown;
}

/** The one error type every layer raises and every `tc-error` event carries. */
export class TcError extends Error {
  readonly kind: TcErrorKind;
  readonly status: number | undefined;
  readonly fields: Readonly<Record<string, string>>;
  readonly retryAfter: number | undefined;
  readonly code: string | undefined;

  constructor(init: TcErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'TcError';
    this.kind = init.kind;
    this.status = init.status;
    this.fields = init.fields ?? {};
    this.retryAfter = init.retryAfter;
    this.code = init.code;
  }

  /** Whether trying the same request again later may succeed. */
  get retryable(): boolean {
    return ['network', 'timeout', 'server', 'rate-limited', 'protocol'].includes(this.kind);
  }

  static from(error: unknown, kind: TcErrorKind = 'protocol'): TcError {
    if (error instanceof TcError) return error;
    if (error instanceof DOMException && error.name === 'AbortError') {
      return new TcError({ kind: 'aborted', message: 'The request was cancelled.', cause: error });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new TcError({ kind, message, cause: error });
  }
}
