/** HTML pages of the Webex emulator: the sign-in form and the pages join links lead to. */
import { escapeHtml } from '../http.js';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem;box-sizing:border-box}
button{margin-top:1rem;padding:.5rem 1.2rem}.error{color:#b00020}</style></head>
<body>${body}</body></html>`;
}

/** The plain login form end-to-end tests fill in (labelled username/password, "Sign in"). */
export function loginPage(action: string, hidden: Record<string, string>, error?: string): string {
  const fields = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  return page(
    'Webex (lab) sign in',
    `<h1>Sign in to Webex (lab)</h1>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
${fields}
<label for="username">Email or username</label>
<input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p class="error">${escapeHtml(message)}</p>`);
}

/** Where a join link lands: shows which meeting was joined, by whom and in which role. */
export function joinedPage(info: { title: string; meetingId: string; who: string; role: string }): string {
  return page(
    `Joined: ${info.title}`,
    `<h1 data-testid="meeting-title">${escapeHtml(info.title)}</h1>
<p>Meeting <code data-testid="meeting-id">${escapeHtml(info.meetingId)}</code></p>
<p>Joined as <strong data-testid="joined-as">${escapeHtml(info.who)}</strong>
(<span data-testid="role">${escapeHtml(info.role)}</span>) in the Webex lab web client.</p>`,
  );
}
