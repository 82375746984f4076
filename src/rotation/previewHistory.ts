// Okta says: test in a Preview org first. The engine asks for an acknowledgement before rotating a production org
// when no preview rotation completed recently, reading that history from its previewHistory dependency. A
// rehearsal on the bundled simulator (a loopback org) is not a test in the person's own Preview org, so for a real
// org the history leaves out every loopback journal. Practice orgs still see each other's (Practice Preview, then
// Practice Production rehearses the whole path, acknowledgement included).
import { parseOrgInput } from '../okta/orgInput.ts';
import type { RotationJournal } from './model/journal.ts';
import type { RotationJournalStore } from './stores.ts';

export function isLoopbackJournal(journal: Pick<RotationJournal, 'org'>): boolean {
  try {
    return parseOrgInput(journal.org.baseUrl, { allowLoopback: true }).isLoopback;
  } catch {
    return false;
  }
}

/** The preview history when rotating `org`: every journal for a practice org, no practice one for a real org. */
export function previewHistoryFor(
  store: Pick<RotationJournalStore, 'list'>,
  org: { isLoopback: boolean },
): () => Promise<RotationJournal[]> {
  if (org.isLoopback) return () => store.list();
  return async () => (await store.list()).filter((j) => !isLoopbackJournal(j));
}
