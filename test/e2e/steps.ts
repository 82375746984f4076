// What a person does with our extension, step by step through the real UI: shared by the e2e suites.
import assert from 'node:assert/strict';
import type { SimulatedOrgInfo } from '../../src/simulator/index.ts';
import { maskSecret } from '../../src/redact.ts';
import type { FrameLocator, Locator } from 'playwright-core';
import type { SimulatedOrg } from '../../src/simulator/index.ts';
import { waitUntil, type VsCodeSession } from './harness.ts';

export const VIEW = 'Orgs';

/** The settings entry Add Org would write for a simulated org: to pre-seed orgs when a suite is not about adding them. */
export function orgSetting(
  org: SimulatedOrgInfo,
  label: string,
): { label: string; domain: string; environment: 'preview' | 'production' } {
  return { label, domain: org.baseUrl, environment: org.environment };
}

/** How the tree shows a secret: only its last four characters. */
export function masked(clientSecret: string): string {
  return maskSecret(clientSecret);
}

/** How Add Org's last step lets the extension sign in. */
export const SIGN_IN = { apiToken: 'API token', serviceApp: 'OAuth service app (least privilege)' } as const;

/**
 * "Okta Workflows: Add Org" from the palette: the simulator's URL, the environment, a label, how to sign in; it
 * then asks for that credential.
 */
export async function addOrgFromPalette(
  ui: VsCodeSession,
  org: SimulatedOrgInfo,
  label: string,
  signIn: keyof typeof SIGN_IN = 'apiToken',
): Promise<void> {
  await ui.runCommand('Okta Workflows: Add Org');
  await ui.waitForQuickInput('Add Okta Org (1/4)');
  await ui.quickInputType(org.baseUrl);
  await ui.quickInputEnter();
  await ui.waitForQuickInput('Add Okta Org (2/4)');
  await ui.quickInputPick(org.environment === 'production' ? 'Production' : 'Preview');
  await ui.waitForQuickInput('Add Okta Org (3/4)');
  await ui.quickInputType(label);
  await ui.quickInputEnter();
  await ui.waitForQuickInput('Add Okta Org (4/4)');
  await ui.quickInputPick(SIGN_IN[signIn]);
}

/** Types the token into the password input Set API Token opens and submits it (the check against the org follows). */
export async function submitApiToken(ui: VsCodeSession, label: string, token: string): Promise<void> {
  await ui.waitForQuickInput(`API token for ${label}`);
  assert.equal(
    await ui.quickInput.locator('input.input').getAttribute('type'),
    'password',
    'the API token input must be a password input',
  );
  await ui.quickInputType(token);
  await ui.quickInputEnter();
}

/** Types the token into the password input Set API Token opens, and waits for the "stored" notification. */
export async function enterApiToken(ui: VsCodeSession, label: string, token: string): Promise<string> {
  await submitApiToken(ui, label, token);
  return ui.waitForNotification(new RegExp(`API token for ${escape(label)} stored`));
}

/** "Okta Workflows: Set API Token" from the palette for a configured org, the token submitted (then checked). */
export async function submitApiTokenFromPalette(ui: VsCodeSession, label: string, token: string): Promise<void> {
  // A person opens the Okta Workflows view first (which activates the extension). runCommand retries until the
  // palette lists the command (the remote extension host may still be starting).
  await ui.openViewContainer('Okta Workflows');
  await ui.runCommand('Okta Workflows: Set API Token');
  await ui.waitForQuickInput('Set the API token of which org?');
  await ui.quickInputPick(label);
  await submitApiToken(ui, label, token);
}

/** "Okta Workflows: Set API Token" from the palette for a configured org, until the "stored" notification. */
export async function setApiTokenFromPalette(ui: VsCodeSession, label: string, token: string): Promise<string> {
  await submitApiTokenFromPalette(ui, label, token);
  return ui.waitForNotification(new RegExp(`API token for ${escape(label)} stored`));
}

