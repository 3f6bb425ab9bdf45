import type { TcError } from '../model/error.js';

/** Every public event: bubbles out of shadow roots, typed detail. */
export function emit<T>(target: EventTarget, type: string, detail: T, options: { cancelable?: boolean } = {}): boolean {
  return target.dispatchEvent(
    new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
  );
}

export interface TcErrorDetail {
  error: TcError;
}

export function emitError(target: EventTarget, error: TcError): void {
  emit<TcErrorDetail>(target, 'tc-error', { error });
}
