// What a person types or pastes to name an Okta org: a domain, a URL, or an Admin Console URL of the app.
// Strict on purpose: the API token is sent to whatever host this returns, so a look-alike host, a userinfo trick
// or plain http to a remote host must never get through.
import { OktaError } from './errors.ts';
import { isAppId } from './ids.ts';
import { checkOrgOrigin, isLoopbackHost } from './orgOrigin.ts';

export interface OrgAddress {
  /** 'acme.okta.com', or '127.0.0.1:1234' for the simulator. */
  host: string;
  /** 'https://acme.okta.com' (no trailing slash). */
  baseUrl: string;
  /** The app id, when the input was an Admin Console URL of an app. */
  appId?: string;
  isLoopback: boolean;
  /** true for oktapreview.com, false for Okta's other domains, absent for custom domains and loopback. */
  isPreview?: boolean;
}

export interface ParseOrgInputOptions {
  /** Accept a domain outside Okta's own (an org's custom URL domain). Default false. */
  allowCustomDomain?: boolean;
  /** Accept 127.0.0.1, localhost and [::1] over http (the simulator). Default true. */
  allowLoopback?: boolean;
}

/** Okta's own org domains (AWS's Okta rotation accepts the same list). */
const OKTA_DOMAINS: readonly string[] = ['okta.com', 'oktapreview.com', 'okta-emea.com', 'okta-gov.com', 'okta.mil'];

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// /admin/app/<app name>/instance/<app id>/ as in the Admin Console; anything after the id is not accepted.
const ADMIN_APP_PATH = /^\/admin\/app\/[A-Za-z0-9_]+\/instance\/([^/]+)\/?$/;
const OPERATION = 'Reading the org address';
const EXAMPLE = 'Enter the org domain, like acme.okta.com, or paste the Admin Console URL of the app.';

function refuse(detail: string, advice = EXAMPLE): never {
  throw new OktaError({ kind: 'input', operation: OPERATION, detail, advice });
}

/** `address`, held to the rule the client applies to a base URL: an address this returns is one the client takes. */
function accepted(address: OrgAddress): OrgAddress {
  checkOrgOrigin(address.baseUrl, OPERATION);
  return address;
}

