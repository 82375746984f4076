// The "Okta Workflows" log channel, which the README calls shareable with support. Everything written here passes
// through redact() (every credential and secret value registered this session, and credential shapes), and every
// entry is one line: a line break or control character in anything logged (Okta's text included) is made
// visible, so no text can forge a line of its own.
import * as vscode from 'vscode';
import type { ApiCallLog } from '../../okta/client.ts';
import { registerSecret } from '../../redact.ts';
import { apiCallLevel, apiCallLine, describeError, logLine } from './logFormat.ts';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Okta Workflows', { log: true });

  /** Values (API tokens, keys) to mask wherever they appear, whatever their shape: the one redaction registry. */
  addKnownSecret(value: string): void {
    registerSecret(value);
  }

  apiCall(org: string, call: ApiCallLog): void {
    const line = apiCallLine(org, call);
    if (apiCallLevel(call) === 'warn') this.channel.warn(line);
    else this.channel.info(line);
  }

  info(message: string): void {
    this.channel.info(logLine(message));
  }

  warn(message: string): void {
    this.channel.warn(logLine(message));
  }

  error(context: string, e: unknown): void {
    this.channel.error(logLine(`${context}: ${describeError(e)}`));
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
