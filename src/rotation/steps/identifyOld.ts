// Step 7: list every active secret but the new one; the person confirms them as the old secrets to deactivate
// and delete (none confirmed: both later steps are skipped).
import type { ApiStepModule } from './context.ts';
import { requireNewSecretActive, secretRef } from './secrets.ts';
import { listWords, plural, secretInList, utcTime } from '../words.ts';

export const identifyOld: ApiStepModule<'identifyOld'> = {
  id: 'identifyOld',
  label: 'Identify the old secret',
  description: 'Lists every active secret except the new one: these will be deactivated and deleted. Confirm the list.',
  kind: 'api',
  story({ journal, record, now }) {
    const candidates = journal.identify?.candidates ?? [];
    const phrases = candidates.map((c) => secretInList(c, now));
    const listed = journal.identify
      ? [
          { label: 'Listed', value: utcTime(journal.identify.listedAt, now) },
          ...phrases.map((value) => ({ label: 'Old secret', value })),
        ]
      : [];
    if (record.state === 'done') {
      return {
        summary:
          candidates.length === 0
            ? 'No active secret besides the new one: nothing to deactivate or delete.'
            : `You confirmed ${listWords(phrases)} as the old ${candidates.length === 1 ? 'secret' : 'secrets'}.`,
        todo: [],
        details: listed,
      };
    }
    if (!journal.identify || record.state !== 'pending') {
      return {
        summary: 'Lists the active secrets other than the new one: the old ones, to retire.',
        todo: ['List the active secrets in Okta to find the old one. Nothing changes in Okta.'],
        details: [],
      };
    }
    const inUse = journal.inUse;
    const matches = candidates.length === 1 && candidates[0]?.id === inUse?.id;
    const todo =
      candidates.length === 0
        ? ['Okta lists no active secret besides the new one. Confirm, and the deactivate and delete steps are skipped.']
        : [
            `Besides the new secret, Okta lists ${plural(candidates.length, 'active secret')}: ${listWords(phrases)}${matches ? ', the one recorded as in use' : ''}.`,
            matches
              ? `Confirm ${candidates.length === 1 ? 'it is' : 'they are'} the old secret: deactivated next, then deleted.`
              : `Careful: this is not only the secret recorded as in use (${inUse ? secretInList(inUse, now) : 'unknown'}). Confirm only if every listed secret is old: they are deactivated next, then deleted.`,
          ];
    return { summary: `Okta lists ${plural(candidates.length, 'old secret')}.`, todo, details: listed };
  },
  async run(ctx) {
    const secrets = await ctx.okta.listSecrets(ctx.journal.app.id, ctx.signal);
    const newId = requireNewSecretActive(ctx, secrets);
    const candidates = secrets.filter((s) => s.status === 'ACTIVE' && s.id !== newId).map(secretRef);
    await ctx.update((j) => {
      j.identify = { candidates, listedAt: ctx.now() };
    });
    const inUseId = ctx.journal.inUse?.id;
    return {
      state: 'pending',
      result: {
        candidateIds: candidates.map((c) => c.id),
        candidatesMasked: candidates.map((c) => c.masked),
        newSecretId: newId,
        matchesRecordedInUse: candidates.length === 1 && candidates[0]?.id === inUseId,
      },
    };
  },
  async confirm(ctx) {
    const newId = ctx.journal.newSecret?.id;
    const old = (ctx.journal.identify?.candidates ?? []).map((c) => c.id).filter((id) => id !== newId);
    await ctx.update((j) => {
      j.oldSecretIds = old;
      j.steps.identifyOld = {
        ...j.steps.identifyOld,
        state: 'done',
        endedAt: ctx.now(),
        result: { ...j.steps.identifyOld.result, confirmed: true },
      };
      if (old.length === 0) {
        for (const id of ['deactivateOld', 'deleteOld'] as const) {
          j.steps[id] = { state: 'skipped', endedAt: ctx.now(), result: { reason: 'no old active secret' } };
        }
      }
    });
  },
  offers: (journal, at) =>
    journal.identify && at.record.state === 'pending'
      ? [at.confirm('These are the old secrets'), at.run('List again')]
      : [at.run('List the active secrets')],
};
