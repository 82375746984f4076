// The checklist's view, built from real engine snapshots (the engine against the simulator): at every moment of
// rotations through every path (one secret, two active, an inactive one to retire; preview and production; a
// failure, a rollback, an abandon), the page would show words for people only, one primary action in the current
// step, at most one banner; the stories name secrets masked with their age; times are UTC.
import assert from 'node:assert/strict';
import { maskSecret } from '../../../src/redact.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import { secretPhrase } from '../../../src/presentation/phrases.ts';
import { utcTime } from '../../../src/presentation/time.ts';
import { checklistView, type ViewContext } from '../../../src/presentation/checklist/view.ts';
import type { ChecklistView } from '../../../src/presentation/checklist/viewModel.ts';
import { errorText as personText } from '../../../src/presentation/errorText.ts';
import { internalWords } from '../../support/plainWords.ts';
import { drive, pickAction, startWorld, TestClock, type World } from '../rotation/world.ts';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import { MemoryJournalStore } from '../../../src/rotation/stores.ts';
import { riskyConfirmation } from '../../../src/presentation/confirmations.ts';

/** Every text the page would show of a view (what a person reads), one string. */
function shownText(v: ChecklistView): string {
  const actions = (a: { label: string; ariaLabel?: string }): string[] => [a.label, a.ariaLabel ?? ''];
  return [
    v.heading,
    v.context,
    v.progress,
    ...(v.notice ? [v.notice.title, ...v.notice.lines, ...(v.notice.action ? actions(v.notice.action) : [])] : []),
    ...v.steps.flatMap((s) => [
      s.title,
      s.who,
      s.statusText,
      s.summary,
      ...s.todo,
      ...s.details.flatMap((d) => [d.label, d.value]),
      s.error?.text ?? '',
      ...s.fields.flatMap((f) => [f.label, f.value, ...actions(f.copy)]),
      ...s.actions.flatMap(actions),
    ]),
    ...(v.busy ? [v.busy.text, v.busy.wait?.text ?? '', ...(v.busy.cancel ? actions(v.busy.cancel) : [])] : []),
    ...(v.more ? [v.more.text, ...v.more.actions.flatMap(actions)] : []),
  ].join('\n');
}

/** The view's rules for people, at one snapshot. */
function checkView(snap: RotationSnapshot, world: World, c: Partial<ViewContext> = {}): ChecklistView {
  const v = checklistView(snap, { orgLabel: 'Acme', now: new Date(snap.updatedAt), ...c });
  const text = shownText(v);
  const host = new URL(world.org.info.baseUrl).host;
  assert.deepEqual(internalWords(text, { host, clientId: world.org.info.clientId }), [], text);
  for (const s of world.org.secrets()) assert.ok(!text.includes(s.clientSecret), 'never a secret value');
  const current = v.steps.filter((s) => s.status === 'current' || s.status === 'running');
  assert.ok(current.length <= 1, 'one current step');
  for (const s of v.steps) {
    const primaries = s.actions.filter((a) => a.style === 'primary');
    assert.ok(primaries.length <= 1, `${s.title}: one primary action at most (${JSON.stringify(s.actions)})`);
    if (primaries.length === 1) assert.equal(s.actions[0]?.style, 'primary', `${s.title}: the primary action first`);
    if (['done', 'skipped', 'upcoming'].includes(s.status)) assert.deepEqual(s.actions, [], `${s.title}: no actions`);
  }
  const keys = v.steps.flatMap((s) => s.actions.map((a) => `${s.key}/${a.key}`));
  assert.equal(new Set(keys).size, keys.length, 'action keys are unique in their step (focus follows them)');
  return v;
}

