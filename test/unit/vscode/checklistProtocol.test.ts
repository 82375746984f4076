// The checklist page is untrusted input: its messages are parsed strictly, and the page's HTML has a strict CSP.
import assert from 'node:assert/strict';
import { parsePageMessage, PageStateSchema } from '../../../src/vscode/rotations/checklistProtocol.ts';
import { webviewHtml, contentSecurityPolicy, newNonce } from '../../../src/vscode/platform/webviewHtml.ts';

const ok = (data: unknown) => parsePageMessage(data).ok;

describe('checklist protocol', () => {
  it('accepts the handshake and every request kind', () => {
    assert.ok(ok({ type: 'ready' }));
    assert.ok(ok({ type: 'request', seq: 1, request: { kind: 'action', action: { type: 'run', step: 'preflight' } } }));
    assert.ok(
      ok({ type: 'request', seq: 2, request: { kind: 'action', action: { type: 'confirm', step: 'moveFlows' } } }),
    );
    assert.ok(
      ok({ type: 'request', seq: 3, request: { kind: 'action', action: { type: 'chooseMode', mode: 'reauthorize' } } }),
    );
    assert.ok(ok({ type: 'request', seq: 4, request: { kind: 'action', action: { type: 'rollback' } } }));
    assert.ok(ok({ type: 'request', seq: 5, request: { kind: 'copyNewSecret' } }));
    assert.ok(ok({ type: 'request', seq: 6, request: { kind: 'copyText', field: 'clientId' } }));
    assert.ok(ok({ type: 'request', seq: 7, request: { kind: 'openConsole' } }));
    assert.ok(ok({ type: 'request', seq: 8, request: { kind: 'identifyInUse' } }));
    assert.ok(ok({ type: 'request', seq: 9, request: { kind: 'cancel' } }));
  });

  it('refuses unknown types, extra fields, wrong shapes, unknown steps and huge messages', () => {
    const bad: unknown[] = [
      null,
      'ready',
      42,
      [],
      {},
      { type: 'hello' },
      { type: 'ready', extra: 1 },
      { type: 'request', seq: -1, request: { kind: 'cancel' } },
      { type: 'request', seq: 1.5, request: { kind: 'cancel' } },
      { type: 'request', seq: '1', request: { kind: 'cancel' } },
      { type: 'request', seq: 1, request: { kind: 'action', action: { type: 'run', step: 'rm -rf' } } },
      { type: 'request', seq: 1, request: { kind: 'action', action: { type: 'run', step: 'preflight', extra: true } } },
      { type: 'request', seq: 1, request: { kind: 'copyText', field: 'apiToken' } },
      { type: 'request', seq: 1, request: { kind: 'openConsole', url: 'https://evil.example' } },
      { type: 'request', seq: 1, request: { kind: 'eval', code: 'x' } },
      {
        type: 'request',
        seq: 1,
        request: { kind: 'action', action: { type: 'retire', secretId: 'x'.repeat(20_000) } },
      },
    ];
    for (const b of bad) assert.equal(ok(b), false, JSON.stringify(b)?.slice(0, 80));
    assert.match(
      (parsePageMessage({ type: 'ready', pad: 'x'.repeat(20_000) }) as { reason: string }).reason,
      /too large/,
    );
  });

  it('never lets the page send a secret value (identifyInUse with a value is refused)', () => {
    assert.equal(
      ok({
        type: 'request',
        seq: 1,
        request: { kind: 'action', action: { type: 'identifyInUse', value: 'theSecretValue123' } },
      }),
      false,
    );
    assert.equal(
      ok({ type: 'request', seq: 1, request: { kind: 'identifyInUse', value: 'theSecretValue123' } }),
      false,
    );
  });

  it('restores only a well-formed rotation id from the page state', () => {
    assert.ok(PageStateSchema.safeParse({ rotationId: 'a1b2-c3' }).success);
    assert.ok(!PageStateSchema.safeParse({ rotationId: '../x' }).success);
    assert.ok(!PageStateSchema.safeParse(undefined).success);
  });
});

describe('checklist page HTML', () => {
  it('has a strict CSP: nothing by default, the script by nonce, styles and fonts from the webview only', () => {
    const csp = contentSecurityPolicy('vscode-resource:', 'N0nce');
    assert.equal(
      csp,
      "default-src 'none'; script-src 'nonce-N0nce'; style-src vscode-resource:; font-src vscode-resource:; img-src vscode-resource:",
    );
    assert.ok(!csp.includes('unsafe'));
  });

  it('loads one script with the nonce and no inline script or handler', () => {
    const nonce = newNonce();
    const html = webviewHtml(
      {
        cspSource: 'https://x.vscode-cdn.net',
        script: 'https://x/media/checklist.js',
        style: 'https://x/media/checklist.css',
        codicons: 'https://x/media/codicons/codicon.css',
      },
      nonce,
      { title: 'Rotate: <Acme>', label: 'Rotation "checklist"' },
    );
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://x/media/checklist.js"></script>`));
    assert.ok(!/\son[a-z]+=/i.test(html));
    assert.ok(html.includes('<title>Rotate: &lt;Acme></title>'));
    assert.ok(html.includes('aria-label="Rotation &quot;checklist&quot;"'), 'the region label is escaped too');
    assert.ok(html.includes('aria-live="polite"'));
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const a = newNonce();
    assert.notEqual(a, newNonce());
    assert.ok(a.length >= 24);
  });
});
