// A real org behind a corporate proxy, in a real VS Code: acme.okta.com (the simulator over TLS on port 443 of an
// address only squid knows) added by its domain, with http.proxy in the user settings naming squid and the run's CA
// trusted the way a person's machine trusts a company root, NODE_EXTRA_CA_CERTS in code-server's environment. The
// whole rotation from the palette goes through squid: its access log shows the tunnels to acme.okta.com, and every
// client the extension made says in the log that it goes through the proxy. Then what a person sees when it goes
// wrong: an org whose certificate nobody trusts (a TLS-inspecting proxy without its root installed), and a proxy
// that asks for credentials (407), named by host:port, never with the credentials once they are given.
import assert from 'node:assert/strict';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import {
  addOrgFromPalette,
  createRequests,
  enterApiToken,
  idsAndStatus,
  masked,
  rotateFromPalette,
  showSecretsInTree,
  submitApiToken,
  submitApiTokenFromPalette,
  VIEW,
  waitForSecretRows,
} from './steps.ts';
import { startTlsOrgs, type TlsOrgs } from '../support/tlsOrgs.ts';
import { describeLeaks, findLeaks } from '../unit/leaks/findLeaks.ts';

describe('e2e: a real org behind a corporate proxy (https://acme.okta.com through squid)', () => {
  let world: TlsOrgs | undefined;
  let vscode: VsCodeSession | undefined;
  const label = 'Acme';
  const untrustedLabel = 'Globex';

  before(async () => {
    world = await startTlsOrgs({
      orgs: [
        { name: 'acme', environment: 'production', serviceApp: false },
        // Its certificate comes from a CA this machine does not trust, as behind a TLS-inspecting proxy.
        { name: 'globex', environment: 'production', serviceApp: false, certificate: 'unknownCa' },
      ],
    });
    vscode = await VsCodeSession.start({
      name: 'proxy',
      vsixFiles: [extensionVsix()],
      userSettings: { 'http.proxy': world.squid.url },
      env: { NODE_EXTRA_CA_CERTS: world.caFile() },
    });
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await world?.close();
  });

  /** The extension's log lines saying how it reaches `host` (one per client it made). */
  const routesTo = (ui: VsCodeSession, host: string): string[] =>
    ui
      .extensionLog()
      .split('\n')
      .filter((l) => l.includes(`Connecting to ${host} `));

  it('adds the org by its domain, acme.okta.com, and checks its token through the proxy', async () => {
    const ui = vscode!;
    const acme = world!.org('acme');
    // Typed as a person types it: the domain alone.
    await addOrgFromPalette(ui, { ...acme.info, baseUrl: world!.host('acme') }, label, 'apiToken');
    const stored = await enterApiToken(ui, label, acme.info.apiToken);
    assert.match(stored, new RegExp(`client id ${acme.info.clientId}`));
    assert.ok(
      acme.requests.some((r) => r.path.startsWith('/api/v1/apps') && r.status === 200),
      'the org answered the check',
    );
    await showSecretsInTree(ui, label, acme.secrets());
  });

  it('rotates from the palette through the checklist; squid carried every connection, nothing went direct', async () => {
    const ui = vscode!;
    const w = world!;
    const acme = w.org('acme');
    const [old] = acme.secrets();
    acme.clearRequests();

    const checklist = await rotateFromPalette(ui, label, 'production', { pick: false });
    await checklist.run('acknowledge', 'finish');
    const [created] = acme.secrets();
    assert.deepEqual(idsAndStatus(acme), [[created!.id, 'ACTIVE']]);
    assert.notEqual(created!.id, old!.id);
    assert.equal(createRequests(acme), 1);
    await ui.screenshot('proxy-rotation-finished');
    await waitForSecretRows(ui, label, [masked(created!.clientSecret)]);

    // Every client the extension made for acme.okta.com took the proxy named in http.proxy...
    const proxy = new URL(w.squid.url).host;
    const routes = routesTo(ui, 'acme.okta.com');
    assert.ok(routes.length >= 2, `a client for the check, one for the org (${routes.join(' | ')})`);
    for (const r of routes)
      assert.match(r, new RegExp(`through the proxy ${proxy.replace(/\./g, '\\.')} \\(http\\.proxy\\)`));
    // ...and squid tunnelled each to the address only its hosts file knows for that name (a tunnel is logged when
    // it closes: the last client's idle connection closes within its keep-alive of 10 s).
    const listen = acme.info.listen?.replace(/:443$/, '');
    const tunnels = await w.squid.connectsTo('acme.okta.com', routes.length, 30_000);
    assert.ok(tunnels.length >= routes.length, `a tunnel per client: ${JSON.stringify(tunnels)}`);
    for (const t of tunnels)
      assert.deepEqual([t.result, t.status, t.hierarchy], ['TCP_TUNNEL', 200, `HIER_DIRECT/${listen}`]);
    assert.ok(acme.requests.length >= 10, 'the rotation reached the org, which only squid can reach');
  });

  it('an org whose certificate this machine does not trust: the notification says so, names the host and the fix', async () => {
    const ui = vscode!;
    const globex = world!.org('globex');
    await ui.clearNotifications();
    await addOrgFromPalette(ui, { ...globex.info, baseUrl: world!.host('globex') }, untrustedLabel, 'apiToken');
    await submitApiToken(ui, untrustedLabel, globex.info.apiToken);
    const said = await ui.waitForNotification(/certificate presented for globex\.okta\.com/);
    assert.match(
      said,
      /the certificate presented for globex\.okta\.com \(through the proxy [\d.:]+, which may inspect TLS\) is not trusted/,
    );
    assert.match(
      said,
      /install it in the operating system's trust store .* or name its PEM file in NODE_EXTRA_CA_CERTS/,
    );
    assert.doesNotMatch(said, /UNABLE_TO|SELF_SIGNED|CERT_/, 'no bare OpenSSL code');
    assert.ok(!said.includes(globex.info.apiToken));
    assert.equal(globex.requests.length, 0, 'nothing was sent over the untrusted connection');
    await ui.screenshot('proxy-untrusted-certificate');
    await ui.clearNotifications();
  });

  it('a proxy that asks for credentials (407): the tree says the proxy refused, the notification names the proxy; with credentials it loads again, and they appear nowhere', async () => {
    const ui = vscode!;
    const w = world!;
    const acme = w.org('acme');
    const [secret] = acme.secrets();
    const proxy = new URL(w.squid.authUrl).host;

    // The person points http.proxy at a proxy that wants credentials: no reload, the tree reloads through it.
    await ui.changeUserSettings({ 'http.proxy': w.squid.authUrl });
    await ui.waitForTreeItem(VIEW, /The proxy refused the connection \(407\): check the proxy settings/);
    await ui.screenshot('proxy-407-tree');
    await submitApiTokenFromPalette(ui, label, acme.info.apiToken);
    const said = await ui.waitForNotification(/asks for credentials/);
    assert.match(
      said,
      new RegExp(
        `the proxy ${proxy.replace(/\./g, '\\.')} asks for credentials \\(407 Proxy Authentication Required\\)`,
      ),
    );
    assert.match(said, /http\.proxyAuthorization/, 'where the credentials go');
    await ui.screenshot('proxy-407-notification');
    await ui.clearNotifications();

    // With the credentials in http.proxy the org loads again, through the authenticating port as that user.
    await ui.changeUserSettings({ 'http.proxy': w.squid.authUrlWithCredentials });
    await waitForSecretRows(ui, label, [masked(secret!.clientSecret)]);
    await waitUntil(
      async () => routesTo(ui, 'acme.okta.com').some((r) => r.includes(`${proxy} (http.proxy, with credentials)`)),
      'the log to say acme.okta.com is reached through the proxy with credentials',
    );
    const tunnels = await waitForAuthTunnel(w);
    assert.ok(
      tunnels.every((t) => t.user === w.squid.user && t.status === 200),
      JSON.stringify(tunnels),
    );

    const haystacks = new Map<string, string>([
      ['extension log', ui.extensionLog()],
      ...(await ui.frameContents()),
      ['tree rows', (await ui.treeItems(VIEW)).join('\n')],
      ['notifications', (await ui.notifications()).join('\n')],
    ]);
    const credentials = [w.squid.password, `${w.squid.user}:${w.squid.password}`];
    const leaks = findLeaks(haystacks, credentials);
    assert.deepEqual(
      leaks.map((l) => l.where),
      [],
      describeLeaks(leaks, haystacks),
    );
  });
});

/** Squid's tunnels through the authenticating port to acme.okta.com that got through (logged when they close). */
async function waitForAuthTunnel(w: TlsOrgs) {
  const through = () =>
    w.squid.accessLog().filter((e) => e.port === 'auth' && e.status === 200 && e.target === 'acme.okta.com:443');
  await waitUntil(
    async () => through().length > 0,
    "squid's log to show a tunnel through the authenticating port",
    30_000,
  );
  return through();
}
