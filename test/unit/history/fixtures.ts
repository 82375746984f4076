// Journals with fixed ids and times, shaped as the engine writes them (the completed one is a real rotation's
// journal with its random ids replaced, its watch of the old secret clean; the rolled-back one's watch caught a
// forgotten flow; the one in progress is shaped as version 0.2 wrote it, before the watch step), and the history
// context and Okta sections the golden exports are built from. Plain data: the formats are pure functions of it.
import type { RecordContext } from '../../../src/history/fromJournal.ts';
import type { OktaLogSection } from '../../../src/history/oktaLog.ts';
import type { Actor } from '../../../src/history/record.ts';
import type { ExportDocument } from '../../../src/history/selection.ts';
import { historyRecordOf } from '../../../src/history/fromJournal.ts';
import { parseJournal, type RotationJournal } from '../../../src/rotation/model/journal.ts';

const APP = {
  id: '0oa1workflowsapp0001',
  name: 'flow',
  label: 'Okta Workflows OAuth',
  clientId: '0oa1workflowsapp0001',
  tokenEndpointAuthMethod: 'client_secret_basic',
  redirectUris: ['https://oauth.workflows.okta.com/oauth/okta/cb'],
};
const OLD = {
  id: 'ocsOLDSECRET00000001',
  status: 'ACTIVE',
  masked: '••••VS8o',
  created: '2026-08-20T08:15:00.000Z',
  hash: 'oldSecretHash000000001',
};
const NEW = {
  id: 'ocsNEWSECRET00000002',
  status: 'ACTIVE',
  masked: '••••XbGF',
  created: '2026-11-26T09:00:18.000Z',
  hash: 'newSecretHash000000002',
};
const done = (startedAt: string, endedAt: string, result?: Record<string, unknown>) => ({
  state: 'done',
  startedAt,
  endedAt,
  ...(result ? { result } : {}),
});

/** A production rotation completed end to end, the preview warning acknowledged. */
export function completedJournal(): RotationJournal {
  return parseJournal({
    version: 1,
    rotationId: 'rot-completed-0001',
    revision: 32,
    org: { host: 'acme.okta.com', baseUrl: 'https://acme.okta.com' },
    environment: 'production',
    app: APP,
    createdAt: '2026-11-26T09:00:01.000Z',
    updatedAt: '2026-11-26T10:16:40.000Z',
    endedAt: '2026-11-26T10:16:28.000Z',
    outcome: 'completed',
    mode: 'newConnection',
    steps: {
      preflight: done('2026-11-26T09:00:04.000Z', '2026-11-26T09:00:08.000Z', { active: 1, inactive: 0 }),
      recordInUse: done('2026-11-26T09:00:10.000Z', '2026-11-26T09:00:13.000Z', { secretId: OLD.id }),
      createSecret: done('2026-11-26T09:00:15.000Z', '2026-11-26T09:00:19.000Z', { recovered: false }),
      newConnection: done('2026-11-26T09:00:22.000Z', '2026-11-26T09:00:23.000Z', { confirmedBy: 'person' }),
      moveFlows: done('2026-11-26T09:00:25.000Z', '2026-11-26T09:00:26.000Z', { confirmedBy: 'person' }),
      verifyNewSecret: done('2026-11-26T09:00:28.000Z', '2026-11-26T09:00:32.000Z', { outcome: 'valid' }),
      identifyOld: done('2026-11-26T09:00:34.000Z', '2026-11-26T09:00:39.000Z', { confirmed: true }),
      deactivateOld: done('2026-11-26T09:00:41.000Z', '2026-11-26T09:00:44.000Z', { deactivated: [OLD.id] }),
      watchOld: done('2026-11-26T10:15:58.000Z', '2026-11-26T10:16:00.000Z', {
        watch: 'clean',
        watchedMinutes: 75,
        failures: 0,
      }),
      deleteOld: done('2026-11-26T10:16:10.000Z', '2026-11-26T10:16:13.000Z', { deleted: [OLD.id] }),
      deleteOldConnection: done('2026-11-26T10:16:20.000Z', '2026-11-26T10:16:21.000Z', { confirmedBy: 'person' }),
      finish: done('2026-11-26T10:16:25.000Z', '2026-11-26T10:16:30.000Z', { valueWiped: true }),
    },
    preflight: { secrets: [OLD], inUseSecretId: OLD.id, needsInUseIdentification: false, retired: [] },
    inUse: OLD,
    create: { preCreateSecretIds: [OLD.id] },
    newSecret: NEW,
    verification: {
      outcome: 'valid',
      reason: 'the client secret authenticates (Okta refused only the made-up code)',
      status: 400,
      at: '2026-11-26T09:00:30.000Z',
    },
    identify: { candidates: [OLD], listedAt: '2026-11-26T09:00:36.000Z' },
    oldSecretIds: [OLD.id],
    deactivated: [OLD.id],
    watch: {
      since: '2026-11-26T09:00:41.000Z',
      minutes: 75,
      status: 'clean',
      looks: 16,
      checkedUntil: '2026-11-26T10:15:59.000Z',
      lastLookAt: '2026-11-26T10:15:59.000Z',
      findings: [],
    },
    deleted: [OLD.id],
    guards: { productionWithoutPreview: { required: true, days: 30, acknowledgedAt: '2026-11-26T09:00:02.000Z' } },
    report: [`Rotation completed: secret ${NEW.id} is in use; old secret ${OLD.id} deleted.`],
  });
}

