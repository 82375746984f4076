// Reading an Okta answer into a typed value: a JSON content type, valid JSON, and the zod schema of the contract.
// What breaks the contract is a 'protocol' OktaError that names paths and issue codes only, never a value from the
// body (it may hold a client secret).
import type * as z from 'zod/mini';
import { OktaError } from '../errors.ts';
import { sanitizeText } from '../oktaText.ts';
import { header } from '../rateLimit.ts';
import { describeIssues } from '../schemaIssues.ts';
import type { HttpResponse } from '../transport.ts';

/** An answer that breaks the API's contract, for `operation` in `org`. */
export function protocolError(operation: string, org: string, detail: string, status?: number): OktaError {
  return new OktaError({ kind: 'protocol', operation, org, detail, status });
}

export function parseResponse<S extends z.ZodMiniType>(
  operation: string,
  org: string,
  res: HttpResponse,
  schema: S,
): z.infer<S> {
  return matchSchema(operation, org, res, readJson(operation, org, res), schema);
}

/** The answer's JSON value: a JSON content type and valid JSON, or a protocol error. */
export function readJson(operation: string, org: string, res: HttpResponse): unknown {
  const type = header(res.headers, 'content-type');
  if (!type || !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) {
    const shown = type ? sanitizeText(type.split(';')[0], 60) : 'none';
    throw protocolError(operation, org, `the answer is not JSON (content type ${shown})`, res.status);
  }
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch {
    throw protocolError(operation, org, 'the answer is not valid JSON', res.status);
  }
}

/** `data` (from readJson) checked against the contract's schema, or a protocol error naming paths only. */
export function matchSchema<S extends z.ZodMiniType>(
  operation: string,
  org: string,
  res: HttpResponse,
  data: unknown,
  schema: S,
): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw protocolError(
      operation,
      org,
      `the answer does not match the API: ${describeIssues(parsed.error.issues)}`,
      res.status,
    );
  }
  return parsed.data;
}
