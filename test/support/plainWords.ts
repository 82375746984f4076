// Words a person must never read on the checklist: the engine's field names, step ids and state words, raw values
// and times. Shared by the e2e suite (the page's visible text) and the Node tests of the view it is built from.

const INTERNAL = [
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, // an ISO timestamp
  /\b(true|false|null|undefined|NaN)\b/,
  /\b(inProgress|rolledBack|pending|running|skipped)\b/,
  /\b(preflight|recordInUse|createSecret|newConnection|moveFlows|verifyNewSecret|identifyOld|deactivateOld|watchOld|deleteOld|deleteOldConnection|reauthorize)\b/,
  /\b(appId|clientId|secretIds?|inUseSecretId|inUseMasked|waitingFor|retireSecretId|candidateIds|candidatesMasked|newSecretId|matchesRecordedInUse|confirmedBy|valueWiped)\b/,
  /\b(active|inactive|masked|created|recovered|outcome|reason|retired|deactivated|deleted|confirmed|overridden):/,
  /\bocs[A-Za-z0-9]{10,}/, // a secret id (the page shows secrets masked)
];

/**
 * The internal words in `text`, after the values a person does read are set aside: the org's host, the app's
 * client id, masked secrets and Okta's error ids (camelCase by nature). Any other camelCase word is internal.
 */
export function internalWords(text: string, values: { host: string; clientId: string }): string[] {
  const plain = text
    .split(values.host)
    .join(' ')
    .split(values.clientId)
    .join(' ')
    .replace(/••••\S{0,4}/g, ' ')
    .replace(/Okta error id: \S+/g, ' ');
  const found: string[] = [];
  for (const re of [...INTERNAL, /\b[a-z]+[A-Z][A-Za-z]*\b/]) {
    const m = new RegExp(re.source, 'g');
    for (const hit of plain.matchAll(m)) found.push(hit[0]);
  }
  return found;
}
