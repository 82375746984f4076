// What became of each row of an import, said the same way for every row: the org's name first (the label from the
// source, or else its host), then where the row is and the host ("Acme Prod (row 4, acme.okta.com): not imported:
// the org refused the API token …"). A label that looks like a credential (a cell pasted in the wrong column) is
// never quoted.

export interface ImportOutcome {
  /** Where the row is in its source: "row 4", "entry 2", "~/.okta/okta.yaml". */
  where: string;
  /** The label the source gives the org (or the person typed), when there is one. */
  label?: string | undefined;
  /** The org's host, once its domain parsed. */
  host?: string | undefined;
  imported: boolean;
  /** What happened, in words: "imported; …", "not imported: …". */
  text: string;
}

/** One word of 20 or more token characters, or a PEM: what an API token or a key looks like, never a label. */
const CREDENTIAL_LIKE = /^[A-Za-z0-9_\-.~+/=]{20,}$|-----BEGIN/;

/** "Acme Prod (row 4, acme.okta.com)", "acme.okta.com (~/.okta/okta.yaml)", "Broken (row 7)", "entry 4". */
export function rowName(o: Pick<ImportOutcome, 'where' | 'label' | 'host'>): string {
  const label = o.label?.trim();
  const name = label && !CREDENTIAL_LIKE.test(label) ? label : undefined;
  if (name) return `${name} (${o.host ? `${o.where}, ${o.host}` : o.where})`;
  return o.host ? `${o.host} (${o.where})` : o.where;
}

/** The row and what became of it, on one line (the log's). */
export function outcomeLine(o: ImportOutcome): string {
  return `${rowName(o)}: ${o.text}`;
}

/**
 * The org's own error message without the host it starts with (the row already names it once): "acme.okta.com
 * refused the API token …" becomes "the org refused the API token …".
 */
export function withoutLeadingHost(message: string, host: string): string {
  return message.startsWith(`${host} `) ? `the org ${message.slice(host.length + 1)}` : message;
}
