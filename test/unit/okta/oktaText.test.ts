// The one sanitizer for Okta's text (src/okta/oktaText.ts), as a pure function: what becomes visible, where it is
// cut, and that a megabyte costs no more than a line.
import assert from 'node:assert/strict';
import { OKTA_TEXT_MAX, sanitizeText } from '../../../src/okta/oktaText.ts';

describe("sanitizeText: Okta's text as one safe line", () => {
  const visible: Array<[string, string, string]> = [
    ['line breaks', 'a\r\nb\nc', 'a\\r\\nb\\nc'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['an ANSI escape', '\u001b[31mred\u001b[0m', '\\x1b[31mred\\x1b[0m'],
    ['an OSC escape ended by BEL', '\u001b]0;title\u0007', '\\x1b]0;title\\x07'],
    ['C1 controls', '\u009b2J\u0085', '\\x9b2J\\x85'],
    ['bidi controls', '\u202ea\u2066b\u2069\u200f', '\\u202ea\\u2066b\\u2069\\u200f'],
    [
      'zero-width characters and a BOM (a BOM at either end is trimmed)',
      '\ufeffa\u200bb\u200dc\ufeffd',
      'a\\u200bb\\u200dc\\ufeffd',
    ],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['a tag character (invisible text)', 'a\u{e0041}b', 'a\\u{e0041}b'],
    ['a lone surrogate', 'a\ud800b', 'a\\ud800b'],
  ];
  for (const [what, text, shown] of visible) {
    it(`makes ${what} visible`, () => assert.equal(sanitizeText(text), shown));
  }

  it('keeps ordinary text, accents and emoji as they are, trimmed', () => {
    assert.equal(
      sanitizeText('  Api validation failed: client_secret. Café 😀  '),
      'Api validation failed: client_secret. Café 😀',
    );
  });

  it('cuts at the cap with an ellipsis, never inside a surrogate pair', () => {
    assert.equal(sanitizeText('abcdefghij', 5), 'abcd…');
    assert.equal(sanitizeText('abcde', 5), 'abcde');
    const cut = sanitizeText('😀'.repeat(10), 6);
    assert.equal(cut, '😀😀…');
    assert.ok(!/[\ud800-\udbff]…/.test(cut));
  });

  it('a megabyte becomes at most the cap', () => {
    const out = sanitizeText('\u001b'.repeat(1 << 20));
    assert.ok(out.length <= OKTA_TEXT_MAX && out.endsWith('…'), String(out.length));
  });

  it('anything that is not a string becomes empty', () => {
    assert.equal(sanitizeText(undefined), '');
    assert.equal(sanitizeText({ toString: () => 'x' }), '');
  });
});
