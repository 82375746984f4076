// Optional scopes of a service app: asked for with the required ones, dropped when Okta refuses them. Okta's
// invalid_scope refusal may name the scopes it refuses; its text only picks among ours, it is never kept or shown.

/** Which of the optional scopes still `asked` to stop asking for after a refusal described as `description`. */
export function refusedOptionalScopes(asked: readonly string[], description: string | undefined): string[] {
  // Scope names hold dots; a sentence's full stop after one does not belong to it.
  const words = new Set((description ?? '').split(/[^\w.:/-]+/).map((w) => w.replace(/\.+$/, '')));
  const named = asked.filter((s) => words.has(s));
  return named.length > 0 ? named : [...asked];
}
