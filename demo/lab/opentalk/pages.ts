/** HTML pages of the OpenTalk lab: the realm's login form and the frontend's room page. Plain and escaped. */
import { escapeHtml } from '../http.js';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}' +
  'label{display:block;margin-top:1rem}input{width:100%;padding:.4rem;box-sizing:border-box}' +
  'button{margin-top:1.2rem;padding:.5rem 1rem}.error{color:#b00020}';

/** A minimal document; `body` must already be escaped HTML. */
export function plainPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
}

export interface LoginPageInput {
  action: string;
  realm: string;
  clientId: string;
  username?: string;
  error?: string;
}

/** Keycloak's login form, reduced to what end-to-end tests and people need. */
export function loginPage({ action, realm, clientId, username = '', error }: LoginPageInput): string {
  const alert = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';
  return plainPage(
    'Sign in to your account',
    `<p>Realm <strong>${escapeHtml(realm)}</strong>, application <strong>${escapeHtml(clientId)}</strong> (lab).</p>
${alert}
<form method="post" action="${escapeHtml(action)}">
  <label for="username">Username or email</label>
  <input id="username" name="username" autocomplete="username" autofocus value="${escapeHtml(username)}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password">
  <button type="submit">Sign in</button>
</form>`,
  );
}

export interface RoomPageInput {
  roomId: string;
  /** Title of the room's event, or undefined for a room without an event. */
  title: string | undefined;
  /** `guest` when entered with a valid invite code. */
  as: 'guest' | 'participant';
  inviteCode?: string;
}

/**
 * Stands in for the OpenTalk frontend's conference page: it proves which room was joined and how.
 * The real page would open the signaling connection here.
 */
export function roomPage({ roomId, title, as, inviteCode }: RoomPageInput): string {
  const name = title ?? `Room ${roomId}`;
  return plainPage(
    'OpenTalk room',
    `<main data-room-id="${escapeHtml(roomId)}" data-joined-as="${as}">
<p>Joined <strong id="room-title">${escapeHtml(name)}</strong> as ${as}.</p>
<p>Room id: <code>${escapeHtml(roomId)}</code>${inviteCode ? `, invite <code>${escapeHtml(inviteCode)}</code>` : ''}</p>
</main>`,
  );
}
