// Okta says: test in a Preview org first. The engine asks for an acknowledgement before rotating a production org
// when no preview rotation completed recently, reading that history from the journal store. A rehearsal on the
// bundled simulator (a loopback org) is not a test in the person's own Preview org, so for a real org the history
// it sees leaves out every loopback journal. Practice orgs still see each other's (Practice Preview, then
// Practice Production rehearses the whole path, acknowledgement included). Pure: no `vscode` import.
import type { RotationJournal } from '../../rotation/journal.ts';
import type { RotationJournalStore } from '../../rotation/stores.ts';
import { parseOrgInput } from '../../okta/orgInput.ts';

export function isLoopbackJournal(journal: Pick<RotationJournal, 'org'>): boolean {
  try {
    return parseOrgInput(journal.org.baseUrl, { allowLoopback: true }).isLoopback;
  } catch {
    return false;
  }
}

/** The store as the engine should see it when rotating `org`: everything passes through, list() filtered. */
export function journalsForGuard(store: RotationJournalStore, org: { isLoopback: boolean }): RotationJournalStore {
  if (org.isLoopback) return store;
  return {
    load: (id) => store.load(id),
    save: (j) => store.save(j),
    delete: (id) => store.delete(id),
    list: async () => (await store.list()).filter((j) => !isLoopbackJournal(j)),
    claim: (j) => store.claim(j),
    release: (j) => store.release(j),
  };
}
