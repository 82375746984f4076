// The "Okta Workflows" log channel. Everything written here passes through redact(); callers also hand us the
// values they know to be secret (tokens) so they are masked even when they match no pattern.
import * as vscode from 'vscode';
import type { ApiCallLog } from '../../okta/client.ts';
import { redact } from '../../redact.ts';
import { apiCallLevel, describeError, formatApiCall } from './logFormat.ts';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Okta Workflows', { log: true });
  private readonly known = new Set<string>();

  /** Values (API tokens) to mask wherever they appear, whatever their shape. */
  addKnownSecret(value: string): void {
    if (value.length >= 8) this.known.add(value);
  }

  apiCall(org: string, call: ApiCallLog): void {
    const line = redact(formatApiCall(org, call), this.known);
    if (apiCallLevel(call) === 'warn') this.channel.warn(line);
    else this.channel.info(line);
  }

  info(message: string): void {
    this.channel.info(redact(message, this.known));
  }

  warn(message: string): void {
    this.channel.warn(redact(message, this.known));
  }

  error(context: string, e: unknown): void {
    this.channel.error(redact(`${context}: ${describeError(e)}`, this.known));
  }

  /** Work nobody awaits: its failure is logged, never lost. */
  background(context: string, work: PromiseLike<unknown>): void {
    Promise.resolve(work).catch((e: unknown) => this.error(context, e));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
