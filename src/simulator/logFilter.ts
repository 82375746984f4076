// The System Log's `filter`: a SCIM filter expression (RFC 7644 §3.4.2.2) over the event's JSON, as the spec says
// ("All operators except [ ] are supported"). Attribute paths are dotted (`target.id`, `actor.alternateId`); a path
// through an array (`target`) matches when any element does, as SCIM's multi-valued attributes. Comparison is
// exact for eq/ne and case-insensitive for co/sw/ew; gt/ge/lt/le compare strings (ISO times order as text).
//   filter := or ; or := and ("or" and)* ; and := unary ("and" unary)* ; unary := "not" unary | "(" or ")" | test
//   test := path "pr" | path op value ; value := "string" | number | true | false | null

type Value = string | number | boolean | null;
type Op = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
const OPS: readonly Op[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const isOp = (word: string): word is Op => OPS.some((op) => op === word);

export type LogFilter = (event: unknown) => boolean;

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'paren'; text: '(' | ')' };

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: 'paren', text: c });
      i++;
    } else if (c === '"') {
      let out = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        out += text[i];
        i++;
      }
      if (i >= text.length) return 'a string is not closed';
      i++;
      tokens.push({ kind: 'string', text: out });
    } else {
      const m = /^[^\s()"]+/.exec(text.slice(i))!;
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

/** The values at `path` in `node`, flattening arrays on the way. */
function valuesAt(node: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(node)) return node.flatMap((n) => valuesAt(n, path));
  if (path.length === 0) return [node];
  if (node === null || typeof node !== 'object') return [];
  const key = Object.keys(node).find((k) => k.toLowerCase() === path[0]!.toLowerCase());
  return key === undefined ? [] : valuesAt(Object.getOwnPropertyDescriptor(node, key)?.value, path.slice(1));
}

function order<T extends string | number>(a: T, op: Op, e: T): boolean {
  return op === 'gt' ? a > e : op === 'ge' ? a >= e : op === 'lt' ? a < e : a <= e;
}

function compare(actual: unknown, op: Op, expected: Value): boolean {
  if (op === 'eq') return actual === expected;
  if (op === 'ne') return actual !== expected;
  if (typeof actual === 'number' && typeof expected === 'number') return order(actual, op, expected);
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  const a = actual.toLowerCase();
  const e = expected.toLowerCase();
  if (op === 'co') return a.includes(e);
  if (op === 'sw') return a.startsWith(e);
  if (op === 'ew') return a.endsWith(e);
  return order(actual, op, expected);
}

class Parser {
  private at = 0;
  private readonly tokens: Token[];

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  parse(): LogFilter {
    const f = this.or();
    if (this.at < this.tokens.length) throw new Error(`unexpected '${this.tokens[this.at]!.text}'`);
    return f;
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.at];
    return t?.kind === 'word' && t.text.toLowerCase() === word;
  }

  private or(): LogFilter {
    let left = this.and();
    while (this.peekWord('or')) {
      this.at++;
      const l = left;
      const r = this.and();
      left = (e) => l(e) || r(e);
    }
    return left;
  }

  private and(): LogFilter {
    let left = this.unary();
    while (this.peekWord('and')) {
      this.at++;
      const l = left;
      const r = this.unary();
      left = (e) => l(e) && r(e);
    }
    return left;
  }

  private unary(): LogFilter {
    if (this.peekWord('not')) {
      this.at++;
      const inner = this.unary();
      return (e) => !inner(e);
    }
    const t = this.tokens[this.at];
    if (t?.kind === 'paren' && t.text === '(') {
      this.at++;
      const inner = this.or();
      const close = this.tokens[this.at];
      if (close?.kind !== 'paren' || close.text !== ')') throw new Error("a '(' is not closed");
      this.at++;
      return inner;
    }
    return this.test();
  }

  private test(): LogFilter {
    const attr = this.tokens[this.at++];
    if (attr?.kind !== 'word' || !/^[A-Za-z][\w.]*$/.test(attr.text)) throw new Error('expected an attribute name');
    const path = attr.text.split('.');
    const opToken = this.tokens[this.at++];
    const op = opToken?.kind === 'word' ? opToken.text.toLowerCase() : '';
    if (op === 'pr') return (e) => valuesAt(e, path).some((v) => v !== null && v !== undefined);
    if (!isOp(op)) throw new Error(`unsupported operator after ${attr.text}`);
    const value = this.value();
    return (e) => valuesAt(e, path).some((v) => compare(v, op, value));
  }

  private value(): Value {
    const t = this.tokens[this.at++];
    if (t?.kind === 'string') return t.text;
    if (t?.kind === 'word') {
      if (t.text === 'true' || t.text === 'false') return t.text === 'true';
      if (t.text === 'null') return null;
      if (/^-?\d+(\.\d+)?$/.test(t.text)) return Number(t.text);
    }
    throw new Error('expected a value ("text", a number, true, false or null)');
  }
}

/** The filter as a predicate, or why it cannot be one (our words, for the 400's cause). */
export function parseLogFilter(text: string): LogFilter | string {
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return tokens;
  if (tokens.length === 0) return 'the filter is empty';
  try {
    return new Parser(tokens).parse();
  } catch (e) {
    return e instanceof Error ? e.message : 'the filter cannot be read';
  }
}
