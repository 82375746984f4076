// Every log line is one line, whatever it is given (an error's cause chain, Okta's text), and redacted; the
// progress says what the client waits for, also an answer that is slow to come.
import assert from 'node:assert/strict';
import { OktaError } from '../../../src/okta/errors.ts';
import { describeError, logLine } from '../../../src/vscode/platform/logFormat.ts';
import { waitMessage } from '../../../src/vscode/platform/waitMessage.ts';

describe('log lines are one line', () => {
  it('an error and its causes, on one line', () => {
    const e = new Error('outer\nsecond line', {
      cause: new OktaError({ kind: 'network', operation: 'Op', org: 'a.okta.com' }),
    });
    const line = logLine(`Loading a.okta.com: ${describeError(e)}`);
    assert.ok(!/[\r\n]/.test(line), line);
    assert.match(line, /outer\\nsecond line \| caused by OktaError: a\.okta\.com could not be reached/);
    assert.match(line, /\| while: Op in a\.okta\.com$/);
  });

  it('a forged line, an escape and a token in anything logged: visible, and the token gone', () => {
    const line = logLine(
      'info\r\n2026-01-01 [error] forged \u001b[2J Authorization: SSWS 00abcdefghijklmnopqrstuvwxyz0123456789ABCD',
    );
    assert.equal(line, 'info\\r\\n2026-01-01 [error] forged \\x1b[2J Authorization: SSWS [REDACTED]');
  });

  it('a runaway text is cut with an ellipsis', () => {
    const line = logLine('x'.repeat(100_000));
    assert.ok(line.length <= 4000 && line.endsWith('…'));
  });
});

describe('what the progress says while the client waits', () => {
  it('an answer slow to come: how long it may still take; its end clears the line', () => {
    assert.equal(waitMessage('answer', 24_500), "Waiting for Okta's answer: up to 25 s more (Cancel to stop)");
    assert.equal(
      waitMessage('answer', 24_500, 'Acme'),
      "Acme: Waiting for Okta's answer: up to 25 s more (Cancel to stop)",
    );
    assert.equal(waitMessage('answer', 0), '');
  });
});
