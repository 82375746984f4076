// What a webview page posts is untrusted: a message too large is refused before zod sees it, and a refusal gives
// one short reason for the log (the first issues, with their paths), never the message itself.
import type * as z from 'zod/mini';

export type ParseResult<T> = { ok: true; message: T } | { ok: false; reason: string };

export function parseWebviewMessage<T>(schema: z.ZodMiniType<T>, data: unknown, maxChars: number): ParseResult<T> {
  let size: number;
  try {
    size = JSON.stringify(data)?.length ?? 0;
  } catch {
    return { ok: false, reason: 'not serialisable' };
  }
  if (size > maxChars) return { ok: false, reason: `too large (${size} characters)` };
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, message: parsed.data };
  return {
    ok: false,
    reason: parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; '),
  };
}
