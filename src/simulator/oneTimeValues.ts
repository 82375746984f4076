// The values a service app accepts once or for a while only: assertion and proof ids (jti), which a replay
// reuses, and the DPoP nonces the server hands out.
import { randomBytes } from 'node:crypto';

const NONCE_LIFETIME_MS = 10 * 60_000;

/** A set of seen values that forgets each one once it could no longer be accepted anyway. */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  /** False when `id` was seen before; records it until `until` (epoch ms). */
  add(id: string, until: number, now: number): boolean {
    if (this.seen.size > 10_000) for (const [k, t] of this.seen) if (t < now) this.seen.delete(k);
    if (this.seen.has(id)) return false;
    this.seen.set(id, until);
    return true;
  }
}

/** DPoP nonces (RFC 9449 §8): each valid for ten minutes from its issue. */
export class NonceIssuer {
  private readonly issued = new Map<string, number>();
  issue(now: number): string {
    const nonce = randomBytes(24).toString('base64url');
    this.issued.set(nonce, now);
    return nonce;
  }
  valid(nonce: unknown, now: number): boolean {
    const at = typeof nonce === 'string' ? this.issued.get(nonce) : undefined;
    return at !== undefined && now - at < NONCE_LIFETIME_MS;
  }
}
