/** A vendor this version has no adapter for: sign-in works, and the page is told plainly what does not. */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import '../../src/elements/session/session.js';
import '../../src/elements/conference-list/conference-list.js';
import '../../src/elements/create-meeting/create-meeting.js';
import type { TcSession } from '../../src/elements/session/session.component.js';
import type { TcErrorDetail } from '../../src/internal/events.js';
import { storageKey } from '../../src/auth/storage.js';
import { hasProvider } from '../../src/providers/registry.js';

const issuer = 'https://bridge.example.test';

afterEach(() => sessionStorage.clear());

describe('<tc-session> with a vendor that has no adapter yet', () => {
  it('stays signed in, shows a notice (no tc-error: nothing failed) and the elements say so instead of loading forever', async () => {
    expect(hasProvider('telphin')).to.equal(false);
    sessionStorage.setItem(
      storageKey('tokens', issuer, 'portal'),
      JSON.stringify({ accessToken: 'at', user: { id: 'helen', displayName: 'Helen Park' } }),
    );
    const host = document.createElement('div');
    const errors: TcErrorDetail[] = [];
    host.addEventListener('tc-error', (e) => errors.push((e as CustomEvent<TcErrorDetail>).detail));
    host.innerHTML = `<tc-session provider="telphin" issuer="${issuer}" client-id="portal" storage="session"><tc-conference-list></tc-conference-list><tc-create-meeting></tc-create-meeting></tc-session>`;
    await fixture(host);
    const el = host.querySelector('tc-session') as TcSession;
    await waitUntil(() => el.snapshot.error?.code === 'provider-unavailable', 'the session knows');
    expect(el.state).to.equal('signed-in');
    expect(el.snapshot.error?.kind).to.equal('config');
    expect(errors).to.deep.equal([]);
    await el.updateComplete;
    const notice = el.shadowRoot!.querySelector('[part="notice"]');
    expect(notice?.getAttribute('role')).to.equal('status');
    expect(notice?.textContent).to.contain('Listing and creating telphin meetings is not supported');
    const list = host.querySelector('tc-conference-list')!;
    await waitUntil(() => list.shadowRoot?.querySelector('[part="empty"]'), 'the list says so');
    expect(list.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.contain('not available yet');
    expect(list.shadowRoot!.querySelector('[part="skeleton"]')).to.equal(null);
    const create = host.querySelector('tc-create-meeting')!;
    await waitUntil(() => create.shadowRoot?.querySelector('[part="notice"]')?.textContent?.includes('not available yet'), 'the form says so');

    await el.signOut();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="notice"]')).to.equal(null);
    expect(el.snapshot.error).to.equal(undefined);
  });
});
