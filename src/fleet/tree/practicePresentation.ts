// How a practice org that cannot be loaded looks in the tree. The simulator lives in the extension host that
// started it: after a window reload (or once that window closed) nothing listens on the practice port any more, and
// "Cannot reach the org: retry" would send the person after a network problem that does not exist. Pure.
import { isOktaError } from '../../okta/errors.ts';
import { presentFailure, type FailureItem } from './failurePresentation.ts';

/** Failures that mean "this practice org's simulator is gone" (or its port now belongs to something else). */
const STOPPED_KINDS = new Set(['network', 'timeout', 'invalidToken', 'notFound', 'protocol', 'serverError']);

export function presentPracticeFailure(e: unknown): FailureItem {
  const stopped = isOktaError(e) ? STOPPED_KINDS.has(e.kind) : true;
  if (!stopped) return presentFailure(e);
  const why = e instanceof Error ? e.message : String(e);
  return {
    label: 'Practice orgs are stopped: Start Practice Orgs',
    tooltip:
      'Practice orgs run in the window that started them and stop with it (a reload stops them too). ' +
      'Start Practice Orgs starts new ones in this window; Stop Practice Orgs removes these entries.\n\n' +
      `What happened: ${why}`,
    action: 'startPracticeOrgs',
  };
}