/** Opens our view container and waits for the org's secrets (as masked values) to show in the tree. */
export async function showSecretsInTree(
  ui: VsCodeSession,
  orgLabel: string,
  secrets: ReadonlyArray<{ clientSecret: string }>,
): Promise<string[]> {
  await ui.openViewContainer('Okta Workflows');
  await ui.waitForTreeItem(VIEW, orgLabel);
  const rows: string[] = [];
  for (const s of secrets) rows.push(await ui.waitForTreeItem(VIEW, masked(s.clientSecret)));
  return rows;
}

/** The checklist's path through a normal rotation: each click, the step it completes, and the modal it raises. */
const ROTATION_PATH = [
  // A production org with no recent preview rotation: the guard, acknowledged in a modal, before any step.
  { id: 'acknowledge', click: 'Rotate production anyway…', modal: 'Rotate Production' },
  { id: 'preflight', click: 'Check the org', completes: '1. Check the org' },
  { id: 'recordInUse', click: 'Record the secret in use', completes: '2. Record the secret in use' },
  { id: 'createSecret', click: 'Create the new secret', completes: '3. Create the new secret' },
  { id: 'chooseMode', click: 'Create a new connection' },
  { id: 'newConnection', click: 'I created the new connection', completes: '4. Set up the connection' },
  { id: 'moveFlows', click: 'Every flow uses the new connection', completes: '5. Move the flows' },
  { id: 'verifyNewSecret', click: 'Verify the new secret', completes: '6. Verify the new secret' },
  { id: 'listOld', click: 'List the active secrets' },
  { id: 'identifyOld', click: 'These are the old secrets', completes: '7. Identify the old secret' },
  // A production org asks in a modal before the old secret is deactivated; every org before it is deleted.
  {
    id: 'deactivateOld',
    click: 'Deactivate the old secret',
    completes: '8. Deactivate the old secret',
    productionModal: 'Deactivate Old Secret',
  },
  // The watch of the old secret: the suites' setting makes it one look (harness.ts), which the extension's own timer
  // may take first; the click is then not needed.
  {
    id: 'watchOld',
    click: 'Look at the System Log now',
    completes: '9. Watch for the old secret',
    unlessDone: true,
  },
  {
    id: 'deleteOld',
    click: 'Delete the old secret',
    completes: '10. Delete the old secret',
    modal: 'Delete Old Secret',
  },
  { id: 'deleteOldConnection', click: 'I deleted the old connection', completes: '11. Delete the old connection' },
  { id: 'finish', click: 'Finish', completes: '12. Finish' },
] as const;

export type PathStep = (typeof ROTATION_PATH)[number]['id'];

/** One rotation's checklist webview, as the person sees it (there is one checklist open at a time in these suites). */
export class Checklist {
  readonly ui: VsCodeSession;
  readonly orgLabel: string;
  readonly environment: 'preview' | 'production';
  /** The text of each modal confirmed on the way (title and detail), for assertions. */
  readonly modals: string[] = [];

  constructor(ui: VsCodeSession, orgLabel: string, environment: 'preview' | 'production' = 'preview') {
    this.ui = ui;
    this.orgLabel = orgLabel;
    this.environment = environment;
  }

  get page(): FrameLocator {
    return this.ui.webviewFrame();
  }

  get tabTitle(): string {
    return `Rotate: ${this.orgLabel}`;
  }

  /** Waits until the checklist of this org is rendered (its heading names the org). */
  async waitOpen(): Promise<void> {
    await this.page
      .locator('h1', { hasText: `Rotate the Workflows secret: ${this.orgLabel}` })
      .waitFor({ state: 'visible', timeout: 60_000 });
  }

  /** Clicks a button of the page. Buttons are disabled while a step runs: Playwright's click waits until enabled. */
  async click(name: string): Promise<void> {
    try {
      await this.page.getByRole('button', { name, exact: true }).click();
    } catch (e) {
      throw new Error(
        `e2e: could not click "${name}" in the checklist of ${this.orgLabel}. The page says: ${await this.describe()}`,
        { cause: e },
      );
    }
  }

  /** The step, by its numbered title ("3. Create the new secret"). */
  step(title: string): Locator {
    return this.page.locator('li.step', { has: this.page.locator('h2', { hasText: exactText(title) }) });
  }

