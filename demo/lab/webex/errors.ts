/** The Webex REST error envelope: `{message, errors: [{description}], trackingId}` [doc W1]. */
import type { ServerResponse } from 'node:http';
import { randomHex, sendJson } from '../http.js';

/** Shaped like Webex's: 32 upper-case hex, `_`, epoch milliseconds. */
export function trackingId(): string {
  return `${randomHex(16).toUpperCase()}_${Date.now()}`;
}

export function sendWebexError(
  res: ServerResponse,
  status: number,
  message: string,
  descriptions: readonly string[] = [message],
  headers: Record<string, string> = {},
): void {
  const id = trackingId();
  sendJson(
    res,
    status,
    { message, errors: descriptions.map((description) => ({ description })), trackingId: id },
    { trackingid: id, ...headers },
  );
}

export const MESSAGES = {
  unauthorized: 'The request requires a valid access token set in the Authorization request header.',
  scope: 'The server understood the request, but refused to fulfill it because the access token is missing required scopes.',
  invalid: 'The input parameters contain invalid items.',
  notFound: 'The requested resource could not be found.',
  forbidden: 'The server understood the request, but refused to fulfill it.',
  tooMany: 'Too many requests have been sent in a given amount of time.',
} as const;
