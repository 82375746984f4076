// What a step says when it refuses to act or fails: one function per message, each given the rotation's lead
// (`where`, from rotationWhere: it names the app and the org) and the ids and counts it needs, never a secret value.
// Each sentence says what was found, what was (not) done, and what the person does next. Pure, tested in Node.

// Check the org: the credential, the app, the secrets, the pasted value, a retirement.

/** Why Okta could not be asked, in words, by the Okta error's kind (or the error's name). */
const NOT_ASKED: Readonly<Record<string, string>> = {
  invalidToken: 'Okta refused the credential',
  forbidden: 'Okta refused the question',
  notFound: 'Okta did not find the question',
  rateLimited: 'Okta is rate limiting the extension',
  serverError: 'Okta had a server error',
  protocol: 'Okta answered in an unexpected form',
  network: 'Okta could not be reached',
  timeout: 'Okta did not answer in time',
};

/** The capability's reason when asking Okta failed: that says nothing about the credential. */
export function capabilityNotAsked(cause: string): string {
  return `The extension could not ask Okta what the credential may do (${NOT_ASKED[cause] ?? 'an unexpected error'}).`;
}

/** The credential cannot create a secret: Okta's reasons and advice, as the capability check worded them. */
export function credentialReadOnly(where: string, reasons: readonly string[], advice: string | undefined): string {
  return `${where}: Okta will refuse to create the new secret with this credential, so nothing is created. ${reasons.join(' ')} ${advice ?? ''}`.trim();
}

export function otherAppAnswered(where: string, appId: string): string {
  return `${where}: Okta answered with app ${appId} instead. Start the rotation again from the org.`;
}

export function secretCountUnfit(where: string, active: number, inactive: number): string {
  return `${where} has ${active} active and ${inactive} inactive client secrets; a rotation needs one or two, with one active. Check the app in the Admin Console.`;
}

export function identifiedInUseInactive(where: string, secretId: string): string {
  return `${where}: the secret identified as in use (${secretId}) is no longer active. Check the Workflows connection and the app in the Admin Console.`;
}

export function secretsListedWithoutValues(where: string): string {
  return `${where}: Okta listed the secrets without their values or their hashes, so the pasted value cannot be compared. Identify the secret in the Admin Console instead.`;
}

export function pastedValueMatchesNone(where: string, activeCount: number): string {
  return `${where}: the pasted value matches none of the ${activeCount} active secrets. Copy the client secret from the Okta connection the flows use and paste it exactly.`;
}

export function notOfferedForRetirement(where: string, secretId: string): string {
  return `${where}: secret ${secretId} is not the one offered for retirement; the secret in use is never retired.`;
}

export function inUseInactiveSoNotRetired(where: string, secretId: string): string {
  return `${where}: the secret in use is not active, so ${secretId} is not retired.`;
}

// Record the secret in use, create the new one.

export function inUseNotIdentified(where: string): string {
  return `${where}: checking the org did not identify the secret in use. Check the org again.`;
}

export function inUseInactiveBeforeCreate(where: string, secretId: string | undefined): string {
  return `${where}: the secret in use${secretId ? ` (${secretId})` : ''} is no longer active. Nothing was created. Check the app in the Admin Console.`;
}

export function alreadyTwoSecrets(where: string, secretIds: readonly string[]): string {
  return `${where} already has two secrets (${secretIds.join(', ')}), perhaps created by someone else. Nothing was created. Delete the one not in use, then run this step again.`;
}

export function severalNewSecrets(where: string, secretIds: readonly string[]): string {
  return `${where}: several new secrets appeared (${secretIds.join(', ')}); someone else is changing this app. Check it in the Admin Console.`;
}

export function createdValueLost(where: string, secretId: string): string {
  return `${where}: secret ${secretId} was created but its value could not be recovered. Delete ${secretId} in the Admin Console (the app's Client secrets), then run this step again.`;
}

// Verify the new secret.

export function newValueNotStored(where: string): string {
  return `${where}: the new secret's value is no longer in secure storage, so it cannot be verified. Check the new connection in the Workflows console, then override.`;
}

/** The token endpoint refused the new secret; `reason` is Okta's answer, redacted by the caller. */
export function newSecretRefused(where: string, secretId: string | undefined, reason: string): string {
  return `${where}: the new secret${named(secretId)} was refused by the token endpoint (${reason}). Do not retire the old secret; check the secret in the Admin Console, then verify again.`;
}

/** The token endpoint could not be asked; `reason` is what failed, redacted by the caller. */
export function newSecretUnchecked(where: string, secretId: string | undefined, reason: string): string {
  return `${where}: the new secret${named(secretId)} could not be checked (${reason}). Verify again in a moment.`;
}

// The old secrets: deactivate, watch, delete.

/** Why the deactivation is refused before the new secret verified (the engine leads it with `where`). */
export function unverifiedNewSecretRefusal(): string {
  return 'the new secret has not verified as valid; verify it, or override explicitly.';
}

export function newSecretNotActive(where: string, secretId: string | undefined, listed: boolean): string {
  return `${where}: the new secret${named(secretId)} is ${listed ? 'inactive' : 'missing'} in Okta, so no old secret is touched. Activate it in the Admin Console, or roll back.`;
}

export function refusingToDeactivateNew(where: string, secretId: string): string {
  return `${where}: refusing to deactivate ${secretId}: it is the new secret.`;
}

export function refusingToDeleteNew(where: string, secretId: string): string {
  return `${where}: refusing to delete ${secretId}: it is the new secret.`;
}

export function oldSecretActiveAgain(where: string, secretIds: readonly string[]): string {
  return `${where}: the old secret ${secretIds.join(', ')} is active again in Okta (changed outside this checklist). While it is active, no failed sign-in can show a flow still using it. Deactivate it again in the Admin Console and look again (the watch starts over), or roll back.`;
}

function named(secretId: string | undefined): string {
  return secretId ? ` ${secretId}` : '';
}
