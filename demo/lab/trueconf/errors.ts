/**
 * TrueConf's error bodies. The API uses one envelope with `errors[]` (v4 adds `trace_id` inside
 * `error`, spec §4.1); the v3 token endpoint answers like bshaffer/oauth2-server-php
 * (`{error, error_description}`), the v4 one with the envelope (spec §4.3).
 */
import { randomInt } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http.js';
import type { ApiVersion } from './views.js';

export interface ErrorItem {
  reason: string;
  message: string;
  /** `parameter` for body/query fields, `path` for URL segments. */
  locationType?: 'parameter' | 'path' | 'header';
  location?: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
};

export function envelope(version: ApiVersion, status: number, errors: ErrorItem[]): Record<string, unknown> {
  const message = STATUS_TEXT[status] ?? 'Error';
  if (version === 'v3') return { error: { code: status, message, errors } };
  return { error: { code: status, message, trace_id: String(randomInt(1_000_000_000, 9_999_999_999)), errors } };
}

export function sendApiError(
  res: ServerResponse,
  version: ApiVersion,
  status: number,
  errors: ErrorItem[],
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, envelope(version, status, errors), headers);
}

export const notFound = (what: 'conference' | 'user' | 'invitation' | 'participant', id: string): ErrorItem => ({
  reason: `${what}NotFound`,
  message: `${what[0]!.toUpperCase()}${what.slice(1)} '${id}' is not found.`,
  locationType: 'path',
  location: `${what}_id`,
});

export const forbidden = (message = 'Forbidden'): ErrorItem => ({ reason: 'forbidden', message });

/** A failed token request, rendered per endpoint by `sendTokenError`. */
export interface TokenError {
  /** RFC 6749 / bshaffer error code. */
  error: string;
  description: string;
  /** bshaffer's status (400, or 401 for bad user credentials). */
  status: number;
  /** v4 status: client and user authentication failures are 401 there. */
  v4Status: number;
  /** v4 `errors[].reason`. */
  reason: string;
  location?: string;
}

export function sendTokenError(res: ServerResponse, version: ApiVersion, e: TokenError): void {
  if (version === 'v3') {
    sendJson(res, e.status, { error: e.error, error_description: e.description });
    return;
  }
  sendApiError(res, 'v4', e.v4Status, [
    { reason: e.reason, message: e.description, ...(e.location ? { locationType: 'parameter', location: e.location } : {}) },
  ]);
}
