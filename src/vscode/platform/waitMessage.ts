// What a progress notification says while the Okta client waits: a 429's wait for the rate-limit reset (up to
// the setting oktaWorkflows.maxRateLimitWaitSeconds), or a retry's short backoff. Pure, tested in Node.

export function waitMessage(reason: 'rateLimit' | 'retry', ms: number, orgLabel?: string): string | undefined {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const prefix = orgLabel ? `${orgLabel}: ` : '';
  if (reason === 'rateLimit') return `${prefix}Okta rate limit reached: waiting ${seconds} s (Cancel to stop)`;
  // Backoffs under a second pass unnoticed; longer ones are said, so a pause never looks like a hang.
  return ms >= 1000 ? `${prefix}No answer from Okta: trying again in ${seconds} s` : undefined;
}
