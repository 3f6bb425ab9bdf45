import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SESSION_CHANGE, sessionContext, type SessionHost, type SessionSnapshot } from './session-context.js';

type Host = ReactiveControllerHost & HTMLElement & { session?: string };

const NO_SESSION: SessionSnapshot = {
  state: 'loading',
  user: undefined,
  config: undefined,
  provider: undefined,
  error: undefined,
};

/**
 * Finds the `<tc-session>` an element belongs to and re-renders the element when it changes.
 * Order: the `session="<id>"` attribute, then the nearest enclosing session (context), then the only
 * session on the page.
 */
export class SessionController implements ReactiveController {
  /** The session element, once found. */
  session: SessionHost | undefined;
  private fromContext: SessionHost | undefined;
  private readonly onChange = () => this.host.requestUpdate();

  constructor(private readonly host: Host) {
    host.addController(this);
    new ContextConsumer(host, {
      context: sessionContext,
      subscribe: true,
      callback: (value) => {
        this.fromContext = value;
        this.resolve();
      },
    });
  }

  get snapshot(): SessionSnapshot {
    return this.session?.snapshot ?? NO_SESSION;
  }

  hostConnected(): void {
    this.resolve();
    // A session declared later in the page, or defined by a later script, is picked up when ready.
    if (!this.session) {
      void customElements.whenDefined('tc-session').then(() => queueMicrotask(() => this.resolve()));
    }
  }

  hostDisconnected(): void {
    this.attach(undefined);
  }

  /** Re-runs the lookup (e.g. after the host's `session` attribute changed). */
  resolve(): void {
    if (!this.host.isConnected) return;
    this.attach(this.lookup());
  }

  private lookup(): SessionHost | undefined {
    const id = this.host.session;
    if (id) {
      const root = this.host.getRootNode() as Document | ShadowRoot;
      const found = root.getElementById?.(id) ?? document.getElementById(id);
      return found?.localName === 'tc-session' ? (found as SessionHost) : undefined;
    }
    if (this.fromContext) return this.fromContext;
    const all = document.querySelectorAll('tc-session');
    return all.length === 1 && customElements.get('tc-session') ? (all[0] as unknown as SessionHost) : undefined;
  }

  private attach(next: SessionHost | undefined): void {
    if (next === this.session) return;
    this.session?.removeEventListener(SESSION_CHANGE, this.onChange);
    this.session = next;
    next?.addEventListener(SESSION_CHANGE, this.onChange);
    this.host.requestUpdate();
  }
}
