import { TcError, type TcErrorKind } from '../model/error.js';

/** What a vendor error mapper may say about an error response; the client fills in the rest. */
export interface VendorErrorDetails {
  kind?: TcErrorKind;
  message?: string;
  /** Per-field messages keyed by the MODEL's field path (`title`, `schedule.start`, …). */
  fields?: Record<string, string>;
  /** Vendor reason/code for logs. */
  code?: string;
}

/** An error response as the client read it. `body` is the parsed JSON, or undefined when there was none. */
export interface ErrorResponse {
  status: number;
  body: unknown;
  headers: Headers;
  method: string;
  url: string;
}

/** Turns a vendor's error body into details; return undefined to keep the defaults for the status. */
export type VendorErrorMapper = (response: ErrorResponse) => VendorErrorDetails | undefined;

export function kindForStatus(status: number): TcErrorKind {
  if (status === 400 || status === 422) return 'validation';
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'protocol';
}

const MESSAGES: Record<TcErrorKind, string> = {
  config: 'The widget is not configured correctly.',
  auth: 'Your session has expired. Sign in again.',
  forbidden: 'You do not have permission to do this.',
  'not-found': 'It does not exist (any more).',
  validation: 'Some of the values were not accepted.',
  conflict: 'It was changed or is in use; reload and try again.',
  'rate-limited': 'Too many requests. Try again in a moment.',
  network: 'Cannot reach the server. Check your connection.',
  timeout: 'The server took too long to answer.',
  server: 'The server had a problem. Try again later.',
  protocol: 'The server sent an answer that could not be understood.',
  aborted: 'The request was cancelled.',
};

/** A plain English default for each kind; elements may localise by `kind` instead. */
export function defaultMessage(kind: TcErrorKind): string {
  return MESSAGES[kind];
}

export function errorFromResponse(response: ErrorResponse, mapper: VendorErrorMapper | undefined): TcError {
  let details: VendorErrorDetails | undefined;
  try {
    details = mapper?.(response);
  } catch {
    details = undefined; // A broken mapper must not hide the real error.
  }
  const kind = details?.kind ?? kindForStatus(response.status);
  const init = {
    kind,
    status: response.status,
    message: details?.message || defaultMessage(kind),
    ...(details?.fields ? { fields: details.fields } : {}),
    ...(details?.code ? { code: details.code } : {}),
  };
  return new TcError(init);
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
