// Import Orgs' readers and checks, in Node: JSON and CSV org lists, okta.yaml as Okta's SDKs read it, the OKTA_CLIENT_*
// and Terraform variables; a bad row is a problem in its place and the others go on; no problem quotes a token; every
// row's outcome is named the same way (its label first, then where it is and the host).
import assert from 'node:assert/strict';
import { readCsv } from '../../../src/fleet/import/csv.ts';
import { checkRows, variablesToSend, type CheckedRow } from '../../../src/fleet/import/importCandidates.ts';
import { outcomeLine, rowName, withoutLeadingHost } from '../../../src/fleet/import/importOutcome.ts';
import { rowsFromEnvironment } from '../../../src/fleet/import/oktaConfig.ts';
import { readOktaYaml } from '../../../src/fleet/import/oktaYamlFile.ts';
import { rowsFromCsv, rowsFromJson } from '../../../src/fleet/import/orgRows.ts';

const TOKEN = '00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd';
const OTHER = '00zYxWvUtSrQpOnMlKjIhGfEdCbA9876543210zyxw';

const problemsOf = (checked: CheckedRow[]) => checked.flatMap((c) => (c.ok ? [] : [`${rowName(c)}: ${c.problem}`]));

describe('Import Orgs: reading an org list', () => {
  it('CSV: header names the columns loosely; quoted cells; one bad row in place, the others import', () => {
    const csv = [
      'Label,Domain,Environment,Preview Org,API Token,api_token_env',
      `Acme Preview,acme-preview.oktapreview.com,preview,,${TOKEN},`,
      `"Acme, Inc.",acme.okta.com,production,Acme Preview,,ACME_TOKEN`,
      `Broken,not a domain ${OTHER},preview,,,`,
      `No env,http://127.0.0.1:4001,,,,`,
      `Twice,acme.okta.com,production,,,`,
      '',
    ].join('\r\n');
    const checked = checkRows(rowsFromCsv(csv), { ACME_TOKEN: OTHER }, { environmentRequired: true });
    assert.equal(checked.length, 5);
    const [preview, prod] = checked;
    assert.ok(preview?.ok && preview.candidate.credential?.type === 'apiToken');
    assert.equal(preview.candidate.environment, 'preview');
    assert.ok(prod?.ok);
    assert.equal(prod.candidate.label, 'Acme, Inc.');
    assert.equal(prod.candidate.previewOrg, 'Acme Preview');
    assert.deepEqual(prod.candidate.credential, { type: 'apiToken', token: OTHER });
    const problems = problemsOf(checked);
    assert.deepEqual(problems, [
      'Broken (row 4): the domain is not an Okta org domain (acme.okta.com, or http://127.0.0.1:PORT for the simulator)',
      'No env (row 5, 127.0.0.1:4001): the environment ("preview" or "production") is missing',
      'Twice (row 6, acme.okta.com): already listed in row 3',
    ]);
    for (const p of problems) assert.ok(!p.includes(OTHER.slice(0, 10)) && !p.includes(TOKEN.slice(0, 10)));
  });

  it('JSON: a list or {"orgs": [...]}; a token variable that is not set is a problem that names no value', () => {
    const rows = rowsFromJson(
      JSON.stringify({
        orgs: [
          { label: 'Sim', domain: 'http://127.0.0.1:4000', environment: 'preview', apiToken: TOKEN },
          { label: 'Env', domain: 'gamma.okta.com', environment: 'production', apiTokenEnv: 'NOT_SET_HERE' },
          { label: 'Short', domain: 'delta.okta.com', environment: 'production', apiToken: 'abc' },
          'not an object',
        ],
      }),
    );
    const checked = checkRows(rows, {}, { environmentRequired: true });
    assert.ok(checked[0]?.ok && checked[0].candidate.address.isLoopback);
    assert.deepEqual(problemsOf(checked), [
      "Env (entry 2, gamma.okta.com): the environment variable it names is not set in VS Code's environment",
      'Short (entry 3, delta.okta.com): the API token is not one word of 10 or more printable characters',
      'entry 4: the domain is missing',
    ]);
    assert.throws(() => rowsFromJson('{"orgs": 3}'), /neither a list of orgs/);
    assert.throws(
      () => rowsFromJson(`{"apiToken": "${TOKEN}",`),
      (e: Error) => !e.message.includes(TOKEN.slice(0, 8)),
    );
  });

  it('a token held in an environment variable: the person is shown each "variable → host" before any value is sent; plain http to a real org is refused', () => {
    const rows = rowsFromJson(
      JSON.stringify([
        { label: 'Prod', domain: 'acme.okta.com', environment: 'production', apiTokenEnv: 'OKTA_TOKEN_PROD' },
        { label: 'Plain', domain: 'beta.okta.com', environment: 'production', apiToken: TOKEN },
        { label: 'Http', domain: 'http://gamma.okta.com', environment: 'production', apiToken: TOKEN },
      ]),
    );
    const checked = checkRows(rows, { OKTA_TOKEN_PROD: OTHER }, { environmentRequired: true });
    const candidates = checked.flatMap((c) => (c.ok ? [c.candidate] : []));
    assert.deepEqual(variablesToSend(candidates), ['OKTA_TOKEN_PROD → acme.okta.com']);
    assert.equal(candidates[0]?.tokenVariable, 'OKTA_TOKEN_PROD');
    assert.equal(candidates[1]?.tokenVariable, undefined, 'a token in the file is not a variable');
    assert.deepEqual(problemsOf(checked), [
      'Http (entry 3): the domain is not an Okta org domain (acme.okta.com, or http://127.0.0.1:PORT for the simulator)',
    ]);
  });

  it('CSV needs a header with a domain column; a quote left open is said with its line', () => {
    assert.throws(() => rowsFromCsv(`${TOKEN},acme.okta.com\n`), /must name the columns/);
    assert.throws(() => readCsv('a,b\n"open,c\n'), /opened on line 2 is never closed/);
    assert.deepEqual(readCsv('a,"b ""q"" c",d\n\n1,2,3'), [
      ['a', 'b "q" c', 'd'],
      ['1', '2', '3'],
    ]);
  });
});