describe('checklist view: words for people at every moment of a rotation', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  /** Drives like the person, checking the view before every action and at the end; returns the views seen. */
  async function driveChecking(
    w: World,
    engine: Awaited<ReturnType<World['start']>>,
    paste?: string,
  ): Promise<ChecklistView[]> {
    const views: ChecklistView[] = [];
    for (let i = 0; i < 60; i++) {
      const snap = engine.snapshot();
      views.push(checkView(snap, w));
      if (snap.outcome !== 'inProgress') break;
      const action = pickAction(snap.nextActions, {
        acknowledge: true,
        mode: 'newConnection',
        ...(paste ? { paste } : {}),
      });
      assert.ok(action, 'the person always has something to do');
      // The view while the action runs: its controls stay, disabled, and Cancel is offered.
      const busy = checkView(snap, w, {
        performing: { label: 'Working on it', cancellable: true, offered: snap.nextActions },
      });
      for (const s of busy.steps) for (const a of s.actions) assert.equal(a.disabled, true);
      assert.equal(busy.busy?.cancel?.label, 'Cancel');
      assert.ok((await engine.perform(action)).ok);
    }
    return views;
  }

  it('one secret, preview: from "Step 1 of 12" to "Completed", each done step saying what happened', async () => {
    world = await startWorld();
    const [old] = world.org.secrets();
    const engine = await world.start();
    const views = await driveChecking(world, engine);
    assert.equal(views[0]?.progress, 'Step 1 of 12 · Check the org');
    assert.equal(views[0]?.notice, undefined, 'no banner in a preview org');
    const end = views.at(-1)!;
    assert.match(end.progress, /^Completed · (\d{1,2} \w{3} \d{4}, )?\d{2}:\d{2} UTC$/);
    assert.equal(end.notice?.title, 'Rotation completed');
    assert.match(
      end.notice?.lines[0] ?? '',
      new RegExp(`the old secret ${escape(maskSecret(old!.clientSecret))} \\(created .+\\) was deleted`),
    );
    const recorded = end.steps.find((s) => s.key === 'recordInUse')!;
    assert.match(
      recorded.summary,
      new RegExp(
        `^Recorded ${escape(maskSecret(old!.clientSecret))} \\(created .+\\) as the secret your Workflows connection uses`,
      ),
    );
    assert.match(recorded.statusText, /^Done at (\d{1,2} \w{3} \d{4}, )?\d{2}:\d{2} UTC$/);
    assert.ok(
      end.steps.every((s) => s.status === 'done'),
      JSON.stringify(end.steps.map((s) => s.status)),
    );
  });

  it('two active secrets, production: one banner with the preview-first action; the step asks which secret is in use, in words', async () => {
    world = await startWorld({ environment: 'production', secrets: [{ status: 'ACTIVE' }, { status: 'ACTIVE' }] });
    const [first, second] = world.org.secrets();
    const engine = await world.start();
    const start = checkView(engine.snapshot(), world);
    assert.equal(start.notice?.title, 'Production org: every change here affects live flows.');
    assert.match(start.notice?.lines.join(' ') ?? '', /No preview org completed a rotation in the last 30 days/);
    assert.equal(start.notice?.action?.label, 'Rotate production anyway…');
    assert.deepEqual(start.steps[0]?.actions, [], 'no step action before the acknowledgement');
    assert.ok((await engine.perform({ type: 'acknowledge', guard: 'productionWithoutPreview' })).ok);
    assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
    const asking = checkView(engine.snapshot(), world);
    const step1 = asking.steps[0]!;
    assert.equal(step1.status, 'current', 'waiting for the person is not done');
    assert.match(
      step1.todo[0] ?? '',
      new RegExp(
        `^Okta lists two active secrets, ${escape(maskSecret(first!.clientSecret))} \\(created .+\\) and ${escape(maskSecret(second!.clientSecret))} \\(created .+\\)\\.$`,
      ),
    );
    assert.deepEqual(
      step1.actions.map((a) => [a.label, a.style]),
      [
        ['Identify the secret in use…', 'primary'],
        ['Check the org again', 'secondary'],
      ],
    );
    assert.equal(asking.notice?.action, undefined, 'the acknowledged banner has no action left');
    const views = await driveChecking(world, engine, first!.clientSecret);
    assert.equal(views.at(-1)?.notice?.title, 'Rotation completed');
    assert.equal(views.at(-1)?.more, undefined, 'no way out offered once it ended');
  });

  it('an inactive secret to retire: the step names it, masked, with what stays in use', async () => {
    world = await startWorld({ secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] });
    const [inUse, inactive] = world.org.secrets();
    const engine = await world.start();
    assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
    const v = checkView(engine.snapshot(), world);
    const step1 = v.steps[0]!;
    assert.equal(step1.actions[0]?.label, `Retire ${maskSecret(inactive!.clientSecret)}…`);
    assert.match(
      step1.todo.join(' '),
      new RegExp(
        `${escape(maskSecret(inactive!.clientSecret))} \\(created .+, inactive\\) must go before a new one fits`,
      ),
    );
    assert.match(
      step1.todo.join(' '),
      new RegExp(`${escape(maskSecret(inUse!.clientSecret))} \\(created .+\\) stays in use`),
    );
    await driveChecking(world, engine);
  });

  it('a failed step: its error in words (the org by its label, masked secrets, no engine lead), Okta’s error id apart with its Copy button', async () => {
    world = await startWorld();
    const engine = await world.start();
    world.org.revokeToken(world.org.info.apiToken);
    const out = await engine.perform({ type: 'run', step: 'preflight' });
    assert.ok(!out.ok);
    const v = checkView(engine.snapshot(), world);
    const step1 = v.steps[0]!;
    assert.equal(step1.status, 'failed');
    assert.equal(step1.statusText, 'Did not complete');
    assert.match(step1.error?.text ?? '', /^Acme refused the API token \(401, E0000011\): Invalid token provided\./);
    assert.ok(step1.error?.errorId && !step1.error.text.includes(step1.error.errorId), 'the id is shown apart');
    assert.equal(step1.error?.copy?.label, 'Copy error ID');
    assert.equal(step1.actions[0]?.label, 'Retry: Check the org');
    assert.equal(step1.expanded, true);
  });

  it('a rollback and an abandon end with one banner saying what stays, in words', async () => {
    world = await startWorld();
    const [old] = world.org.secrets();
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.steps.find((x) => x.id === 'deactivateOld')?.state === 'done' });
    const before = checkView(engine.snapshot(), world);
    assert.deepEqual(
      before.more?.actions.map((a) => a.label),
      ['Roll back to the old secret…'],
    );
    assert.ok((await engine.perform({ type: 'rollback' })).ok);
    const after = checkView(engine.snapshot(), world);
    assert.match(after.progress, /^Rolled back · /);
    assert.equal(after.notice?.title, 'Rolled back');
    assert.match(
      after.notice?.lines[0] ?? '',
      new RegExp(`The old secret ${escape(maskSecret(old!.clientSecret))} \\(created .+\\) is active again`),
    );
    assert.ok(after.steps.filter((s) => s.status === 'skipped').every((s) => s.statusText === 'Not done'));

    const again = await world.start();
    assert.ok((await again.perform({ type: 'abandon' })).ok);
    const abandoned = checkView(again.snapshot(), world);
    assert.deepEqual([abandoned.notice?.title, abandoned.notice?.lines[0]], ['Abandoned', 'Nothing changed in Okta.']);
  });

  it('a wait Okta asked for: said in the busy step with the seconds left, beside Cancel', async () => {
    world = await startWorld();
    const engine = await world.start();
    const snap = engine.snapshot();
    const v = checkView(snap, world, {
      performing: { label: 'Check the org', cancellable: true, offered: snap.nextActions },
      wait: { reason: 'rateLimit', seconds: 12 },
    });
    assert.equal(v.busy?.text, 'Check the org…');
    assert.deepEqual(v.busy?.wait, {
      text: "Okta's rate limit for Acme is reached: the extension waits, then tries again.",
      seconds: 12,
    });
    const slow = checkView(snap, world, {
      performing: { label: 'Check the org', cancellable: true, offered: snap.nextActions },
      wait: { reason: 'answer', seconds: 40 },
    });
    assert.deepEqual(slow.busy?.wait, {
      text: 'Acme is slow to answer: the extension waits for it, at most for the time left.',
      seconds: 40,
    });
    assert.equal(slow.busy?.cancel?.label, 'Cancel');
  });
});

