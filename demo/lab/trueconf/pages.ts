/**
 * HTML of the emulator: the OAuth login page and its error page, the 5.5 callback-quirk page,
 * the conference landing (`/c/{id}`) and web client (`/webrtc/{id}`) pages, and the nginx-style
 * error page that a proxy in front of TrueConf returns. Every dynamic value is escaped.
 */
import { escapeHtml } from '../http.js';

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 16px/1.4 system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1d2733; }
  header { color: #2a7de1; font-weight: 600; margin-bottom: 1.5rem; }
  label { display: block; margin: .75rem 0 .25rem; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; }
  button { margin-top: 1rem; padding: .5rem 1.25rem; font: inherit; background: #2a7de1; color: #fff; border: 0; border-radius: 4px; }
  .error { color: #b00020; }
</style>
</head>
<body>
<header>TrueConf Server (lab)</header>
${body}
</body>
</html>`;
}

export interface LoginPageParams {
  clientId: string;
  redirectUri: string;
  responseType: string;
  username?: string;
  error?: string;
}

/** The authorize page posts only what the real page keeps: no `state`, no PKCE parameters. */
export function loginPage(p: LoginPageParams): string {
  return layout(
    'Sign in — TrueConf Server',
    `<main>
<h1>Sign in</h1>
${p.error ? `<p class="error" role="alert">${escapeHtml(p.error)}</p>` : ''}
<form method="post" action="/oauth2/authorize">
  <input type="hidden" name="client_id" value="${escapeHtml(p.clientId)}">
  <input type="hidden" name="redirect_uri" value="${escapeHtml(p.redirectUri)}">
  <input type="hidden" name="response_type" value="${escapeHtml(p.responseType)}">
  <label for="username">Login</label>
  <input id="username" name="username" autocomplete="username" required value="${escapeHtml(p.username ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
</main>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<main><h1>${escapeHtml(title)}</h1><p class="error">${escapeHtml(message)}</p></main>`);
}

/** JSON for an inline script: `<` escaped so a value cannot close the script element. */
const scriptValue = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * TrueConf 5.5: the callback reaches the client only as a credentialed cross-origin fetch, then
 * the top window lands on a malformed URL (spec §3.4 "Observed quirks").
 */
export function callbackQuirkPage(callbackUrl: string, landingUrl: string, deliveries: number): string {
  return layout(
    'Signing in — TrueConf Server',
    `<main><p id="status">Signing in…</p></main>
<script>
(async () => {
  const callback = ${scriptValue(callbackUrl)};
  const landing = ${scriptValue(landingUrl)};
  for (let i = 0; i < ${Math.max(1, Math.floor(deliveries))}; i++) {
    try { await fetch(callback, { credentials: 'include' }); } catch (e) { /* the real page ignores it too */ }
  }
  window.top.location.href = landing;
})();
</script>`,
  );
}

export function nginxErrorPage(status: number): string {
  const text = status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Temporarily Unavailable' : status === 504 ? 'Gateway Time-out' : 'Internal Server Error';
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export interface ConferencePageInfo {
  id: string;
  topic: string;
  state: 'running' | 'stopped';
  ownerName: string;
}

/** `/c/{id}`: the conference landing page with a link to the web client. */
export function landingPage(c: ConferencePageInfo): string {
  return layout(
    `${c.topic} — TrueConf`,
    `<main data-conference-id="${escapeHtml(c.id)}" data-state="${c.state}">
<h1 id="topic">${escapeHtml(c.topic)}</h1>
<p>Conference ID: <span id="conference-id">${escapeHtml(c.id)}</span></p>
<p>Owner: ${escapeHtml(c.ownerName)}</p>
<p>${c.state === 'running' ? 'The conference is in progress.' : 'The conference has not started.'}</p>
<p><a href="/webrtc/${encodeURIComponent(c.id)}">Join in the browser</a></p>
</main>`,
  );
}

/**
 * `/webrtc/{id}`: stands in for the WebRTC client. `data-joined-as` lets tests prove who joined
 * which conference; without a name it asks for one, like the guest entry form.
 */
export function webClientPage(c: ConferencePageInfo, name: string | undefined): string {
  let status: string;
  if (name === undefined) {
    status = `<form method="get">
  <label for="name">Your name</label>
  <input id="name" name="name" required>
  <button type="submit">Join</button>
</form>`;
  } else if (c.state === 'running') {
    status = `<p id="status" role="status">${escapeHtml(name)} joined the conference.</p>`;
  } else {
    status = `<p id="status" role="status">${escapeHtml(name)} is waiting: the conference has not started yet.</p>`;
  }
  const joined = name !== undefined && c.state === 'running' ? ` data-joined-as="${escapeHtml(name)}"` : '';
  return layout(
    `${c.topic} — TrueConf WebRTC`,
    `<main data-conference-id="${escapeHtml(c.id)}" data-state="${c.state}"${joined}>
<h1 id="topic">${escapeHtml(c.topic)}</h1>
<p>Conference ID: <span id="conference-id">${escapeHtml(c.id)}</span></p>
${status}
</main>`,
  );
}

export function homePage(): string {
  return layout('TrueConf Server (lab)', '<main><h1>TrueConf Server (lab)</h1><p>An emulator for tests and demos.</p></main>');
}
