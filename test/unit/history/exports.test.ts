// The three export formats against golden files (ids and times fixed by the fixtures): a change of wording or
// columns shows as a diff of the golden file, reviewed like code. UPDATE_GOLDEN=1 rewrites them.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSV_COLUMNS, toCsv } from '../../../src/history/csv.ts';
import { toJson } from '../../../src/history/json.ts';
import { toMarkdown } from '../../../src/history/markdown.ts';
import { goldenDocument } from './fixtures.ts';
import { parseCsv } from '../../support/csv.ts';

const GOLDEN = join(import.meta.dirname, 'golden');

function matchesGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  assert.equal(
    actual,
    readFileSync(path, 'utf8'),
    `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`,
  );
}

describe('rotation history exports', () => {
  it('CSV: the golden file, one row per rotation, every row as wide as the header', () => {
    const csv = toCsv(goldenDocument());
    matchesGolden('rotation-history.csv', csv);
    assert.ok(csv.startsWith('\uFEFF'), 'a byte-order mark, so Excel reads UTF-8');
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], CSV_COLUMNS);
    assert.equal(rows.length, 4);
    for (const r of rows) assert.equal(r.length, CSV_COLUMNS.length);
  });

  it('CSV: a row answers when, who, which secret replaced which, and what Okta logged', () => {
    const rows = parseCsv(toCsv(goldenDocument()));
    const header = rows[0] as string[];
    const completed = Object.fromEntries(header.map((h, i) => [h, rows[2]?.[i] ?? '']));
    assert.equal(completed['Started (UTC)'], '2026-11-26 09:00:01');
    assert.equal(completed['Ended (UTC)'], '2026-11-26 10:16:28');
    assert.equal(completed['Org'], 'Acme Production');
    assert.equal(completed['Old secret IDs'], 'ocsOLDSECRET00000001');
    assert.equal(completed['Old secrets created (UTC)'], '2026-08-20 08:15:00');
    assert.equal(completed['New secret ID'], 'ocsNEWSECRET00000002');
    assert.equal(completed['Acted as (Okta)'], 'jane.doe@acme.com (Okta user 00u1adminuser000001, API token)');
    assert.equal(completed['OS user'], 'jdoe');
    assert.match(completed['Okta System Log'] ?? '', /^2 events with the app as target/);
    assert.match(
      completed['Okta System Log events'] ?? '',
      /app\.oauth2\.credentials\.lifecycle\.create SUCCESS by jane\.doe@acme\.com/,
    );
    assert.match(completed['Acknowledgements'] ?? '', /without a preview rotation completed within 30 days/);
    assert.equal((completed['Steps'] ?? '').split('\n').length, 12);
    assert.match(
      completed['Old secret watch (Okta System Log)'] ?? '',
      /^Old secret unused, per Okta's System Log: no failed sign-in of the app's client from 26 Nov 2026, 09:00–10:15 UTC \(75 min watched/,
    );
  });

  it('CSV: a cell a spreadsheet would run as a formula is text; quotes, commas and line breaks stay in their cell', () => {
    const rows = parseCsv(toCsv(goldenDocument()));
    const org = rows[3]?.[CSV_COLUMNS.indexOf('Org')];
    assert.equal(org, `'=HYPERLINK("x") | Globex *prod*`);
  });

  it('JSON: the golden file, every record whole with its System Log section', () => {
    const json = toJson(goldenDocument());
    matchesGolden('rotation-history.json', json);
    const parsed = JSON.parse(json);
    assert.equal(parsed.format, 'okta-workflows-rotation-history');
    assert.deepEqual(
      parsed.rotations.map((r: { oktaSystemLog: { status: string } }) => r.oktaSystemLog.status),
      ['notPermitted', 'listed', 'notQueried'],
    );
  });

  it('Markdown: the golden file; text from people and Okta cannot break a table', () => {
    const md = toMarkdown(goldenDocument());
    matchesGolden('rotation-history.md', md);
    assert.match(md, /=HYPERLINK\("x"\) \\\| Globex \\\*prod\\\*/);
    const summary = md.split('\n').filter((l) => l.startsWith('| 2026-'));
    for (const line of summary) assert.equal(line.split(/(?<!\\)\|/).length - 2, 7, line);
  });

  it("the auditors' guide's table of CSV columns names every column", () => {
    const guide = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'audit-evidence.md'), 'utf8');
    const table = guide.slice(guide.indexOf('The columns:'), guide.indexOf("**What Okta's System Log adds**"));
    for (const column of CSV_COLUMNS)
      assert.ok(table.includes(`\`${column}\``), `the guide names the column ${column}`);
  });

  it('an export with no rotation says so in each format', () => {
    const empty = { ...goldenDocument(), rotations: [] };
    assert.equal(parseCsv(toCsv(empty)).length, 1);
    assert.deepEqual(JSON.parse(toJson(empty)).rotations, []);
    assert.match(toMarkdown(empty), /No rotation matches\./);
  });
});
