// What a progress notification says while the Okta client waits: a 429's wait for the rate-limit reset (up to
// the setting oktaWorkflows.maxRateLimitWaitSeconds), a retry's short backoff, or an answer that is slow to come
// (up to the request timeout). Pure, tested in Node.
import type { WaitReason } from '../../okta/http/listeners.ts';

export function waitMessage(reason: WaitReason, ms: number, orgLabel?: string): string | undefined {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const prefix = orgLabel ? `${orgLabel}: ` : '';
  if (reason === 'rateLimit') return `${prefix}Okta rate limit reached: waiting ${seconds} s (Cancel to stop)`;
  // An answer wait of 0 is its end: an empty message clears the notification's line.
  if (reason === 'answer')
    return ms <= 0 ? '' : `${prefix}Waiting for Okta's answer: up to ${seconds} s more (Cancel to stop)`;
  // Backoffs under a second pass unnoticed; longer ones are said, so a pause never looks like a hang.
  return ms >= 1000 ? `${prefix}No answer from Okta: trying again in ${seconds} s` : undefined;
}
