/** React wrappers (via @lit/react): typed props and `on*` event props for every element. */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { TcSession } from './elements/session/session.component.js';
import type { SessionSnapshot } from './elements/shared/session-context.js';
import type { TcErrorDetail } from './internal/events.js';
import { defineElement } from './internal/define.js';

defineElement('tc-session', TcSession);

export const Session = createComponent({
  tagName: 'tc-session',
  elementClass: TcSession,
  react: React,
  events: {
    onError: 'tc-error' as EventName<CustomEvent<TcErrorDetail>>,
    onSessionChange: 'tc-session-change' as EventName<CustomEvent<SessionSnapshot>>,
  },
});
