// Text Okta writes (error summaries and causes, the token endpoint's descriptions, app labels and names, a content
// type) reaches messages, the tree and the log, which the README calls shareable with support. It is made safe
// where it enters: every control character, bidi control, zero-width or invisible format character and line or
// paragraph separator becomes a visible escape (\n, \x1b, \u202e), so it can neither forge a log line, colour a
// terminal, nor hide or reorder what a person reads; and it is capped with an ellipsis, so a megabyte of summary
// is one short line. The log applies the same function to every line it writes.

/** The cap for one piece of Okta's text in a message (a summary, a cause, a description). */
export const OKTA_TEXT_MAX = 300;

// Cc: C0, DEL, C1 (ESC starts ANSI and OSC sequences). Cf: bidi controls, zero-width characters, BOM, soft hyphen,
// tag characters. Zl/Zp: line and paragraph separators. Cs: a lone surrogate (a half character).
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(ch: string): string {
  const short = SHORT[ch];
  if (short) return short;
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/**
 * `text` with every unsafe character made visible, trimmed, and at most `max` characters long (an ellipsis ends
 * what was cut). Anything that is not a string becomes ''.
 */
export function sanitizeText(text: unknown, max: number = OKTA_TEXT_MAX): string {
  if (typeof text !== 'string') return '';
  const limit = Math.max(1, Math.floor(max));
  // Only what can still fit is looked at: a megabyte costs no more than a line.
  const head = text.length > limit + 1 ? text.slice(0, limit + 1) : text;
  const shown = head.trim().replace(UNSAFE, visible);
  const cut = shown.length > limit || head.length < text.trimEnd().length;
  if (!cut) return shown;
  // Never end on half a surrogate pair: cut at a whole code point, then mark the cut.
  let end = Math.min(shown.length, limit - 1);
  const code = shown.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${shown.slice(0, end).trimEnd()}…`;
}
