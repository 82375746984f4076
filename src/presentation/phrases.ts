// The small phrases every story is made of: counts, lists, and a secret as a person recognises it (masked, with its
// age). Pure, tested in Node.
import type { SecretView } from '../rotation/model/actions.ts';
import { createdAgo } from './time.ts';

/** "1 secret", "2 secrets". */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : many}`;
}

/** "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

type Recognisable = Pick<SecretView, 'masked' | 'created'>;

/** A secret as a person recognises it: "••••L6l1, created 97 days ago" (masked; the age when known). */
export function secretPhrase(s: Recognisable | undefined, now: Date): string {
  if (!s) return 'the secret';
  const age = createdAgo(s.created, now);
  return age ? `${s.masked}, ${age}` : s.masked;
}

/** A secret among others: "••••L6l1 (created 97 days ago)", with more said inside the parentheses when given. */
export function secretInList(s: Recognisable, now: Date, ...more: string[]): string {
  const notes = [createdAgo(s.created, now), ...more].filter((n) => n !== '');
  return notes.length > 0 ? `${s.masked} (${notes.join(', ')})` : s.masked;
}
