// zod schemas for who the credential is, its admin roles and what Okta logged, following
// ../shared/okta/management-users-roles-logs.openapi.yaml (User, StandardRole / CustomRole, Permissions, LogEvent).
// As in schemas.ts: loose objects (Okta adds fields), only what we read, lazily built. The spec makes nearly every
// field optional; the ones we rely on (a user's id and login, a role's type, an event's uuid, time and type) are
// required here, so an answer without them is a protocol error rather than a silent gap.
// Every text here is Okta's (names, logins, labels, what the System Log says): made safe where it enters, by the one
// sanitizer (oktaText.ts), as in schemas.ts. A user's id must have Okta's shape.
import * as z from 'zod/mini';
import { USER_ID } from './ids.ts';
import { sanitizeText } from './oktaText.ts';

/** Okta's text: one line, no control or bidi characters, at most `max` long. */
const text = (max: number) => z.string().check(z.overwrite((s) => sanitizeText(s, max)));
const NonEmpty = z.lazy(() =>
  z.string().check(
    z.minLength(1),
    z.overwrite((s) => sanitizeText(s, 300)),
  ),
);
const OptionalString = z.lazy(() => z.optional(text(300)));
const NullableString = z.lazy(() => z.optional(z.nullable(text(500))));

/** User (GET /api/v1/users/{id}). */
export const UserSchema = z.lazy(() =>
  z.looseObject({
    id: z.string().check(z.minLength(1, { abort: true }), z.regex(USER_ID)),
    status: OptionalString,
    profile: z.looseObject({
      // The spec's bound: a login is at most 100 characters.
      login: z.string().check(
        z.minLength(1),
        z.maxLength(100),
        z.overwrite((s) => sanitizeText(s, 100)),
      ),
      firstName: NullableString,
      lastName: NullableString,
      displayName: NullableString,
    }),
  }),
);

/**
 * StandardRole or CustomRole: the spec's oneOf, told apart by `type` (CUSTOM carries `role`, the custom role's id).
 * `type` stays a string: a role type newer than the spec must not make the whole list unreadable.
 */
const RoleAssignmentSchema = z.lazy(() =>
  z.looseObject({
    id: OptionalString,
    type: NonEmpty,
    label: OptionalString,
    status: z.optional(z.enum(['ACTIVE', 'INACTIVE'])),
    assignmentType: z.optional(z.enum(['CLIENT', 'GROUP', 'USER'])),
    role: OptionalString,
  }),
);
export const RoleAssignmentListSchema = z.lazy(() => z.array(RoleAssignmentSchema));

/** Permissions (GET /api/v1/iam/roles/{roleIdOrLabel}/permissions). */
export const PermissionsSchema = z.lazy(() =>
  z.looseObject({
    permissions: z.optional(z.array(z.looseObject({ label: OptionalString }))),
  }),
);

const LogActorSchema = z.lazy(() =>
  z.looseObject({
    id: OptionalString,
    type: OptionalString,
    alternateId: OptionalString,
    displayName: OptionalString,
  }),
);

const LogTargetSchema = z.lazy(() =>
  z.looseObject({
    id: OptionalString,
    type: OptionalString,
    alternateId: OptionalString,
    displayName: OptionalString,
  }),
);

/** LogEvent (GET /api/v1/logs), the parts an audit export shows and the watch for a forgotten flow reads. */
const LogEventSchema = z.lazy(() =>
  z.looseObject({
    uuid: NonEmpty,
    published: NonEmpty,
    eventType: NonEmpty,
    displayMessage: NullableString,
    severity: NullableString,
    actor: z.optional(LogActorSchema),
    target: z.optional(z.nullable(z.array(LogTargetSchema))),
    outcome: z.optional(z.nullable(z.looseObject({ result: NullableString, reason: NullableString }))),
    client: z.optional(
      z.nullable(
        z.looseObject({
          id: NullableString,
          ipAddress: NullableString,
          userAgent: z.optional(z.nullable(z.looseObject({ rawUserAgent: NullableString }))),
        }),
      ),
    ),
    transaction: z.optional(z.nullable(z.looseObject({ id: NullableString }))),
    // Free-form per event type (the spec: not a data contract). Its values are read only where a caller checks their
    // shape (a secret's hash, an id), never shown as they are.
    debugContext: z.optional(
      z.nullable(z.looseObject({ debugData: z.optional(z.nullable(z.record(z.string(), z.unknown()))) })),
    ),
  }),
);
export const LogEventListSchema = z.lazy(() => z.array(LogEventSchema));
export type LogEventBody = z.infer<typeof LogEventSchema>;
