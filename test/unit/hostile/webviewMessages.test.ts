// The checklist page is untrusted: what it posts is refused by parsePageMessage, with a reason for the log,
// unless it is exactly one of the protocol's messages. checklistProtocol.test.ts (../vscode) covers the basic
// shapes; these are the hostile ones: prototype-pollution keys, very long strings, odd numbers, deep nesting,
// values that are not JSON, and secret-carrying variants.
import assert from 'node:assert/strict';
import { parsePageMessage } from '../../../src/vscode/rotations/checklistProtocol.ts';

const request = (req: unknown, seq: unknown = 1) => ({ type: 'request', seq, request: req });
const cyclic: Record<string, unknown> = { type: 'ready' };
cyclic.self = cyclic;
let deep: unknown = { type: 'ready' };
for (let i = 0; i < 500; i++) deep = { type: 'request', seq: 1, request: deep };

const HOSTILE: Array<[string, unknown]> = [
  ['__proto__ as an own key (JSON.parse)', JSON.parse('{"type":"ready","__proto__":{"polluted":true}}')],
  [
    '__proto__ inside a request',
    JSON.parse('{"type":"request","seq":1,"request":{"kind":"cancel","__proto__":{"polluted":true}}}'),
  ],
  [
    '__proto__ inside an action',
    JSON.parse(
      '{"type":"request","seq":1,"request":{"kind":"action","action":{"type":"rollback","__proto__":{"isAdmin":true}}}}',
    ),
  ],
  ['constructor.prototype', { type: 'ready', constructor: { prototype: { polluted: true } } }],
  ['type "__proto__"', { type: '__proto__' }],
  ['kind "constructor"', request({ kind: 'constructor' })],
  ['type "toString"', { type: 'toString' }],
  ['a 9,000-character step name', request({ kind: 'action', action: { type: 'run', step: 'p'.repeat(9000) } })],
  ['a 100,000-character type', { type: 'r'.repeat(100_000) }],
  ['a retire id of 101 characters', request({ kind: 'action', action: { type: 'retire', secretId: 'o'.repeat(101) } })],
  ['an empty retire id', request({ kind: 'action', action: { type: 'retire', secretId: '' } })],
  ['seq NaN', request({ kind: 'cancel' }, Number.NaN)],
  ['seq Infinity', request({ kind: 'cancel' }, Number.POSITIVE_INFINITY)],
  ['seq beyond MAX_SAFE_INTEGER', request({ kind: 'cancel' }, 2 ** 60)],
  ['seq as a bigint', request({ kind: 'cancel' }, 1n)],
  ['seq missing', { type: 'request', request: { kind: 'cancel' } }],
  ['request missing', { type: 'request', seq: 1 }],
  ['request an array', request([{ kind: 'cancel' }])],
  ['a cyclic object', cyclic],
  ['500 levels deep', deep],
  ['a function', () => 'ready'],
  ['a symbol type', { type: Symbol('ready') }],
  ['undefined', undefined],
  ['type with trailing space', { type: 'ready ' }],
  ['type in another case', { type: 'READY' }],
  [
    'override of another guard',
    request({ kind: 'action', action: { type: 'override', guard: 'productionWithoutPreview' } }),
  ],
  [
    'acknowledge with a warning of its own',
    request({ kind: 'action', action: { type: 'acknowledge', guard: 'productionWithoutPreview', warning: 'ok' } }),
  ],
  ['chooseMode with an unknown mode', request({ kind: 'action', action: { type: 'chooseMode', mode: 'both' } })],
  ['a secret smuggled into copyNewSecret', request({ kind: 'copyNewSecret', value: 'x'.repeat(40) })],
  ['a secret smuggled into identifyInUse', request({ kind: 'identifyInUse', value: 'x'.repeat(40) })],
  [
    'identifyInUse as an action with a value',
    request({ kind: 'action', action: { type: 'identifyInUse', value: 'x'.repeat(40) } }),
  ],
  ['copyText of the token', request({ kind: 'copyText', field: 'apiToken' })],
  ['openConsole with a URL of its own', request({ kind: 'openConsole', url: 'https://evil.example' })],
  ['a reply (a host message) sent back by the page', { type: 'reply', seq: 1, ok: true }],
  ['a snapshot sent back by the page', { type: 'snapshot', snapshot: {}, orgLabel: 'x' }],
];

describe('hostile webview messages', () => {
  for (const [what, data] of HOSTILE) {
    it(`refuses ${what}, with a reason`, () => {
      const result = parsePageMessage(data);
      assert.equal(result.ok, false, what);
      assert.ok(!result.ok && result.reason.length > 3 && result.reason.length < 600, !result.ok ? result.reason : '');
    });
  }

  it('parsing hostile messages pollutes no prototype', () => {
    for (const [, data] of HOSTILE) parsePageMessage(data);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });

  it('a reason never repeats a long string the page sent', () => {
    const r = parsePageMessage(
      request({ kind: 'action', action: { type: 'run', step: `secret-${'z'.repeat(2000)}` } }),
    );
    assert.ok(!r.ok && !r.reason.includes('zzzzzzzz'), !r.ok ? r.reason.slice(0, 200) : '');
  });
});
