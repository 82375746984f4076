// A connection that failed before any request went out, in words a person can act on: the proxy asking for
// credentials, unreachable, or refusing the tunnel; a certificate that is untrusted, expired or for another host.
// Names the proxy by host:port only: its credentials never reach a message.

/** What refused the connection, for whoever must say it in fewer words than `detail` (a tree item's label). */
export type ConnectionFailureReason =
  | 'certificate' //        untrusted, expired, or for another host
  | 'proxyCredentials' //   407: the proxy asks for credentials, or refused the ones sent
  | 'proxyUnreachable' //   the proxy itself cannot be reached
  | 'proxyRefused'; //      the proxy answered CONNECT with another refusal

export interface ConnectionFailure {
  reason: ConnectionFailureReason;
  detail: string;
  advice: string;
}

export interface FailureContext {
  /** The org's host, 'acme.okta.com'. */
  org: string;
  /** The proxy's host:port when the request went through one. */
  proxyHost?: string | undefined;
  /** Whether credentials were sent to the proxy. */
  proxyCredentials?: boolean | undefined;
}

const UNTRUSTED = new Set([
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const WRONG_HOST = 'ERR_TLS_CERT_ALTNAME_INVALID';
const PROXY_UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ENOTFOUND: 'does not resolve',
  EAI_AGAIN: 'could not be resolved (DNS)',
  EHOSTUNREACH: 'is unreachable',
  ENETUNREACH: 'is on an unreachable network',
  UND_ERR_CONNECT_TIMEOUT: 'took too long to connect',
};

const TRUST_ADVICE =
  "If your company inspects TLS, its root certificate must be trusted: install it in the operating system's trust store (used while VS Code's http.systemCertificates is on, the default) or name its PEM file in NODE_EXTRA_CA_CERTS, then restart VS Code. Turn off http.proxyStrictSSL only to diagnose: it accepts any certificate.";

/** Every error code along the cause chain, outermost first (undici wraps TLS errors of a tunnel). */
export function errorCodes(e: unknown): string[] {
  const codes: string[] = [];
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 6; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    cur = (cur as { cause?: unknown }).cause;
  }
  return codes;
}

/** The proxy's answer to CONNECT when it was not 200, as undici reports it. */
function tunnelStatus(e: unknown): number | undefined {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 6; depth++) {
    const m = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/.exec(cur.message);
    if (m) return Number(m[1]);
    cur = cur.cause;
  }
  return undefined;
}

/** The failure in words when `e` is one of the failures above; undefined for any other error. */
export function describeConnectionFailure(e: unknown, ctx: FailureContext): ConnectionFailure | undefined {
  const codes = errorCodes(e);
  const certificate = certificateFailure(codes, ctx);
  if (certificate) return certificate;
  if (!ctx.proxyHost) return undefined;
  const status = tunnelStatus(e);
  if (status !== undefined) return tunnelRefusal(status, { ...ctx, proxyHost: ctx.proxyHost });
  const unreachable = codes.map((c) => PROXY_UNREACHABLE[c]).find((w) => w !== undefined);
  if (unreachable) {
    return {
      reason: 'proxyUnreachable',
      detail: `the proxy ${ctx.proxyHost} ${unreachable}`,
      advice:
        'Check the proxy in VS Code\'s http.proxy (or HTTPS_PROXY when that is empty) and that it is running; if this network needs no proxy, clear it or set http.proxySupport to "off".',
    };
  }
  return undefined;
}

function certificateFailure(codes: readonly string[], ctx: FailureContext): ConnectionFailure | undefined {
  const via = ctx.proxyHost ? ` (through the proxy ${ctx.proxyHost}, which may inspect TLS)` : '';
  if (codes.some((c) => UNTRUSTED.has(c))) {
    return {
      reason: 'certificate',
      detail: `the certificate presented for ${ctx.org}${via} is not trusted: its issuer is in no trust store of this computer`,
      advice: TRUST_ADVICE,
    };
  }
  if (codes.some((c) => EXPIRED.has(c))) {
    const notYet = codes.includes('CERT_NOT_YET_VALID');
    return {
      reason: 'certificate',
      detail: `the certificate presented for ${ctx.org}${via} ${notYet ? 'is not valid yet' : 'has expired'}`,
      advice:
        "Check this computer's date and time. If they are right, whoever presents that certificate (the proxy that inspects TLS, or the server) must renew it: tell your IT team.",
    };
  }
  if (codes.includes(WRONG_HOST)) {
    return {
      reason: 'certificate',
      detail: `the certificate presented for ${ctx.org}${via} is for another host name`,
      advice:
        'Check the org domain. If it is right, something between this computer and Okta (a proxy, a captive portal) answers in its place: tell your IT team.',
    };
  }
  return undefined;
}

function tunnelRefusal(status: number, ctx: FailureContext & { proxyHost: string }): ConnectionFailure {
  if (status === 407) {
    return {
      reason: 'proxyCredentials',
      detail: ctx.proxyCredentials
        ? `the proxy ${ctx.proxyHost} refused the proxy credentials (407 Proxy Authentication Required)`
        : `the proxy ${ctx.proxyHost} asks for credentials (407 Proxy Authentication Required)`,
      advice:
        "Give the proxy's user name and password in VS Code's http.proxy (the user name and password before the proxy's host, followed by @) or its Proxy-Authorization value in http.proxyAuthorization; your IT team knows which. The extension never logs them.",
    };
  }
  if (status >= 500) {
    return {
      reason: 'proxyRefused',
      detail: `the proxy ${ctx.proxyHost} could not reach ${ctx.org} (${status})`,
      advice: 'Check the org domain. If it is right, the proxy cannot reach Okta: tell your IT team.',
    };
  }
  return {
    reason: 'proxyRefused',
    detail: `the proxy ${ctx.proxyHost} refused to open a connection to ${ctx.org} (CONNECT answered ${status})`,
    advice: `Ask your IT team to allow HTTPS to ${ctx.org} through the proxy, or, if the org can be reached without it, add it to VS Code's http.noProxy.`,
  };
}
