// What the reminders note in globalState (shared by every window, kept across reloads): which due secrets were
// notified, and which the person snoozed until when. What is known of each org (its secrets as last listed) is not
// theirs: they read the one cache of it (knownOrgs.ts). Parsed strictly on read: a state that does not parse
// starts afresh; the first version, which also kept each org's secrets, is read without them.
// Pure: no `vscode` import (globalState is read through what it shares with a Memento), tested in Node.
import * as z from 'zod/mini';
import type { ListedSecret } from '../listedSecret.ts';

const KEY = 'oktaWorkflows.reminders';

/** What the reminders need of VS Code's Memento (globalState). */
export interface StateMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const Short = z.lazy(() => z.string().check(z.maxLength(300)));
/** dueKey → an ISO time: when it was notified, or until when it is snoozed. */
const Notes = z.lazy(() => z.record(Short, Short));

const StateSchema = z.lazy(() => z.strictObject({ version: z.literal(2), notified: Notes, snoozedUntil: Notes }));
export type ReminderState = z.infer<typeof StateSchema>;

/** The first version: its `orgs` (each org's secrets as listed) are now the known orgs' cache, so they are dropped. */
const FirstVersionSchema = z.lazy(() => z.object({ version: z.literal(1), notified: Notes, snoozedUntil: Notes }));

function emptyState(): ReminderState {
  return { version: 2, notified: {}, snoozedUntil: {} };
}

export function readReminderState(memento: StateMemento, onProblem: (m: string) => void): ReminderState {
  const raw = memento.get<unknown>(KEY);
  if (raw === undefined) return emptyState();
  const parsed = StateSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = FirstVersionSchema.safeParse(raw);
  if (first.success) return { version: 2, notified: first.data.notified, snoozedUntil: first.data.snoozedUntil };
  onProblem('The reminders kept in globalState cannot be read; they start afresh.');
  return emptyState();
}

/** Whether `state` differs from what is stored (a state of the first version is written again; none, only notes). */
export function differsFromStored(memento: StateMemento, state: ReminderState): boolean {
  const stored = memento.get<unknown>(KEY);
  if (stored === undefined) return Object.keys(state.notified).length > 0 || Object.keys(state.snoozedUntil).length > 0;
  return JSON.stringify(stored) !== JSON.stringify(state);
}

export async function writeReminderState(memento: StateMemento, state: ReminderState): Promise<void> {
  await memento.update(KEY, StateSchema.parse(state));
}

/**
 * The notes still worth keeping: those of configured orgs (`orgs`' keys), and within an org whose secrets are
 * known, only those of secrets it still has (a rotation deleted the others). The state stays as small as the orgs.
 */
export function keptNotes(
  state: ReminderState,
  orgs: ReadonlyMap<string, { readonly secrets: readonly Pick<ListedSecret, 'id'>[] } | undefined>,
): ReminderState {
  const alive = new Map([...orgs].map(([key, org]) => [key, org && new Set(org.secrets.map((s) => s.id))]));
  const keep = (note: string): boolean => {
    const slash = note.lastIndexOf('/');
    const org = note.slice(0, slash);
    if (!alive.has(org)) return false;
    const secrets = alive.get(org);
    return secrets === undefined || secrets.has(note.slice(slash + 1));
  };
  const filter = (notes: Record<string, string>) => Object.fromEntries(Object.entries(notes).filter(([k]) => keep(k)));
  return { version: 2, notified: filter(state.notified), snoozedUntil: filter(state.snoozedUntil) };
}