/** A preview rotation rolled back after an unverified override; a stray inactive secret retired first. */
export function rolledBackJournal(): RotationJournal {
  const OLD2 = {
    id: 'ocsOLDPREVIEW0000003',
    status: 'ACTIVE',
    masked: '••••p9Qa',
    created: '2026-07-01T10:00:00.000Z',
    hash: 'oldPreviewHash00000003',
  };
  const STRAY = {
    id: 'ocsSTRAY000000000004',
    status: 'INACTIVE',
    masked: '••••zz01',
    created: '2026-05-02T10:00:00.000Z',
  };
  const NEW2 = {
    id: 'ocsNEWPREVIEW0000005',
    status: 'ACTIVE',
    masked: '••••Kk7=',
    created: '2026-10-03T14:02:10.000Z',
  };
  return parseJournal({
    version: 1,
    rotationId: 'rot-rolledback-0002',
    org: { host: 'acme.oktapreview.com', baseUrl: 'https://acme.oktapreview.com' },
    environment: 'preview',
    app: { ...APP, id: '0oa1previewapp000002', clientId: '0oa1previewapp000002' },
    createdAt: '2026-10-03T14:00:00.000Z',
    updatedAt: '2026-10-03T14:20:00.000Z',
    endedAt: '2026-10-03T14:19:30.000Z',
    outcome: 'rolledBack',
    mode: 'reauthorize',
    steps: {
      preflight: done('2026-10-03T14:00:05.000Z', '2026-10-03T14:01:00.000Z', { retired: [STRAY.id] }),
      recordInUse: done('2026-10-03T14:01:02.000Z', '2026-10-03T14:01:03.000Z'),
      createSecret: done('2026-10-03T14:02:00.000Z', '2026-10-03T14:02:11.000Z', { recovered: true }),
      newConnection: { state: 'skipped', endedAt: '2026-10-03T14:03:00.000Z', result: { reason: 'reauthorized' } },
      moveFlows: done('2026-10-03T14:05:00.000Z', '2026-10-03T14:05:01.000Z', { confirmedBy: 'person' }),
      verifyNewSecret: {
        state: 'skipped',
        startedAt: '2026-10-03T14:06:00.000Z',
        endedAt: '2026-10-03T14:08:00.000Z',
        result: { overridden: true },
      },
      identifyOld: done('2026-10-03T14:09:00.000Z', '2026-10-03T14:09:30.000Z', { confirmed: true }),
      deactivateOld: done('2026-10-03T14:10:00.000Z', '2026-10-03T14:10:02.000Z'),
      watchOld: {
        state: 'skipped',
        startedAt: '2026-10-03T14:15:00.000Z',
        result: { watch: 'caught', watchedMinutes: 5, failures: 2, reason: 'rolledBack' },
      },
      deleteOld: { state: 'skipped', result: { reason: 'rolledBack' } },
      deleteOldConnection: {
        state: 'skipped',
        endedAt: '2026-10-03T14:03:00.000Z',
        result: { reason: 'reauthorized' },
      },
      finish: { state: 'skipped', result: { reason: 'rolledBack' } },
    },
    preflight: { secrets: [OLD2, STRAY], inUseSecretId: OLD2.id, needsInUseIdentification: false, retired: [STRAY.id] },
    inUse: OLD2,
    newSecret: NEW2,
    verification: {
      outcome: 'unknown',
      reason: 'the token endpoint answered 503',
      status: 503,
      at: '2026-10-03T14:07:00.000Z',
    },
    identify: { candidates: [OLD2], listedAt: '2026-10-03T14:09:10.000Z' },
    oldSecretIds: [OLD2.id],
    deactivated: [OLD2.id],
    watch: {
      since: '2026-10-03T14:10:00.000Z',
      minutes: 75,
      status: 'caught',
      looks: 2,
      checkedUntil: '2026-10-03T14:15:01.000Z',
      lastLookAt: '2026-10-03T14:15:01.000Z',
      findings: [
        {
          id: 'evt-fail-0001',
          at: '2026-10-03T14:12:20.000Z',
          eventType: 'app.oauth2.invalid_client_credentials',
          match: 'oldSecret',
          clientIp: '203.0.113.7',
          userAgent: 'okta-workflows-connector/1.0',
        },
        {
          id: 'evt-fail-0002',
          at: '2026-10-03T14:13:05.000Z',
          eventType: 'app.oauth2.invalid_client_credentials',
          match: 'otherSecret',
          clientIp: '198.51.100.4',
        },
      ],
    },
    deleted: [],
    guards: { unverifiedOverride: { at: '2026-10-03T14:08:00.000Z', verificationOutcome: 'unknown' } },
    rollback: {
      state: 'done',
      startedAt: '2026-10-03T14:19:00.000Z',
      endedAt: '2026-10-03T14:19:20.000Z',
      reactivated: [OLD2.id],
    },
    report: [
      `Rolled back: old secret ${OLD2.id} reactivated.`,
      `The new secret ${NEW2.id} stays ACTIVE in Okta; delete it in the Admin Console once no connection uses it.`,
    ],
  });
}

