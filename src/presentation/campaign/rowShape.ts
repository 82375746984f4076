// What one campaign row holds: the org, where its rotation stands in words, who acts next, and the actions the row
// offers. Built by rows.ts, rendered by the campaign page (no secret value: the new one is copied in the host).
import type { AcknowledgedGuard } from '../../rotation/model/actions.ts';
import type { StepError } from '../../rotation/model/journal.ts';
import type { Phase } from '../../rotation/model/phases.ts';
import type { RotationSnapshot } from '../../rotation/model/snapshot.ts';

export type RowAction =
  | { kind: 'run'; phase: Phase; label: string }
  | { kind: 'connection'; mode: 'newConnection' | 'reauthorize'; label: string }
  | { kind: 'confirm'; step: 'moveFlows' | 'deleteOldConnection'; label: string }
  | { kind: 'acknowledge'; guard: AcknowledgedGuard; label: string }
  | { kind: 'copyNewSecret'; label: string }
  | { kind: 'copy'; field: 'domain' | 'clientId'; label: string }
  | { kind: 'setCredential'; label: string }
  | { kind: 'openChecklist'; label: string };

/** How a row stands, for its icon and the counts; shown to people only as its status text. */
export type RowState =
  'notStarted' | 'working' | 'ready' | 'needsYou' | 'waiting' | 'watching' | 'failed' | 'done' | 'stopped';

export interface CampaignRow {
  key: string;
  label: string;
  environment: 'preview' | 'production';
  /** The label of the preview org it waits for. */
  pairedWith?: string;
  state: RowState;
  status: string;
  next: string;
  who: 'you' | 'extension' | '';
  error?: { message: string; fix: string };
  /** What the person enters in the Workflows console (no secret: the new one is copied in the host). */
  manual?: { domain: string; clientId: string; newSecretMasked?: string };
  actions: RowAction[];
  rotationId?: string;
}

export interface RowInput {
  key: string;
  label: string;
  environment: 'preview' | 'production';
  pairedWith?: string;
  snapshot?: RotationSnapshot;
  /** The phase running for this org right now, if any. */
  working?: Phase;
  /** The last error a bulk action or a row action met for this org (cleared when the next one goes through). */
  error?: StepError;
  /** For the times a row says (the watch's next look). Default: the snapshot's last change. */
  now?: Date;
}

/** The part of a row that follows from where its rotation stands. */
export type RowPart = Pick<CampaignRow, 'state' | 'status' | 'next' | 'who' | 'actions'>;
