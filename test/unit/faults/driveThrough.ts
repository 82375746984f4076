// A careful person who keeps going after failures: takes the snapshot's next action (pickAction of
// ../rotation/world.ts), and when a step fails, runs it again, up to a bound. Optionally the window is "killed"
// after every action: the engine is thrown away and a new one resumed from the same stores.
import { RotationEngine } from '../../../src/rotation/engine.ts';
import type { ActionOutcome, RotationDeps } from '../../../src/rotation/engine.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import { pickAction } from '../rotation/world.ts';
import type { PersonChoices } from '../rotation/world.ts';

export interface ThroughResult {
  engine: RotationEngine;
  snapshot: RotationSnapshot;
  failures: ActionOutcome[];
  outcomes: ActionOutcome[];
  resumes: number;
}

export interface ThroughOptions extends PersonChoices {
  /** Failed actions tolerated before giving up (default 8). */
  maxFailures?: number;
  /** Kill the engine after every action and resume a fresh one from these deps. */
  resumeAfterEach?: () => RotationDeps;
  /** Called before each action with whether the previous one went through (to arm a fault). */
  beforeAction?: (previousOk: boolean) => void;
  /** Called with every snapshot seen (for the leak audit). */
  onSnapshot?: (s: RotationSnapshot) => void;
}

export async function driveThrough(start: RotationEngine, opts: ThroughOptions = {}): Promise<ThroughResult> {
  let engine = start;
  const failures: ActionOutcome[] = [];
  const outcomes: ActionOutcome[] = [];
  let resumes = 0;
  let previousOk = true;
  const maxFailures = opts.maxFailures ?? 8;
  for (let i = 0; i < 120; i++) {
    const snapshot = engine.snapshot();
    opts.onSnapshot?.(snapshot);
    if (snapshot.outcome !== 'inProgress' || opts.stopWhen?.(snapshot))
      return { engine, snapshot, failures, outcomes, resumes };
    const action = pickAction(snapshot.nextActions, opts);
    if (!action) return { engine, snapshot, failures, outcomes, resumes };
    opts.beforeAction?.(previousOk);
    const outcome = await engine.perform(action);
    previousOk = outcome.ok;
    outcomes.push(outcome);
    if (!outcome.ok) {
      failures.push(outcome);
      if (failures.length > maxFailures) return { engine, snapshot: engine.snapshot(), failures, outcomes, resumes };
    }
    if (opts.resumeAfterEach) {
      engine = await RotationEngine.resume(engine.rotationId, opts.resumeAfterEach());
      resumes++;
    }
  }
  throw new Error('driveThrough: more than 120 actions; the engine is going round in circles');
}
