/**
 * Popup sign-in. The opener keeps the transaction in memory; the popup comes back to the redirect URI
 * (the same page, with the library loaded), sees a popup `state` and hands the response URL to the
 * opener, which validates and redeems it. `window.opener` is the first path; when a
 * Cross-Origin-Opener-Policy cut it, a same-origin BroadcastChannel carries the message instead.
 */
import { TcError } from '../model/error.js';

export const POPUP_CHANNEL = 'tc-auth-popup';
const MESSAGE_TYPE = 'tc-auth-callback';

interface CallbackMessage {
  type: typeof MESSAGE_TYPE;
  url: string;
}

function isCallbackMessage(data: unknown): data is CallbackMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as CallbackMessage).type === MESSAGE_TYPE &&
    typeof (data as CallbackMessage).url === 'string'
  );
}

export const DEFAULT_POPUP_FEATURES = 'popup,width=520,height=680';

/**
 * Opens the sign-in window. Call it synchronously in the click handler (before any await): browsers
 * only allow popups during a user gesture. Throws a TcError when the browser blocked it.
 */
export function openPopup(features = DEFAULT_POPUP_FEATURES): Window {
  let popup: Window | null = null;
  try {
    popup = window.open('about:blank', '_blank', features);
  } catch {
    popup = null;
  }
  if (!popup || popup.closed) {
    throw new TcError({
      kind: 'auth',
      code: 'popup_blocked',
      message:
        'The browser blocked the sign-in window. Allow pop-ups for this site and try again, or use login-mode="redirect".',
    });
  }
  return popup;
}

export interface PopupWaitOptions {
  /** The transaction's `state`: results from other tabs' popups (over the channel) are ignored. */
  state: string;
  /** After the popup looks closed, wait this long for its result (COOP makes a live popup look closed). */
  closedGraceMs: number;
  /** Give up after this long (the transaction's lifetime). */
  timeoutMs: number;
  /** A result that arrives after the wait gave up because the popup looked closed (COOP). */
  onLateResult?: (url: URL) => void;
}

/** Resolves to the callback URL the popup reports. */
export function waitForPopup(popup: Window, options: PopupWaitOptions): Promise<URL> {
  return new Promise<URL>((resolve, reject) => {
    let settled = false;
    let closedSince: number | undefined;
    const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(POPUP_CHANNEL);

    const cleanup = (keepChannel: boolean) => {
      window.removeEventListener('message', onMessage);
      clearInterval(poll);
      if (!keepChannel) {
        clearTimeout(deadline);
        channel?.close();
      }
    };
    const finish = (url: URL) => {
      if (settled) {
        // Only reachable over the channel after a "closed" rejection: COOP had hidden a live popup.
        cleanup(false);
        options.onLateResult?.(url);
        return;
      }
      settled = true;
      cleanup(false);
      try {
        if (!popup.closed) popup.close();
      } catch {
        // A popup under another opener policy may refuse; it closes itself anyway.
      }
      resolve(url);
    };
    const fail = (error: TcError, keepChannel: boolean) => {
      if (settled) return;
      settled = true;
      cleanup(keepChannel);
      reject(error);
    };

    // Our own popup's message is taken whatever its state says, so a mismatch is reported, not ignored.
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== location.origin || event.source !== popup || !isCallbackMessage(event.data)) return;
      finish(new URL(event.data.url));
    };
    window.addEventListener('message', onMessage);
    if (channel) {
      channel.onmessage = (event: MessageEvent) => {
        if (!isCallbackMessage(event.data)) return;
        const url = new URL(event.data.url);
        if (url.searchParams.get('state') === options.state) finish(url);
      };
    }

    const poll = setInterval(() => {
      let closed = false;
      try {
        closed = popup.closed;
      } catch {
        closed = false;
      }
      if (!closed) return;
      closedSince ??= Date.now();
      if (Date.now() - closedSince >= options.closedGraceMs) {
        fail(
          new TcError({ kind: 'auth', code: 'popup_closed', message: 'The sign-in window was closed before sign-in finished.' }),
          options.onLateResult !== undefined,
        );
      }
    }, 200);
    const deadline = setTimeout(() => {
      cleanup(false);
      fail(new TcError({ kind: 'timeout', code: 'popup_timeout', message: 'Sign-in took too long; please try again.' }), false);
    }, options.timeoutMs);
  });
}

/**
 * In the popup: passes the authorization response to the opener (directly, or over the channel
 * when COOP severed `window.opener`). Only same-origin pages can receive it.
 */
export function handOffToOpener(href: string): void {
  const message: CallbackMessage = { type: MESSAGE_TYPE, url: href };
  try {
    const opener = window.opener as Window | null;
    if (opener && opener !== window) opener.postMessage(message, location.origin);
  } catch {
    // Cross-origin or severed opener: the channel below still reaches a same-origin opener.
  }
  if (typeof BroadcastChannel !== 'undefined') {
    const channel = new BroadcastChannel(POPUP_CHANNEL);
    channel.postMessage(message);
    channel.close();
  }
}

/** Closes this window if a script opened it (a no-op otherwise: then the page simply carries on). */
export function closeSelf(): void {
  try {
    window.close();
  } catch {
    // Not closable: stay.
  }
}