  /**
   * How a step stands (done, current, running, failed, skipped, upcoming), read from the step's data-state: the
   * page shows people words ("Done at 15:28 UTC"), never this word.
   */
  async stepState(title: string): Promise<string> {
    return (await this.step(title).getAttribute('data-state')) ?? '';
  }

  async waitForStep(title: string, expected: RegExp, timeoutMs = 60_000): Promise<void> {
    let last = '';
    await waitUntil(
      async () => expected.test((last = await this.stepState(title).catch(() => ''))),
      `step "${title}" of ${this.orgLabel} to be ${expected}`,
      timeoutMs,
      async () => `${last}; page: ${await this.describe()}`,
    );
  }

  /** Runs the path from `from` through `through` (inclusive), confirming the modals it raises, each step awaited. */
  async run(from: PathStep, through: PathStep): Promise<void> {
    const start = ROTATION_PATH.findIndex((p) => p.id === from);
    const end = ROTATION_PATH.findIndex((p) => p.id === through);
    assert.ok(start >= 0 && end >= start, `e2e: bad path ${from}..${through}`);
    for (const step of ROTATION_PATH.slice(start, end + 1)) {
      if ('unlessDone' in step) {
        await this.clickUnlessDone(step.click, step.completes);
        continue;
      }
      await this.click(step.click);
      const modal =
        'modal' in step
          ? step.modal
          : 'productionModal' in step && this.environment === 'production'
            ? step.productionModal
            : undefined;
      if (modal) await this.confirmModal(modal);
      if ('completes' in step) await this.waitForStep(step.completes, /^done/);
    }
  }

  /** Clicks `name` unless the step `title` gets done first (by the extension itself), then waits for it done. */
  async clickUnlessDone(name: string, title: string): Promise<void> {
    const button = this.page.getByRole('button', { name, exact: true });
    await waitUntil(
      async () => {
        if (/^done/.test(await this.stepState(title).catch(() => ''))) return true;
        await button.click({ timeout: 2_000 }).catch(() => undefined);
        return /^done/.test(await this.stepState(title).catch(() => ''));
      },
      `step "${title}" of ${this.orgLabel} to be done`,
      60_000,
      async () => this.describe(),
    );
  }

  /** Confirms the modal the last click raised with `button`, keeping its text. */
  async confirmModal(button: string): Promise<string> {
    const text = await this.ui.dialogText();
    this.modals.push(text);
    await this.ui.dialogButton(button);
    return text;
  }

  /** The masked value the manual step shows for the new secret ("••••abcd"). */
  async newSecretMasked(): Promise<string> {
    const row = this.page.locator('tr', { has: this.page.locator('th', { hasText: 'Client secret' }) });
    return (await row.locator('code').innerText()).trim();
  }

  /** The progress line under the heading: "Step 4 of 11 · Set up the connection", or how the rotation ended. */
  async progress(): Promise<string> {
    return (await this.page.locator('p.progress').innerText()).trim();
  }

