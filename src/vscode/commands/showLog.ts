import type { Services } from '../services.ts';

export function showLog(s: Services): void {
  s.log.show();
}
