import { expect, fixture, oneEvent } from '@open-wc/testing';
import '../../src/elements/session/session.js';
import type { TcSession } from '../../src/elements/session/session.component.js';
import type { TcErrorDetail } from '../../src/internal/events.js';

const valid = {
  provider: 'trueconf',
  server: 'https://video.example.com',
  issuer: 'https://bridge.example.com',
  'client-id': 'portal',
};

/** Builds a tc-session from attributes, listening for tc-error before it connects. */
async function sessionWith(attrs: Record<string, string | undefined>) {
  const errors: TcErrorDetail[] = [];
  const host = document.createElement('div');
  host.addEventListener('tc-error', (e) => errors.push((e as CustomEvent<TcErrorDetail>).detail));
  const el = document.createElement('tc-session');
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) el.setAttribute(name, value);
  host.append(el);
  await fixture(host);
  await el.updateComplete;
  return { el, errors };
}

function shownError(el: TcSession): string {
  return el.shadowRoot?.querySelector('[part="error"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('<tc-session> configuration', () => {
  it('accepts a valid configuration: signed-out, no error shown, no tc-error', async () => {
    const { el, errors } = await sessionWith(valid);
    expect(errors).to.have.length(0);
    expect(el.state).to.equal('signed-out');
    expect(el.config?.provider).to.equal('trueconf');
    expect(el.config?.loginMode).to.equal('redirect');
    expect(el.config?.storage).to.equal('memory');
    expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
  });

  it('rejects an unknown provider, naming the allowed ones', async () => {
    const { el, errors } = await sessionWith({ ...valid, provider: 'zoom' });
    expect(errors).to.have.length(1);
    expect(errors[0]!.error.kind).to.equal('config');
    expect(errors[0]!.error.message).to.contain('Unknown provider "zoom"');
    expect(errors[0]!.error.message).to.contain('trueconf, opentalk, webex, telphin');
    expect(shownError(el)).to.contain('Unknown provider "zoom"');
    expect(el.config).to.equal(undefined);
  });

  it('requires client-id', async () => {
    const { el, errors } = await sessionWith({ ...valid, 'client-id': undefined });
    expect(errors.map((e) => e.error.fields)).to.deep.equal([{ 'client-id': errors[0]!.error.message }]);
    expect(shownError(el)).to.contain('client-id is required');
  });

  it('refuses plain http on a non-loopback server but allows it on loopback', async () => {
    const bad = await sessionWith({ ...valid, server: 'http://video.example.com' });
    expect(bad.errors).to.have.length(1);
    expect(bad.errors[0]!.error.message).to.contain('must use https:');
    expect(shownError(bad.el)).to.contain('must use https:');

    for (const server of ['http://127.0.0.1:8080', 'http://localhost:3000', 'http://[::1]:9000']) {
      const ok = await sessionWith({ ...valid, server });
      expect(ok.errors, server).to.have.length(0);
    }
  });

  it('reports a malformed URL', async () => {
    const { el, errors } = await sessionWith({ ...valid, issuer: 'not a url' });
    expect(errors).to.have.length(1);
    expect(errors[0]!.error.message).to.contain('issuer "not a url" is not a valid absolute http(s) URL');
    expect(shownError(el)).to.contain('not a valid absolute');
  });

  it('rejects non-http schemes such as javascript:', async () => {
    const { errors } = await sessionWith({ ...valid, server: 'javascript:alert(1)' });
    expect(errors[0]!.error.message).to.contain('not a valid absolute http(s) URL');
  });

  it('lists every problem at once', async () => {
    const { el, errors } = await sessionWith({ provider: 'zoom', server: 'ftp://x', 'login-mode': 'iframe' });
    const attrs = errors.map((e) => Object.keys(e.error.fields)[0]).sort();
    expect(attrs).to.deep.equal(['client-id', 'issuer', 'login-mode', 'provider', 'server']);
    expect(el.shadowRoot!.querySelectorAll('[part="error"] li')).to.have.length(5);
  });

  it('recovers when the attributes are fixed', async () => {
    const { el } = await sessionWith({ ...valid, provider: 'zoom' });
    const changed = oneEvent(el, 'tc-session-change');
    el.setAttribute('provider', 'opentalk');
    await changed;
    expect(el.config?.provider).to.equal('opentalk');
    expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
  });

  it('validates the TrueConf api-version', async () => {
    const { errors } = await sessionWith({ ...valid, 'api-version': 'v5' });
    expect(errors[0]!.error.message).to.contain('use v3.11');
    const ok = await sessionWith({ ...valid, 'api-version': 'v4' });
    expect(ok.errors).to.have.length(0);
  });

  it('lets webex omit server (public cloud default)', async () => {
    const { el, errors } = await sessionWith({ ...valid, provider: 'webex', server: undefined });
    expect(errors).to.have.length(0);
    expect(el.config?.server).to.equal('https://webexapis.com');
  });

  it('tc-error bubbles and is composed', async () => {
    const { el } = await sessionWith(valid);
    const seen = oneEvent(document, 'tc-error');
    el.setAttribute('storage', 'cookie');
    const event = (await seen) as CustomEvent<TcErrorDetail>;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.detail.error.message).to.contain('storage "cookie"');
  });
});
