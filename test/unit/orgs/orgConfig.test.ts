// The oktaWorkflows.orgs setting as data: hand-edited JSON parsed strictly, each problem named.
import assert from 'node:assert/strict';
import { orgSettingFor, parseOrgSettings } from '../../../src/orgs/orgConfig.ts';
import { parseOrgInput } from '../../../src/okta/orgInput.ts';

describe('org settings', () => {
  it('keys orgs by host and keeps the app id', () => {
    const { orgs, problems } = parseOrgSettings([
      { label: 'Acme', domain: 'acme.okta.com', environment: 'production' },
      {
        label: 'Sandbox',
        domain: 'https://acme.oktapreview.com/',
        environment: 'preview',
        appId: '0oa1234567890abcdefg',
      },
      { label: 'Sim', domain: 'http://127.0.0.1:4010', environment: 'preview' },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      orgs.map((o) => o.key),
      ['acme.okta.com', 'acme.oktapreview.com', '127.0.0.1:4010'],
    );
    assert.equal(orgs[1]?.appId, '0oa1234567890abcdefg');
    assert.equal(orgs[2]?.address.baseUrl, 'http://127.0.0.1:4010');
  });

  it('reports bad entries and duplicates without dropping the good ones', () => {
    const { orgs, problems } = parseOrgSettings([
      { label: 'Acme', domain: 'acme.okta.com', environment: 'production' },
      { label: 'Dup', domain: 'https://acme.okta.com', environment: 'preview' },
      { label: 'Evil', domain: 'http://evil.example.com', environment: 'preview' },
      { label: 'NoEnv', domain: 'x.okta.com' },
      'nonsense',
      { label: 'BadApp', domain: 'y.okta.com', environment: 'preview', appId: '../../x' },
    ]);
    assert.deepEqual(
      orgs.map((o) => o.key),
      ['acme.okta.com'],
    );
    assert.equal(problems.length, 5);
    assert.match(problems[0] ?? '', /listed twice/);
    assert.match(problems[1] ?? '', /evil\.example\.com/);
    assert.match(problems[2] ?? '', /environment/);
  });

  it('treats a non-list as a problem, an absent setting as empty', () => {
    assert.equal(parseOrgSettings({ a: 1 }).problems.length, 1);
    assert.deepEqual(parseOrgSettings(undefined), { orgs: [], problems: [] });
  });

  it('writes what it reads back: host for Okta domains, the base URL for the simulator', () => {
    const okta = orgSettingFor(
      parseOrgInput('https://acme-admin.okta.com/admin/app/flow/instance/0oa1234567890abcdefg/#tab-general'),
      'Acme',
      'production',
    );
    assert.equal(okta.domain, 'acme.okta.com');
    assert.equal(okta.appId, '0oa1234567890abcdefg');
    const sim = orgSettingFor(parseOrgInput('http://127.0.0.1:4010'), 'Sim', 'preview');
    assert.equal(parseOrgSettings([okta, sim]).orgs.length, 2);
  });
});