/** A rotation still in progress, its create failed with Okta's errorId; the org label has hostile text. */
export function inProgressJournal(): RotationJournal {
  return parseJournal({
    version: 1,
    rotationId: 'rot-inprogress-0003',
    org: { host: 'globex.okta.com', baseUrl: 'https://globex.okta.com' },
    environment: 'production',
    app: { ...APP, id: '0oa1globexapp0000003', clientId: '0oa1globexapp0000003' },
    createdAt: '2026-11-27T16:30:00.000Z',
    updatedAt: '2026-11-27T16:31:00.000Z',
    outcome: 'inProgress',
    steps: {
      preflight: done('2026-11-27T16:30:02.000Z', '2026-11-27T16:30:04.000Z'),
      recordInUse: done('2026-11-27T16:30:05.000Z', '2026-11-27T16:30:06.000Z'),
      createSecret: {
        state: 'failed',
        startedAt: '2026-11-27T16:30:50.000Z',
        endedAt: '2026-11-27T16:31:00.000Z',
        error: { kind: 'server', message: 'Okta answered 500 while creating the secret.', errorId: 'oaeXYZ123' },
      },
      newConnection: { state: 'pending' },
      moveFlows: { state: 'pending' },
      verifyNewSecret: { state: 'pending' },
      identifyOld: { state: 'pending' },
      deactivateOld: { state: 'pending' },
      deleteOld: { state: 'pending' },
      deleteOldConnection: { state: 'pending' },
      finish: { state: 'pending' },
    },
    preflight: { secrets: [], needsInUseIdentification: false, retired: [] },
    inUse: { id: 'ocsGLOBEX00000000006', status: 'ACTIVE', masked: '••••', created: '2026-01-15T00:00:00.000Z' },
    deactivated: [],
    deleted: [],
    guards: {
      productionWithoutPreview: { required: false, days: 30, lastPreviewCompletedAt: '2026-11-20T10:00:00.000Z' },
    },
    report: [],
  });
}

