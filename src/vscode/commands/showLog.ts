import type { Services } from '../platform/services.ts';

export function showLog(s: Services): void {
  s.log.show();
}
