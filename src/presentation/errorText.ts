// A rotation's error message as the checklist shows it: the page already names the rotation, so the engine's
// "Rotation of app 0oa… in acme.okta.com" lead goes; the org is named as the person named it; secret ids become
// their masked values; Okta's error ID is shown apart, with its Copy button. The full message stays in the log.
// Pure, tested in Node.
import type { RotationSnapshot } from '../rotation/model/snapshot.ts';
import type { OrgLabelOf } from './endings.ts';
import { rotationWhere } from './rotationErrors.ts';

export interface ErrorTextContext {
  host: string;
  appId: string;
  orgLabel: string;
  /** Secrets the rotation knows: their ids are replaced by their masked values. */
  secrets: ReadonlyArray<{ id: string; masked: string }>;
  /** Other orgs the message may name (a production org's preview org): each by its label too. */
  otherOrgs?: ReadonlyArray<{ host: string; label: string }>;
}

export function errorText(message: string, errorId: string | undefined, c: ErrorTextContext): string {
  const where = rotationWhere(c.appId, c.host);
  let text = message.trim();
  if (text.startsWith(`${where}: `)) text = capitalize(text.slice(where.length + 2));
  else if (text.startsWith(`${where} `)) text = `The app ${text.slice(where.length + 1)}`;
  if (errorId) text = text.replace(` ${oktaErrorIdPhrase(errorId)}.`, '').replace(oktaErrorIdPhrase(errorId), '');
  // The longest host first: one host may end another (x.okta.com in prex.okta.com).
  const orgs = [{ host: c.host, label: c.orgLabel }, ...(c.otherOrgs ?? [])].sort(
    (a, b) => b.host.length - a.host.length,
  );
  for (const o of orgs) text = replaceAll(text, o.host, o.label);
  text = replaceAll(text, `app ${c.appId}`, 'the app');
  for (const s of c.secrets) text = replaceAll(text, s.id, s.masked);
  return text.trim();
}

/** What a rotation's messages may name, from its snapshot: its org and app, every secret it knows, its preview org. */
export function rotationTextContext(
  snap: RotationSnapshot,
  orgLabel: string,
  labelOf: OrgLabelOf | undefined,
): ErrorTextContext {
  const { listed, old, inUse, new: created } = snap.secrets;
  const preview = snap.guards.previewSoak?.previewOrg;
  return {
    host: snap.org.host,
    appId: snap.app.id,
    orgLabel,
    secrets: [...listed, ...old, ...(inUse ? [inUse] : []), ...(created ? [created] : [])],
    otherOrgs: preview && labelOf ? [{ host: preview, label: labelOf(preview) }] : [],
  };
}

/** A failure as a notification says it: as errorText, with Okta's error ID (when the message has one) at its end. */
export function notificationText(message: string, c: ErrorTextContext): string {
  const errorId = /Okta error ID: (\S+?)\.?$/.exec(message)?.[1];
  const text = errorText(message, errorId, c);
  return errorId ? `${text} ${oktaErrorIdPhrase(errorId)}.` : text;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function replaceAll(text: string, find: string, by: string): string {
  return find === '' ? text : text.split(find).join(by);
}

/** "Okta error ID: oae…": how every message names the id Okta Support asks for. */
export function oktaErrorIdPhrase(errorId: string): string {
  return `Okta error ID: ${errorId}`;
}