export const ADMIN: Actor = {
  at: '2026-11-26T09:00:01.000Z',
  osUser: 'jdoe',
  credential: 'apiToken',
  oktaUserId: '00u1adminuser000001',
  oktaLogin: 'jane.doe@acme.com',
};
export const SERVICE_APP: Actor = {
  at: '2026-10-03T14:00:00.000Z',
  osUser: 'jdoe',
  credential: 'serviceApp',
  clientId: '0oa1serviceapp00001',
};

const CONTEXTS: Record<string, RecordContext> = {
  'rot-completed-0001': { orgLabel: 'Acme Production', practice: false, actor: ADMIN },
  'rot-rolledback-0002': { orgLabel: 'Acme Preview', practice: false, actor: SERVICE_APP },
  'rot-inprogress-0003': { orgLabel: '=HYPERLINK("x") | Globex *prod*', practice: false },
};

const LISTED: OktaLogSection = {
  status: 'listed',
  fromHistory: false,
  capture: {
    queriedAt: '2026-11-28T08:00:00.000Z',
    since: '2026-11-26T08:58:01.000Z',
    until: '2026-11-26T10:26:28.000Z',
    filter: 'target.id eq "0oa1workflowsapp0001"',
    events: [
      {
        uuid: 'evt-0000-0001',
        published: '2026-11-26T09:00:18.500Z',
        eventType: 'app.oauth2.credentials.lifecycle.create',
        displayMessage: 'Create OAuth2 client credential',
        outcome: 'SUCCESS',
        actor: { id: '00u1adminuser000001', type: 'User', alternateId: 'jane.doe@acme.com', displayName: 'Jane Doe' },
        targets: [
          { id: APP.id, type: 'AppInstance', displayName: 'Okta Workflows OAuth' },
          { id: NEW.id, type: 'OAuth2ClientSecret', displayName: 'Client secret' },
        ],
      },
      {
        uuid: 'evt-0000-0002',
        published: '2026-11-26T09:00:43.100Z',
        eventType: 'app.oauth2.credentials.lifecycle.deactivate',
        outcome: 'SUCCESS',
        actor: { id: '00u1adminuser000001', type: 'User', alternateId: 'jane.doe@acme.com' },
        targets: [{ id: APP.id, type: 'AppInstance' }],
      },
    ],
  },
};

/** The export the golden files hold: three rotations, each with another kind of System Log section. */
export function goldenDocument(): ExportDocument {
  const records = [rolledBackJournal(), completedJournal(), inProgressJournal()].map((j) =>
    historyRecordOf(j, CONTEXTS[j.rotationId] as RecordContext),
  );
  const okta: OktaLogSection[] = [
    {
      status: 'notPermitted',
      detail: 'The service app may not read the System Log: grant it okta.logs.read.',
    },
    LISTED,
    { status: 'notQueried', detail: 'globex.okta.com is no longer in the setting oktaWorkflows.orgs.' },
  ];
  return {
    exportedAt: '2026-11-28T08:00:00.000Z',
    exportedBy: 'jdoe',
    selection: { org: 'all', from: '2026-09-01', to: '2026-11-30' },
    rotations: records.map((record, i) => ({ record, okta: okta[i] as OktaLogSection })),
  };
}
