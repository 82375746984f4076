// The campaign page is untrusted: every message it posts is parsed strictly, and what it may ask for is a bulk phase
// over org keys, a row action of a known kind, or ending the campaign; it never sends or receives a secret value.
import assert from 'node:assert/strict';
import { parseCampaignMessage } from '../../../src/vscode/campaign/campaignProtocol.ts';

const request = (r: unknown) => ({ type: 'request', seq: 1, request: r });

describe('campaign page protocol', () => {
  it('accepts ready, a bulk phase, every row action, and ending the campaign', () => {
    for (const m of [
      { type: 'ready' },
      request({ kind: 'bulk', phase: 'create', orgs: ['acme.okta.com'] }),
      request({ kind: 'row', org: 'acme.okta.com', action: { kind: 'run', phase: 'delete' } }),
      request({ kind: 'row', org: 'acme.okta.com', action: { kind: 'connection', mode: 'reauthorize' } }),
      request({ kind: 'row', org: 'acme.okta.com', action: { kind: 'confirm', step: 'moveFlows' } }),
      request({ kind: 'row', org: 'acme.okta.com', action: { kind: 'acknowledge', guard: 'previewSoak' } }),
      request({ kind: 'row', org: 'acme.okta.com', action: { kind: 'copyNewSecret' } }),
      request({ kind: 'row', org: 'acme.okta.com', action: { kind: 'copy', field: 'clientId' } }),
      request({ kind: 'row', org: 'acme.okta.com', action: { kind: 'openChecklist' } }),
      request({ kind: 'end' }),
    ])
      assert.ok(parseCampaignMessage(m).ok, JSON.stringify(m));
  });

  it('refuses unknown kinds, extra fields, a step the row cannot confirm, a value riding along, and huge messages', () => {
    for (const m of [
      { type: 'snapshot' },
      request({ kind: 'bulk', phase: 'deleteEverything', orgs: [] }),
      request({ kind: 'bulk', phase: 'create', orgs: ['a'], secret: 'sEcReT-value-123' }),
      request({ kind: 'row', org: 'a', action: { kind: 'confirm', step: 'deleteOld' } }),
      request({ kind: 'row', org: 'a', action: { kind: 'copyNewSecret', value: 'x' } }),
      request({ kind: 'row', org: 'a', action: { kind: 'copy', field: 'apiToken' } }),
      request({ kind: 'row', org: '', action: { kind: 'openChecklist' } }),
      { type: 'request', seq: -1, request: { kind: 'end' } },
      request({ kind: 'bulk', phase: 'check', orgs: Array.from({ length: 20_000 }, (_, i) => `org-${i}.okta.com`) }),
      JSON.parse('{"type":"request","seq":1,"request":{"kind":"end","__proto__":{"polluted":true}}}'),
    ]) {
      const parsed = parseCampaignMessage(m);
      assert.equal(parsed.ok, false, JSON.stringify(m).slice(0, 200));
      if (!parsed.ok) assert.ok(!parsed.reason.includes('sEcReT'), parsed.reason);
    }
  });
});
