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

/** The `<tc-session>` with this id in the host's tree (else the document), if the id names one. */
export function sessionById(host: HTMLElement, id: string): SessionHost | undefined {
  const root = host.getRootNode() as Document | ShadowRoot;
  const found = root.getElementById?.(id) ?? document.getElementById(id);
  return found?.localName === 'tc-session' ? (found as SessionHost) : undefined;
}

/** Follows the `<tc-session>` that `lookup()` names, re-rendering the host when it changes or another one is named. */
export abstract class SessionFollower<H extends ReactiveControllerHost & HTMLElement> implements ReactiveController {
  /** The session element, once found. */
  session: SessionHost | undefined;
  private readonly onChange = () => this.host.requestUpdate();

  constructor(protected readonly host: H) {
    host.addController(this);
  }

  protected abstract lookup(): SessionHost | undefined;

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

  /** Re-runs the lookup (e.g. after the host's attribute naming the session changed). */
  resolve(): void {
    if (!this.host.isConnected) return;
    this.attach(this.lookup());
  }

  private attach(next: SessionHost | undefined): void {
    if (next === this.session) return;
    this.session?.removeEventListener(SESSION_CHANGE, this.onChange);
    this.session = next;
    next?.addEventListener(SESSION_CHANGE, this.onChange);
    this.host.requestUpdate();
  }
}

/**
 * Finds the `<tc-session>` an element belongs to and re-renders the element when it changes.
 * Order: the `session="<id>"` attribute, then the nearest enclosing session (context), then the only
 * session on the page.
 */
export class SessionController extends SessionFollower<Host> {
  private fromContext: SessionHost | undefined;

  constructor(host: Host) {
    super(host);
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

  protected lookup(): SessionHost | undefined {
    const id = this.host.session;
    if (id) return sessionById(this.host, id);
    if (this.fromContext) return this.fromContext;
    const all = document.querySelectorAll('tc-session');
    return all.length === 1 && customElements.get('tc-session') ? (all[0] as unknown as SessionHost) : undefined;
  }
}
