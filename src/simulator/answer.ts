// What a route handler (or the service app's token check) answers: a status, a JSON body, headers.
import type { OktaErrorAnswer } from './errors.ts';

export interface Answer {
  status: number;
  /** undefined: no body (204) */
  body?: unknown;
  headers?: Record<string, string | string[]>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string | string[]>): Answer => ({
  status,
  body,
  headers,
});
export const fromError = (e: OktaErrorAnswer): Answer => ({ status: e.status, body: e.body });
