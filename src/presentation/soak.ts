// Why a production org's new secret waits for its own preview org (the soak), in words. The org is named by its
// host here; the checklist and the campaign then name it by its label.
import { utcTime } from './time.ts';

export function previewNeverRotated(previewOrg: string): string {
  return `no rotation of its preview org ${previewOrg} has completed yet`;
}

export function previewRotationTooOld(previewOrg: string, completedAt: string, recencyDays: number, now: Date): string {
  return `the last rotation of its preview org ${previewOrg} completed ${utcTime(completedAt, now)}, more than ${recencyDays} days ago`;
}

export function previewStillSoaking(
  previewOrg: string,
  completedAt: string,
  soak: { hours: number; readyAt: string },
  now: Date,
): string {
  return `its preview org ${previewOrg} completed its rotation ${utcTime(completedAt, now)}; the soak of ${soak.hours} h ends ${utcTime(soak.readyAt, now)}`;
}
