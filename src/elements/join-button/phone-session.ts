import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SESSION_CHANGE, type SessionHost } from '../shared/session-context.js';

type Host = ReactiveControllerHost & HTMLElement & { phoneSession: string };

/**
 * Follows the `<tc-session>` named by the host's `phone-session` attribute (the Telphin session
 * used for "call my phone"), re-rendering the host when it changes.
 */
export class PhoneSessionController implements ReactiveController {
  session: SessionHost | undefined;
  private readonly onChange = () => this.host.requestUpdate();

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    this.resolve();
    if (this.host.phoneSession && !this.session) {
      void customElements.whenDefined('tc-session').then(() => queueMicrotask(() => this.resolve()));
    }
  }

  hostDisconnected(): void {
    this.attach(undefined);
  }

  resolve(): void {
    if (!this.host.isConnected) return;
    const id = this.host.phoneSession;
    let found: Element | null = null;
    if (id) {
      const root = this.host.getRootNode() as Document | ShadowRoot;
      found = root.getElementById?.(id) ?? document.getElementById(id);
    }
    this.attach(found?.localName === 'tc-session' ? (found as SessionHost) : undefined);
  }

  private attach(next: SessionHost | undefined): void {
    if (next === this.session) return;
    this.session?.removeEventListener(SESSION_CHANGE, this.onChange);
    this.session = next;
    next?.addEventListener(SESSION_CHANGE, this.onChange);
    this.host.requestUpdate();
  }
}
