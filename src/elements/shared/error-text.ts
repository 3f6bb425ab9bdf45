import { msg, str } from '@lit/localize';
import { TcError } from '../../model/error.js';

/**
 * A short, translated headline for an error, by kind. The vendor's own message (English, possibly
 * technical) is shown as the detail below it, never as the only text.
 */
export function errorHeadline(error: TcError): string {
  switch (error.kind) {
    case 'network':
      return msg("Can't reach the server. Check your connection.");
    case 'timeout':
      return msg('The server took too long to answer.');
    case 'server':
      return msg('The server had a problem.');
    case 'protocol':
      return msg('The server sent an answer that could not be read.');
    case 'rate-limited':
      return error.retryAfter
        ? msg(str`Too many requests. Try again in ${error.retryAfter} s.`)
        : msg('Too many requests. Try again shortly.');
    case 'auth':
      return msg('Your sign-in has expired. Sign in again.');
    case 'forbidden':
      return msg("You don't have permission to do this.");
    case 'not-found':
      return msg('Not found.');
    case 'validation':
      return msg('Some values were not accepted.');
    case 'conflict':
      return msg('Someone else changed this in the meantime.');
    case 'config':
      return msg('The widget is not configured correctly.');
    case 'aborted':
      return msg('The request was cancelled.');
  }
}

/** Normalises anything thrown into a TcError (network failures arrive as TypeError). */
export function toTcError(error: unknown): TcError {
  if (error instanceof TypeError) return new TcError({ kind: 'network', message: error.message, cause: error });
  return TcError.from(error);
}
