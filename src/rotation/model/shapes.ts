// The shapes every store checks: a rotation's id (also a campaign's), and a secret shown masked. One definition,
// so the journal, the history, the remembered orgs and the pages' state refuse the same things.
// Built on first use (z.lazy), not when the extension activates.
import * as z from 'zod/mini';
import { MASKED_SECRET } from '../../redact.ts';

/** A rotation's (or a campaign's) id: a UUID as we make them, or any short word of [A-Za-z0-9_-]. */
export const ROTATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const RotationIdSchema = z.lazy(() => z.string().check(z.regex(ROTATION_ID, 'not a rotation id')));

/** '••••' and at most the last four characters of a secret (maskSecret's output). */
export const MaskedSecretSchema = z.lazy(() =>
  z.string().check(z.regex(MASKED_SECRET, 'a masked secret shows at most four characters')),
);
