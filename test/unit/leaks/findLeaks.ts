// The leak detector of the audit: where, in any of the texts searched, a secret shows whole or as any
// 8-character piece. Builds on piecesOf() of ../rotation/world.ts (whose findLeak answers only yes/no).
import { piecesOf } from '../rotation/world.ts';

export interface Leak {
  /** Which text (e.g. "journal (memory)", "host message #12"). */
  where: string;
  /** Index of the secret in the list given, so a report never repeats the secret itself. */
  secret: number;
  /** Offset in the text where the piece starts. */
  at: number;
}

export type Haystacks = Iterable<readonly [where: string, text: string]>;

/** Every place where any 8-character piece of any of `secrets` appears in a haystack (one leak per secret and place). */
export function findLeaks(haystacks: Haystacks, secrets: readonly string[], size = 8): Leak[] {
  const leaks: Leak[] = [];
  for (const [where, text] of haystacks) {
    secrets.forEach((secret, index) => {
      for (const piece of piecesOf(secret, size)) {
        const at = text.indexOf(piece);
        if (at >= 0) {
          leaks.push({ where, secret: index, at });
          return;
        }
      }
    });
  }
  return leaks;
}

/** A readable report for an assertion message: where, which secret (by index), and the text around, masked. */
export function describeLeaks(leaks: readonly Leak[], haystacks: ReadonlyMap<string, string>): string {
  return leaks
    .slice(0, 10)
    .map((l) => {
      const text = haystacks.get(l.where) ?? '';
      const context = `${text.slice(Math.max(0, l.at - 40), l.at)}‹piece of secret #${l.secret}›`;
      return `${l.where} @${l.at}: …${context.replace(/\s+/g, ' ')}`;
    })
    .join('\n');
}