describe('Import Orgs: what became of each row', () => {
  it('every row is named the same way: its label first, then where it is and the host, each once', () => {
    const refused = {
      where: 'row 4',
      label: 'Acme Prod',
      host: 'acme.okta.com',
      imported: false,
      text: `not imported: ${withoutLeadingHost('acme.okta.com refused the API token (401, E0000011). Set a new one.', 'acme.okta.com')}`,
    };
    assert.equal(
      outcomeLine(refused),
      'Acme Prod (row 4, acme.okta.com): not imported: the org refused the API token (401, E0000011). Set a new one.',
    );
    assert.equal(outcomeLine(refused).split('acme.okta.com').length - 1, 1, 'the host is named once');
    assert.equal(
      rowName({ where: 'row 2', label: 'Acme Preview', host: 'acme-preview.oktapreview.com' }),
      'Acme Preview (row 2, acme-preview.oktapreview.com)',
    );
    assert.equal(rowName({ where: '~/.okta/okta.yaml', host: 'acme.okta.com' }), 'acme.okta.com (~/.okta/okta.yaml)');
    assert.equal(rowName({ where: 'entry 4' }), 'entry 4');
    // A token pasted in the label column is never quoted.
    assert.equal(rowName({ where: 'row 3', label: TOKEN, host: 'acme.okta.com' }), 'acme.okta.com (row 3)');
    assert.equal(withoutLeadingHost('Cancelled.', 'acme.okta.com'), 'Cancelled.');
  });
});

describe("Import Orgs: where Okta's own tools keep credentials", () => {
  it('okta.yaml with a token; the environment taken from the domain when it can be', () => {
    const row = readOktaYaml(
      '~/.okta/okta.yaml',
      ['okta:', '  client:', '    orgUrl: "https://acme-preview.oktapreview.com"', `    token: ${TOKEN}`, ''].join(
        '\n',
      ),
    );
    assert.deepEqual(row, {
      where: '~/.okta/okta.yaml',
      domain: 'https://acme-preview.oktapreview.com',
      apiToken: TOKEN,
    });
    const [checked] = checkRows([row!], {}, { environmentRequired: false });
    assert.ok(checked?.ok);
    assert.equal(checked.candidate.environment, 'preview');
    assert.equal(checked.candidate.label, 'acme-preview');
  });

  it('okta.yaml in PrivateKey mode becomes a service app; a missing key is a problem', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----';
    const yaml = [
      'okta:',
      '  client:',
      '    orgUrl: https://acme.okta.com',
      '    authorizationMode: PrivateKey',
      '    clientId: 0oaServiceApp123',
      '    scopes:',
      '      - okta.apps.read',
      '      - okta.apps.manage',
      '    keyId: kid-1',
      '    privateKey: |',
      ...pem.split('\n').map((l) => `      ${l}`),
    ].join('\n');
    const row = readOktaYaml('./okta.yaml', yaml);
    const [checked] = checkRows([row!], {}, { environmentRequired: false });
    assert.ok(checked?.ok);
    assert.deepEqual(checked.candidate.credential, {
      type: 'serviceApp',
      clientId: '0oaServiceApp123',
      privateKey: pem,
      keyId: 'kid-1',
    });
    const noKey = readOktaYaml(
      './okta.yaml',
      'okta:\n  client:\n    orgUrl: https://acme.okta.com\n    authorizationMode: PrivateKey\n',
    );
    assert.deepEqual(problemsOf(checkRows([noKey!], {}, { environmentRequired: false })), [
      'acme.okta.com (./okta.yaml): the service app needs both clientId and privateKey',
    ]);
    assert.equal(readOktaYaml('./okta.yaml', 'okta:\n  client: {}\n'), undefined);
    assert.throws(
      () => readOktaYaml('./okta.yaml', `okta: [${TOKEN}`),
      (e: Error) => /not valid YAML/.test(e.message) && !e.message.includes(TOKEN.slice(0, 8)),
    );
  });

  it('OKTA_CLIENT_* and the Terraform variables each describe one org', () => {
    const rows = rowsFromEnvironment({
      OKTA_CLIENT_ORGURL: 'https://acme.okta.com',
      OKTA_CLIENT_TOKEN: TOKEN,
      OKTA_ORG_NAME: 'beta',
      OKTA_BASE_URL: 'oktapreview.com',
      OKTA_API_TOKEN: OTHER,
    });
    assert.deepEqual(rows, [
      { where: 'OKTA_CLIENT_* environment variables', domain: 'https://acme.okta.com', apiToken: TOKEN },
      {
        where: 'OKTA_ORG_NAME / OKTA_API_TOKEN environment variables',
        domain: 'beta.oktapreview.com',
        apiToken: OTHER,
      },
    ]);
    assert.deepEqual(rowsFromEnvironment({ PATH: '/usr/bin' }), []);
  });
});
