import type { ReactiveControllerHost } from 'lit';
import type { SessionHost } from '../shared/session-context.js';
import { SessionFollower, sessionById } from '../shared/session-controller.js';

type Host = ReactiveControllerHost & HTMLElement & { phoneSession: string };

/**
 * Follows the `<tc-session>` named by the host's `phone-session` attribute (the Telphin session
 * used for "call my phone"), re-rendering the host when it changes.
 */
export class PhoneSessionController extends SessionFollower<Host> {
  protected lookup(): SessionHost | undefined {
    return this.host.phoneSession ? sessionById(this.host, this.host.phoneSession) : undefined;
  }
}
