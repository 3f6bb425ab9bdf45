export { createHttpClient } from './client.js';
export type { HttpClient, HttpClientOptions, HttpResponse, QueryValue, RequestOptions } from './client.js';
export type { TokenSource } from './token-source.js';
export { defaultMessage, kindForStatus } from './errors.js';
export type { ErrorResponse, VendorErrorDetails, VendorErrorMapper } from './errors.js';
export { parseLinkHeader, findLink } from './link-header.js';
export type { LinkEntry } from './link-header.js';
export { parseRetryAfter } from './retry-after.js';
export { isJsonType } from './content-type.js';