/** Part of what was typed, quoted in a message: at most SHOWN_MAX characters (a paste can be anything, and long). */
const SHOWN_MAX = 80;
function shown(text: string): string {
  return text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX - 1)}…` : text;
}

/** A port as URLs write it: 0 to 65535 in decimal (0 is refused later, as any port other than https's). */
function isPort(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) <= 65535;
}

/** "acme.okta.com:-1", "localhost:http", "https://acme.okta.com:99999/": a host with something after ":" that is
 * not a port. Told apart from a scheme ("javascript:…") by the dot (or "localhost") before the colon. */
function badPort(text: string): string | undefined {
  const authority = /^(?:https?:\/\/)?([^/?#]*)/i.exec(text)?.[1] ?? '';
  // A "@" makes it userinfo ("host:port@other"), refused later as a user name.
  const m = /^([A-Za-z0-9.-]+):([^:@]*)$/.exec(authority);
  if (!m || !(m[1]!.includes('.') || m[1]!.toLowerCase() === 'localhost')) return undefined;
  return isPort(m[2]!) ? undefined : m[2]!;
}

export function parseOrgInput(input: string, opts: ParseOrgInputOptions = {}): OrgAddress {
  const allowLoopback = opts.allowLoopback ?? true;
  if (typeof input !== 'string') refuse('nothing was entered');
  const text = input.trim();
  if (text.length === 0) refuse('nothing was entered');
  if (text.length > 2048) refuse('the text is too long to be an org address');
  if (/\s/.test(text)) refuse('the address contains spaces');
  // Control characters, backslashes (read as "/" by URL parsers) and non-ASCII (IDN look-alikes) are never part
  // of an org address we accept.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(text)) refuse('the address contains characters an org address never has');
  if (/[^\u0020-\u007e]/.test(text)) refuse('the address contains non-ASCII characters (a look-alike domain?)');

  const port = badPort(text);
  if (port !== undefined) {
    refuse(
      port === ''
        ? 'a ":" follows the domain without a port'
        : `"${shown(port)}" after the domain is not a port number (0 to 65535)`,
      'Enter the domain without a port, like acme.okta.com.',
    );
  }

  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  let withScheme: string;
  if (schemeMatch && text.slice(schemeMatch[0].length).startsWith('//')) {
    const scheme = schemeMatch[1]!.toLowerCase();
    if (scheme !== 'https' && scheme !== 'http') refuse(`the scheme "${shown(scheme)}:" is not https`);
    withScheme = text;
  } else if (schemeMatch && !/^[A-Za-z0-9.-]+:\d+(?:[/?#]|$)/.test(text) && !text.startsWith('[')) {
    // "javascript:…", "mailto:…", "https:acme.okta.com": a scheme without "//" that is not host:port.
    refuse(`the scheme "${shown(schemeMatch[1]!.toLowerCase())}:" is not https`);
  } else {
    withScheme = `https://${text}`;
  }

  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return refuse('it is not a domain or URL');
  }
  if (url.username !== '' || url.password !== '' || /^[a-z]+:\/\/[^/?#]*@/i.test(withScheme)) {
    refuse('the address contains a user name ("…@"), which an org address never has');
  }
  if (url.search !== '' || withScheme.includes('?'))
    refuse('the address contains a query ("?…"), which an org address never has');

  let appId: string | undefined;
  const path = url.pathname;
  if (path !== '/' && path !== '') {
    const m = ADMIN_APP_PATH.exec(path);
    if (!m)
      refuse(
        'the path is not an Admin Console app page',
        "Paste the domain alone, or the URL of the app's page in the Admin Console (…/admin/app/…/instance/0oa…/).",
      );
    if (!isAppId(m[1]!)) refuse('the app id in the URL is not an Okta app id ("0oa" and 17 letters or digits)');
    appId = m[1]!;
  }

  const hostname = url.hostname.toLowerCase();
  const isLoopback = isLoopbackHost(hostname);
  const explicitHttp = url.protocol === 'http:';

  if (isLoopback) {
    if (!allowLoopback) refuse('local addresses are not accepted here');
    // A bare "localhost:1234" means the simulator, which speaks http.
    const scheme = schemeMatch && text.slice(schemeMatch[0].length).startsWith('//') ? url.protocol : 'http:';
    const host = url.port ? `${hostname}:${url.port}` : hostname;
    const local: OrgAddress = { host, baseUrl: `${scheme}//${host}`, isLoopback: true };
    if (appId !== undefined) local.appId = appId;
    return accepted(local);
  }

  if (explicitHttp)
    refuse('http is not accepted: Okta orgs are reached over https', 'Use https://, or just the domain.');
  if (url.port !== '') refuse(`the port ${url.port} is not Okta's: org addresses use the default https port`);
  if (hostname.endsWith('.')) refuse('the domain ends with a dot');
  if (/^[0-9.]+$/.test(hostname) || hostname.startsWith('[')) refuse('an IP address is not an org domain');
  const labels = hostname.split('.');
  if (labels.some((l) => !LABEL.test(l))) refuse('it is not a valid domain name');
  if (labels.some((l) => l.startsWith('xn--')))
    refuse('internationalized (punycode) domains are not accepted: they can imitate okta.com');

  if (OKTA_DOMAINS.includes(hostname)) refuse(`"${shown(hostname)}" has no org name in front`);
  const oktaDomain = OKTA_DOMAINS.find((d) => hostname.endsWith(`.${d}`));
  let host: string;
  let isPreview: boolean | undefined;
  if (oktaDomain) {
    const sub = hostname.slice(0, -(oktaDomain.length + 1)).split('.');
    // acme.okta.com, acme-admin.okta.com (Admin Console) and acme.workflows.okta.com (Workflows console).
    let org: string;
    if (sub.length === 1) org = sub[0]!;
    else if (sub.length === 2 && sub[1] === 'workflows') org = sub[0]!;
    else return refuse(`"${shown(hostname)}" is not an org domain of ${oktaDomain}`);
    if (org.endsWith('-admin')) org = org.slice(0, -'-admin'.length);
    if (org.length === 0 || !LABEL.test(org)) refuse(`"${shown(hostname)}" is not an org domain of ${oktaDomain}`);
    host = `${org}.${oktaDomain}`;
    isPreview = oktaDomain === 'oktapreview.com';
  } else {
    if (!opts.allowCustomDomain) {
      refuse(
        `"${shown(hostname)}" is not an Okta domain (${OKTA_DOMAINS.join(', ')})`,
        "Enter the org's Okta domain, like acme.okta.com. A custom domain is accepted only where custom domains are allowed.",
      );
    }
    if (labels.length < 2) refuse(`"${shown(hostname)}" is not a full domain name`);
    // "acme.okta.com.evil.com" is somebody else's domain dressed as Okta's: refused even as a custom domain.
    if (OKTA_DOMAINS.some((d) => hostname.startsWith(`${d}.`) || hostname.includes(`.${d}.`))) {
      refuse(`"${shown(hostname)}" imitates an Okta domain but belongs to another`);
    }
    host = hostname;
  }
  const out: OrgAddress = { host, baseUrl: `https://${host}`, isLoopback: false };
  if (appId !== undefined) out.appId = appId;
  if (isPreview !== undefined) out.isPreview = isPreview;
  return accepted(out);
}
