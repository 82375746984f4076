// The tree's redraws coalesced: a burst of changes (orgs settling one after another) makes one redraw at once and
// one when the quiet time is up, never one per change; the end of the loads is drawn at once. The timer is a
// hand-run schedule (the one place a stand-in is used here: what is tested is which redraws happen, not when).
import assert from 'node:assert/strict';
import { CoalescedRedraw, type Schedule } from '../../../src/fleet/tree/coalescedRedraw.ts';

function handRun(): { schedule: Schedule; due: Array<() => void>; runDue(): void } {
  const due: Array<() => void> = [];
  const schedule: Schedule = (fn) => {
    due.push(fn);
    return () => {
      const at = due.indexOf(fn);
      if (at >= 0) due.splice(at, 1);
    };
  };
  return { schedule, due, runDue: () => due.splice(0).forEach((fn) => fn()) };
}

describe('the tree: coalesced redraws', () => {
  it('a burst of two hundred changes: one redraw at once, one when the quiet time is up, then none', () => {
    const clock = handRun();
    let draws = 0;
    const redraws = new CoalescedRedraw(() => draws++, 100, clock.schedule);
    for (let i = 0; i < 200; i++) redraws.request();
    assert.equal(draws, 1, 'the first change is drawn at once, the others wait');
    clock.runDue();
    assert.equal(draws, 2, 'the changes asked for meanwhile are drawn together');
    clock.runDue();
    assert.equal(draws, 2, 'nothing was asked for since: no redraw');
    assert.equal(clock.due.length, 0, 'and nothing is left scheduled');
    redraws.request();
    assert.equal(draws, 3, 'after a quiet time, a change is drawn at once again');
  });

  it('now() draws at once, inside the quiet time too, and takes along what was waiting', () => {
    const clock = handRun();
    let draws = 0;
    const redraws = new CoalescedRedraw(() => draws++, 100, clock.schedule);
    redraws.request();
    redraws.request();
    redraws.now();
    assert.equal(draws, 2, 'the end of the loads is not kept waiting');
    clock.runDue();
    assert.equal(draws, 2, 'what was waiting was drawn with it');
  });

  it('draws nothing once disposed', () => {
    const clock = handRun();
    let draws = 0;
    const redraws = new CoalescedRedraw(() => draws++, 100, clock.schedule);
    redraws.request();
    redraws.request();
    redraws.dispose();
    clock.runDue();
    redraws.request();
    redraws.now();
    assert.equal(draws, 1);
  });
});
