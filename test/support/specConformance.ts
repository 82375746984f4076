// Checking simulator answers against an OpenAPI excerpt of Okta's spec (a copy in test/fixtures/): the status must be
// one the spec lists for the operation, and the body must match that response's schema, validated with ajv.
// OpenAPI 3.0's dialect becomes JSON Schema: `nullable` a null type; a `discriminator` with a mapping picks the schema
// of its oneOf by the property's value (plain oneOf would match several: the spec's objects allow extra fields).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface SpecResponse {
  $ref?: string;
  content?: { 'application/json'?: { schema?: unknown } };
}
interface Operation {
  operationId: string;
  responses: Record<string, SpecResponse>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, SpecResponse> };
}

function discriminated(node: { [k: string]: Json }, oneOf: Json): Json {
  const d = node.discriminator as { propertyName: string; mapping: Record<string, string> };
  const prop = d.propertyName;
  return {
    type: 'object',
    required: [prop],
    properties: { [prop]: { enum: Object.keys(d.mapping) } },
    allOf: Object.entries(d.mapping).map(([value, ref]) => ({
      if: { properties: { [prop]: { const: value } }, required: [prop] },
      then: { $ref: ref },
    })),
    anyOf: oneOf,
  };
}

/** OpenAPI 3.0 schema dialect -> JSON Schema: `nullable` becomes a null type; examples and x-* go. */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples' || key === 'discriminator' || key.startsWith('x-')) continue;
    out[key] = toJsonSchema(value);
  }
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  const mapping = (node.discriminator as { mapping?: unknown } | undefined)?.mapping;
  if (out.oneOf !== undefined && mapping !== undefined) return discriminated(node, out.oneOf);
  return out;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export interface SpecChecker {
  readonly spec: Spec;
  /** "operationId status" of every answer checked. */
  readonly seen: Set<string>;
  /** How many answers were checked. */
  count(): number;
  /** A validator of a schema by reference into the spec, e.g. `spec#/components/schemas/Error`. */
  validator(ref: string): ValidateFunction;
  /** A failed validator's errors in words, for an assertion message. */
  errorsText(v: ValidateFunction): string;
  /** Checks one answer against the operation at `template` (a spec path) and `method`; returns its body. */
  conforms(template: string, method: string, res: Response): Promise<unknown>;
}

/**
 * `notInSpec`: statuses an operation answers that the excerpt does not list though real Okta answers them (a bad
 * token is 401 everywhere); they are checked against the Error schema.
 */
export function specChecker(file: URL, notInSpec: Record<string, readonly string[]>): SpecChecker {
  const spec = parse(readFileSync(file, 'utf8')) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  for (const lax of ['int32', 'double', 'password']) ajv.addFormat(lax, true);
  ajv.addSchema(toJsonSchema({ ...(spec as unknown as { [k: string]: Json }), $id: 'spec' }) as object);
  const validators = new Map<string, ValidateFunction>();
  const validator = (ref: string): ValidateFunction => {
    let v = validators.get(ref);
    if (!v) validators.set(ref, (v = ajv.compile({ $ref: ref })));
    return v;
  };
  const seen = new Set<string>();
  let checked = 0;
  return {
    spec,
    seen,
    count: () => checked,
    validator,
    errorsText: (v) => ajv.errorsText(v.errors),
    async conforms(template, method, res) {
      const op = spec.paths[template]?.[method.toLowerCase()];
      assert.ok(op, `spec has ${method} ${template}`);
      const status = String(res.status);
      const text = await res.text();
      seen.add(`${op.operationId} ${status}`);
      checked++;
      let schemaRef: string;
      let declared = op.responses[status];
      if (declared?.$ref) {
        const name = declared.$ref.split('/').pop()!;
        declared = spec.components.responses[name]!;
        schemaRef = `spec#/${pointer('components', 'responses', name, 'content', 'application/json', 'schema')}`;
      } else if (declared) {
        schemaRef = `spec#/${pointer('paths', template, method.toLowerCase(), 'responses', status, 'content', 'application/json', 'schema')}`;
      } else if (status.startsWith('5') || notInSpec[op.operationId]?.includes(status)) {
        schemaRef = 'spec#/components/schemas/Error';
      } else {
        assert.fail(
          `${op.operationId} answered ${status}, which the spec does not list (${Object.keys(op.responses).join(', ')})`,
        );
      }
      if (declared && !declared.content) {
        assert.equal(text, '', `${op.operationId} ${status} has no body in the spec`);
        return undefined;
      }
      assert.equal(res.headers.get('content-type'), 'application/json');
      const body = JSON.parse(text) as unknown;
      const validate = validator(schemaRef);
      assert.ok(
        validate(body),
        `${op.operationId} ${status}: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 400)}`,
      );
      return body;
    },
  };
}
