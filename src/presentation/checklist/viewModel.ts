// What the checklist page receives and renders, and nothing else: words and values meant for people (org and app
// names, masked secrets with their age, times in UTC), each action with the request it sends back. Built in the
// extension host by view.ts from the engine's snapshot; the page (src/webview/checklist) imports these types
// only. Keys are stable across updates (step ids, action names), so the page keeps focus where it was.
import type { ValuelessAction } from '../../rotation/model/actions.ts';

/** What a control of the page asks the host (the protocol parses it: src/vscode/rotations/checklistProtocol.ts). */
export type PageRequest =
  | { kind: 'action'; action: ValuelessAction }
  /** Ask the host to prompt (password input) for the value of the secret in use, then identify it. */
  | { kind: 'identifyInUse' }
  | { kind: 'copyNewSecret' }
  /** Copy a value the page shows (the error id: the current step's last Okta error). */
  | { kind: 'copyText'; field: 'domain' | 'clientId' | 'errorId' }
  | { kind: 'openConsole' }
  | { kind: 'cancel' };

export interface ChecklistView {
  rotationId: string;
  /** "Rotate the Workflows secret: Acme Preview". */
  heading: string;
  /** "acme.okta.com · Production org · Okta Workflows OAuth". */
  context: string;
  /** "Step 4 of 11 · Set up the connection", or how the rotation ended. */
  progress: string;
  /** The one banner: the production notice (with its acknowledgement), or how the rotation ended. */
  notice?: NoticeView;
  steps: StepView[];
  /** Work in progress: what runs, a wait Okta asked for, and Cancel. */
  busy?: BusyView;
  /** The ways out (Abandon, Roll back), apart from the steps; each asks first and says what it does. */
  more?: MoreView;
}

export interface NoticeView {
  tone: 'warning' | 'success' | 'info';
  title: string;
  lines: string[];
  action?: ActionView;
}

/** How a step stands, for its icon and style; shown to people only as its statusText. */
export type StepStatus = 'done' | 'current' | 'running' | 'failed' | 'uncertain' | 'skipped' | 'upcoming';

export interface StepView {
  /** The step's id: a stable key, never shown. */
  key: string;
  number: number;
  title: string;
  /** "You, in the Workflows console" for a step a person does; '' for one the extension does. */
  who: string;
  status: StepStatus;
  /** "Done at 15:28 UTC", "Current step", "Not needed", "Did not complete"… (the icon's label too). */
  statusText: string;
  /** One sentence: what happened, or what the step does. */
  summary: string;
  /** What to do now (the current step only). */
  todo: string[];
  /** A warning shown even when the step is collapsed (a credential Okta may refuse). */
  caution?: string;
  /** Facts shown when the step is expanded. */
  details: Array<{ label: string; value: string }>;
  /** Why the step did not complete, and Okta's error id to give Okta Support. */
  error?: { text: string; errorId?: string; copy?: ActionView };
  /** Values to enter in the Workflows console, each with its Copy button. */
  fields: FieldView[];
  /** The step's actions: the first is its primary action. */
  actions: ActionView[];
  /** Shown expanded (the current step, or a step that failed); the others collapse to one line. */
  expanded: boolean;
}

export interface FieldView {
  key: string;
  label: string;
  value: string;
  copy: ActionView;
}

export interface ActionView {
  key: string;
  label: string;
  /** When the visible label is ambiguous out of context ("Copy" beside a value). */
  ariaLabel?: string;
  style: 'primary' | 'secondary' | 'danger';
  /** The codicon shown before the label. */
  icon?: string;
  /** Shown but not usable now (a step runs): focus stays on it. */
  disabled?: boolean;
  /** Said in the live region when the request is sent ("Creating the new secret…"). */
  busyText?: string;
  request: PageRequest;
}

export interface BusyView {
  /** "Create the new secret…". */
  text: string;
  /** Okta asked to wait (a rate limit) or did not answer (a retry's backoff). */
  wait?: { text: string; seconds: number };
  cancel?: ActionView;
}

export interface MoreView {
  text: string;
  actions: ActionView[];
}
