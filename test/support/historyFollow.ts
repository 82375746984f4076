// A rotation's history kept as VS Code keeps it: the recorder is told every change of the engine (the running
// rotations' onDidChangeRotation does this in the extension), and the engine never waits on it.
import type { RecordContext } from '../../src/history/fromJournal.ts';
import type { HistoryRecorder } from '../../src/history/recording.ts';
import type { RotationEngine } from '../../src/rotation/engine.ts';

export function followHistory(
  engine: RotationEngine,
  recorder: HistoryRecorder,
  context: () => Promise<RecordContext>,
): () => void {
  recorder.record(engine.journal(), context);
  return engine.onDidChange((snapshot) => recorder.record(snapshot.journal, context));
}
