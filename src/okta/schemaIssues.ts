// Why outside data failed a schema, in words a person can act on, built from the issue's path and code only:
// never a value or a field name taken from the data (an answer or a page message may carry a secret anywhere).
// zod/mini loads no locale, so its own messages are a bare "Invalid input"; this says what was expected instead.
import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

function what(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `shorter than ${issue.minimum}`
        : `below ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `longer than ${issue.maximum}`
        : `above ${issue.maximum}`;
    case 'invalid_value':
      // The allowed values come from our schema, not from the data.
      return `expected ${issue.values
        .slice(0, 4)
        .map((v) => JSON.stringify(v))
        .join(' or ')}${issue.values.length > 4 ? ' or …' : ''}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes';
    case 'unrecognized_keys':
      return `${issue.keys.length} unknown field${issue.keys.length === 1 ? '' : 's'}`;
    case 'invalid_format':
      // The pattern is our schema's: an id's shape is named, the value never is.
      if (issue.format === 'regex' && issue.pattern?.includes('^0oa')) return 'not an Okta app id (0oa…)';
      if (issue.format === 'regex' && issue.pattern?.includes('^ocs')) return 'not an Okta client secret id (ocs…)';
      if (issue.format === 'regex' && issue.pattern?.includes('^00u')) return 'not an Okta user id (00u…)';
      return 'wrong format';
    default:
      return issue.code.replace(/_/g, ' ');
  }
}

/** Path segments are the schema's own field names, or array positions. */
function where(issue: Issue): string {
  return issue.path.length ? issue.path.map(String).join('.') : 'body';
}

// A field named like a credential (access_token, client_secret) is followed by its words in parentheses: after
// "access_token:" redaction would take them for the token's value.
const CREDENTIAL_NAME = /token|secret|passw|assertion|key|cookie/i;

/** E.g. "status: expected \"ACTIVE\" or \"INACTIVE\"; id: expected string" (at most `max` issues). */
export function describeIssues(issues: readonly Issue[], max = 3): string {
  const shown = issues
    .slice(0, max)
    .map((i) => (CREDENTIAL_NAME.test(where(i)) ? `${where(i)} (${what(i)})` : `${where(i)}: ${what(i)}`));
  if (issues.length > max) shown.push(`${issues.length - max} more`);
  return shown.join('; ');
}
