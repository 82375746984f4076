// A webview page's HTML (the checklist's, the campaign's): a strict CSP, one script by nonce, styles and fonts only
// from the extension's folders via the webview's own scheme. Pure except for the URIs it is given, so the CSP is tested in Node.
import { randomBytes } from 'node:crypto';

export interface PageUris {
  cspSource: string;
  script: string;
  style: string;
  codicons: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** `label` names the page's main region for a screen reader. */
export function webviewHtml(uris: PageUris, nonce: string, page: { title: string; label: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(uris.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(uris.codicons)}">
<link rel="stylesheet" href="${escapeAttr(uris.style)}">
<title>${escapeAttr(page.title)}</title>
</head>
<body>
<main id="root" aria-label="${escapeAttr(page.label)}"></main>
<div id="status" class="status" role="status" aria-live="polite"></div>
<script nonce="${escapeAttr(nonce)}" src="${escapeAttr(uris.script)}"></script>
</body>
</html>`;
}
