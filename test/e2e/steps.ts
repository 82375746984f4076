// What a person does with our extension, step by step through the real UI: shared by the e2e suites.
import assert from 'node:assert/strict';
import type { SimulatedOrgInfo } from '../../src/simulator/index.ts';
import { maskSecret } from '../../src/redact.ts';
import type { VsCodeSession } from './harness.ts';

export const VIEW = 'Orgs';

/** The settings entry Add Org would write for a simulated org: to pre-seed orgs when a suite is not about adding them. */
export function orgSetting(org: SimulatedOrgInfo, label: string): { label: string; domain: string; environment: 'preview' | 'production' } {
  return { label, domain: org.baseUrl, environment: org.environment };
}

/** How the tree shows a secret: only its last four characters. */
export function masked(clientSecret: string): string {
  return maskSecret(clientSecret);
}

/** "Okta Workflows: Add Org" from the palette: the simulator's URL, the environment, a label; it then asks for the token. */
export async function addOrgFromPalette(ui: VsCodeSession, org: SimulatedOrgInfo, label: string): Promise<void> {
  await ui.runCommand('Okta Workflows: Add Org');
  await ui.waitForQuickInput('Add Okta Org (1/3)');
  await ui.quickInputType(org.baseUrl);
  await ui.quickInputEnter();
  await ui.waitForQuickInput('Add Okta Org (2/3)');
  await ui.quickInputPick(org.environment === 'production' ? 'Production' : 'Preview');
  await ui.waitForQuickInput('Add Okta Org (3/3)');
  await ui.quickInputType(label);
  await ui.quickInputEnter();
}

/** Types the token into the password input Set API Token opens, and waits for the "stored" notification. */
export async function enterApiToken(ui: VsCodeSession, label: string, token: string): Promise<string> {
  await ui.waitForQuickInput(`API token for ${label}`);
  assert.equal(await ui.quickInput.locator('input.input').getAttribute('type'), 'password', 'the API token input must be a password input');
  await ui.quickInputType(token);
  await ui.quickInputEnter();
  return ui.waitForNotification(new RegExp(`API token for ${escape(label)} stored`));
}

/** "Okta Workflows: Set API Token" from the palette for a configured org. */
export async function setApiTokenFromPalette(ui: VsCodeSession, label: string, token: string): Promise<string> {
  // The palette lists Set API Token only once the extension has set its "has orgs" context key, i.e. after it
  // activated: a person opens the Okta Workflows view first (which activates it), so do we.
  await ui.openViewContainer('Okta Workflows');
  await ui.viewPane(VIEW).locator('.welcome-view-content', { hasText: 'no API token' }).waitFor({ state: 'visible' });
  await ui.runCommand('Okta Workflows: Set API Token');
  await ui.waitForQuickInput('Set the API token of which org?');
  await ui.quickInputPick(label);
  return enterApiToken(ui, label, token);
}

/** Opens our view container and waits for the org's secrets (as masked values) to show in the tree. */
export async function showSecretsInTree(ui: VsCodeSession, orgLabel: string, secrets: ReadonlyArray<{ clientSecret: string }>): Promise<string[]> {
  await ui.openViewContainer('Okta Workflows');
  await ui.waitForTreeItem(VIEW, orgLabel);
  const rows: string[] = [];
  for (const s of secrets) rows.push(await ui.waitForTreeItem(VIEW, masked(s.clientSecret)));
  return rows;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
