// describeIssues: zod/mini's own issue messages are a bare "Invalid input", so what a person reads about a broken
// answer or page message is built from paths and codes. It must say what was expected and echo no value or key
// taken from the data.
import assert from 'node:assert/strict';
import { describeIssues } from '../../../src/okta/schemaIssues.ts';
import { ClientSecretListSchema, ClientSecretSchema } from '../../../src/okta/schemas.ts';
import { RotationActionSchema } from '../../../src/rotation/model/actions.ts';

const SECRET = 'VALUE-that-must-never-show-0123456789';

function issuesOf(
  schema: { safeParse(d: unknown): { success: boolean; error?: { issues: unknown[] } } },
  data: unknown,
): string {
  const parsed = schema.safeParse(data);
  assert.equal(parsed.success, false, 'the data should be refused');
  return describeIssues(parsed.error!.issues as Parameters<typeof describeIssues>[0]);
}

describe('describeIssues (zod/mini issues in words)', () => {
  it('names the path and the expected type or values', () => {
    const text = issuesOf(ClientSecretListSchema, [
      { id: 42, status: 'active', client_secret: SECRET, created: 'x', lastUpdated: 'x' },
    ]);
    assert.match(text, /0\.id: expected string/);
    assert.match(text, /0\.status: expected "ACTIVE" or "INACTIVE"/);
    assert.ok(!text.includes(SECRET) && !text.includes('active"'), text);
  });

  it('says "body" for the top level and "shorter than" for an empty required string', () => {
    assert.equal(issuesOf(ClientSecretListSchema, {}), 'body: expected array');
    assert.match(
      issuesOf(ClientSecretSchema, { id: '', status: 'ACTIVE', created: 'x', lastUpdated: 'x' }),
      /^id: shorter than 1$/,
    );
  });

  it('counts unknown fields without naming them (a key may be a pasted secret)', () => {
    const text = issuesOf(RotationActionSchema, { type: 'rollback', [SECRET]: 1 });
    assert.equal(text, 'body: 1 unknown field');
  });

  it('shows at most `max` issues and how many more there were', () => {
    const text = describeIssues(ClientSecretListSchema.safeParse([{}, {}]).error!.issues, 2);
    assert.match(text, /; \d+ more$/);
    assert.equal(text.split('; ').length, 3);
  });
});