  /** Everything the page shows as text (what a person reads), whitespace collapsed. */
  async visibleText(): Promise<string> {
    return (await this.page.locator('body').innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Status line, errors and banners: what the person reads when something does not go as planned. */
  async describe(): Promise<string> {
    const parts = await this.page
      .locator('#status, .error-text, .banner')
      .allInnerTexts()
      .catch(() => []);
    return JSON.stringify(parts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean));
  }
}

/** "Okta Workflows: Rotate Workflows Secret" from the palette; picks the org when several have credentials. */
export async function rotateFromPalette(
  ui: VsCodeSession,
  orgLabel: string,
  environment: 'preview' | 'production' = 'preview',
  opts: { pick?: boolean } = {},
): Promise<Checklist> {
  await ui.runCommand('Okta Workflows: Rotate Workflows Secret');
  if (opts.pick ?? true) {
    await ui.waitForQuickInput('Rotate the Workflows secret of which org?');
    await ui.quickInputPick(orgLabel);
  }
  const checklist = new Checklist(ui, orgLabel, environment);
  await checklist.waitOpen();
  return checklist;
}

/** Waits until the simulated org's secrets satisfy `ok` (the extension acts asynchronously). */
export async function waitForSecrets(
  org: SimulatedOrg,
  ok: (s: ReturnType<SimulatedOrg['secrets']>) => boolean,
  what = 'the simulator to reach the expected secrets',
): Promise<void> {
  await waitUntil(
    async () => ok(org.secrets()),
    what,
    30_000,
    async () => JSON.stringify(org.secrets().map((s) => [s.id, s.status])),
  );
}

/** The org's secrets as [id, status] pairs, for deepEqual. */
export function idsAndStatus(org: SimulatedOrg): Array<[string, string]> {
  return org.secrets().map((s) => [s.id, s.status]);
}

/** How many secrets the extension asked Okta to create (POST …/credentials/secrets) since the requests were cleared. */
export function createRequests(org: SimulatedOrg): number {
  return org.requests.filter((r) => r.method === 'POST' && /\/credentials\/secrets$/.test(r.path)).length;
}

/** Waits until the tree's secret rows (masked values) are exactly `expected`, in any order; returns the rows. */
export async function waitForSecretRows(
  ui: VsCodeSession,
  orgLabel: string,
  expected: readonly string[],
  also: { what: string; holds: (rows: string[]) => boolean } = { what: '', holds: () => true },
): Promise<string[]> {
  const rows = async (): Promise<string[]> => secretRowsOf(await ui.treeItems(VIEW), orgLabel);
  let last: string[] = [];
  await waitUntil(
    async () => {
      last = await rows();
      const maskedShown = last.map((r) => /•+\S{4}/.exec(r)?.[0] ?? r).sort();
      return JSON.stringify(maskedShown) === JSON.stringify([...expected].sort()) && also.holds(last);
    },
    `the tree to show ${orgLabel}'s secrets ${JSON.stringify(expected)}${also.what} without a Refresh`,
    30_000,
    async () => JSON.stringify(await ui.treeItems(VIEW)),
  );
  return last;
}

/** The secret rows (those with a masked value) under an org's row, up to the next org row. */
export function secretRowsOf(rows: readonly string[], orgLabel: string): string[] {
  const start = rows.findIndex((r) => r.startsWith(`${orgLabel} `) || r === orgLabel);
  if (start < 0) return [];
  const out: string[] = [];
  for (const r of rows.slice(start + 1)) {
    if (r.includes('•')) out.push(r);
    else if (!/Okta Workflows OAuth|client id/.test(r)) break;
  }
  return out;
}

/** Creates a secret directly through the simulator's Okta API with the org's token (test setup, not the UI). */
export async function createSecretThroughApi(org: SimulatedOrg, status: 'ACTIVE' | 'INACTIVE'): Promise<string> {
  const base = `${org.info.baseUrl}/api/v1/apps/${org.info.workflowsAppId}/credentials/secrets`;
  const headers = {
    Authorization: `SSWS ${org.info.apiToken}`,
    Accept: 'application/json',
    'Content-Type': 'application/json',
  };
  const created = await fetch(base, { method: 'POST', headers, body: '{}' });
  assert.equal(created.status, 201, `e2e setup: creating a secret through the API answered ${created.status}`);
  const { id } = (await created.json()) as { id: string };
  if (status === 'INACTIVE') {
    const r = await fetch(`${base}/${id}/lifecycle/deactivate`, { method: 'POST', headers });
    assert.equal(r.status, 200, `e2e setup: deactivating ${id} through the API answered ${r.status}`);
  }
  return id;
}

/** Activates, deactivates or deletes a secret directly through the simulator's Okta API (another admin, not the UI). */
export async function secretLifecycleThroughApi(
  org: SimulatedOrg,
  secretId: string,
  change: 'activate' | 'deactivate' | 'delete',
): Promise<void> {
  const url = `${org.info.baseUrl}/api/v1/apps/${org.info.workflowsAppId}/credentials/secrets/${secretId}`;
  const headers = { Authorization: `SSWS ${org.info.apiToken}`, Accept: 'application/json' };
  const r =
    change === 'delete'
      ? await fetch(url, { method: 'DELETE', headers })
      : await fetch(`${url}/lifecycle/${change}`, { method: 'POST', headers });
  assert.ok(r.ok, `e2e setup: ${change} ${secretId} through the API answered ${r.status}`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${escape(text)}\\s*$`);
}