describe('checklist words: one convention for times and secrets', () => {
  const now = new Date('2026-12-01T15:30:00.000Z');

  it('times are UTC and say so: the time alone today, with the date otherwise', () => {
    assert.equal(utcTime('2026-12-01T15:28:45.509Z', now), '15:28 UTC');
    assert.equal(utcTime('2026-11-30T23:05:00.000Z', now), '30 Nov 2026, 23:05 UTC');
    assert.equal(utcTime('not a time', now), '');
    assert.equal(utcTime(undefined, now), '');
  });

  it('a secret is its masked value with its age', () => {
    const day = 86_400_000;
    const at = (ms: number): string => new Date(now.getTime() - ms).toISOString();
    assert.equal(secretPhrase({ masked: '••••L6l1', created: at(97 * day) }, now), '••••L6l1, created 97 days ago');
    assert.equal(secretPhrase({ masked: '••••L6l1', created: at(1 * day) }, now), '••••L6l1, created 1 day ago');
    assert.equal(
      secretPhrase({ masked: '••••L6l1', created: at(3 * 3_600_000) }, now),
      '••••L6l1, created 3 hours ago',
    );
    assert.equal(secretPhrase({ masked: '••••L6l1', created: at(5 * 60_000) }, now), '••••L6l1, created 5 minutes ago');
    assert.equal(secretPhrase({ masked: '••••L6l1', created: at(10_000) }, now), '••••L6l1, created just now');
    assert.equal(secretPhrase({ masked: '••••L6l1' }, now), '••••L6l1');
  });

  it("an engine message reads as the person's: no rotation lead, the org's label, masked secrets, the error id apart", () => {
    const c = {
      host: 'acme.okta.com',
      appId: '0oa1',
      orgLabel: 'Acme Production',
      secrets: [{ id: 'ocsOLD1234567890', masked: '••••L6l1' }],
    };
    assert.equal(
      personText(
        'Rotation of app 0oa1 in acme.okta.com: the secret in use (ocsOLD1234567890) is no longer active.',
        undefined,
        c,
      ),
      'The secret in use (••••L6l1) is no longer active.',
    );
    assert.equal(
      personText('Rotation of app 0oa1 in acme.okta.com already has two secrets.', undefined, c),
      'The app already has two secrets.',
    );
    assert.equal(
      personText(
        'acme.okta.com refused the API token (401, E0000011): Invalid token provided. Set a new one. Okta error ID: oae1.',
        'oae1',
        c,
      ),
      'Acme Production refused the API token (401, E0000011): Invalid token provided. Set a new one.',
    );
  });

  it('names every org a message names by its label, the longer host first (one host may end another)', () => {
    const c = {
      host: 'x.okta.com',
      appId: '0oa1',
      orgLabel: 'X Production',
      secrets: [],
      otherOrgs: [{ host: 'prex.okta.com', label: 'X Preview' }],
    };
    assert.equal(
      personText(
        'Rotation of app 0oa1 in x.okta.com: this production org waits for its preview org before its new secret is created: no rotation of its preview org prex.okta.com has completed yet. Acknowledge to create it now.',
        undefined,
        c,
      ),
      'This production org waits for its preview org before its new secret is created: no rotation of its preview org X Preview has completed yet. Acknowledge to create it now.',
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe("checklist view: a paired production org waiting for its preview org's soak", () => {
  const worlds: World[] = [];
  afterEach(async () => {
    await Promise.all(worlds.splice(0).map((w) => w.close()));
  });

  it('step 3 says what it waits for in UTC, offers going ahead as a secondary action, confirmed by name', async () => {
    const journals = new MemoryJournalStore();
    const clock = new TestClock();
    const prod = await startWorld({ name: 'acme', environment: 'production' }, { journals, clock });
    const preview = await startWorld({ name: 'acme-preview', environment: 'preview' }, { journals, clock });
    worlds.push(prod, preview);
    const app = await prod.client.findWorkflowsApp({ appId: prod.org.info.workflowsAppId });
    const engine = await RotationEngine.start(
      {
        org: { host: prod.client.org, baseUrl: prod.org.info.baseUrl },
        environment: 'production',
        app,
        pairing: { previewOrg: preview.client.org, soakHours: 24 },
      },
      prod.deps(),
    );
    await drive(engine, { stopWhen: (x) => x.currentStep === 'createSecret' });
    assert.equal((await drive(await preview.start())).snapshot.outcome, 'completed');
    const refused = await engine.perform({ type: 'run', step: 'createSecret' });
    assert.ok(!refused.ok, 'the soak is not over');
    // The refusal (a notification) says when the soak ends in UTC, as the page does.
    assert.match(refused.error.message, /the soak of 24 h ends (\d{1,2} \w{3} \d{4}, )?\d{2}:\d{2} UTC/);
    assert.doesNotMatch(refused.error.message, /\d{4}-\d{2}-\d{2}T/);

    const snap = engine.snapshot();
    const v = checkView(snap, prod);
    assert.equal(v.notice?.action, undefined, 'no production banner action: the soak is acknowledged in step 3');
    const create = v.steps.find((s) => s.key === 'createSecret');
    const said = (create?.todo ?? []).join(' ');
    assert.match(said, new RegExp(`waits for its preview org ${preview.client.org.replace(/\./g, '\\.')}`));
    assert.match(said, /completed its rotation (\d{1,2} \w{3} \d{4}, )?\d{2}:\d{2} UTC/);
    assert.doesNotMatch(said, /\d{4}-\d{2}-\d{2}T/, 'no ISO time');
    const ack = create?.actions.find((a) => a.key === 'acknowledge:previewSoak');
    assert.equal(ack?.label, 'Create it now, before the soak ends…');
    assert.equal(ack?.style, 'secondary');

    const modal = riskyConfirmation(
      { type: 'acknowledge', guard: 'previewSoak' },
      snap,
      'Acme',
      new Date(snap.updatedAt),
      (host) => (host === preview.client.org ? 'Acme Preview' : host),
    );
    assert.equal(modal?.button, 'Create It Now');
    // The preview org by the name the person gave it, its host beside it.
    assert.match(
      modal?.detail ?? '',
      new RegExp(`Its preview org Acme Preview \\(${preview.client.org.replace(/\./g, '\\.')}\\) completed`),
    );
    assert.match(
      modal?.detail ?? '',
      /completed its rotation (\d{1,2} \w{3} \d{4}, )?\d{2}:\d{2} UTC; the new secret here waits 24 h after it/,
    );
  });
});
