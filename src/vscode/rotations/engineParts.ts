// What a rotation needs beyond its journals: the engine (its steps and guards), the snapshot it is read as, and the
// checklist panels with the words they show. Loaded when this window first starts, resumes or reads a rotation
// (esbuild.mjs emits it as dist/rotations.js), not at activation: the tree's markers need only the journals.
export { RotationEngine } from '../../rotation/engine.ts';
export { buildSnapshot } from '../../rotation/snapshot.ts';
export { ChecklistPanels } from './checklistPanels.ts';
