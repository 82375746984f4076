// The network options of every Okta client, read from VS Code's http.* settings and the extension host's
// environment (networkOptionsFrom.ts), and a listener for their changes: the clients are dropped and the next
// request takes the new route, without a reload.
import * as vscode from 'vscode';
import type { NetworkLog, NetworkOptions } from '../../okta/network/networkOptions.ts';
import type { Log } from '../platform/log.ts';
import { NETWORK_SETTINGS, networkOptionsFrom } from './networkOptionsFrom.ts';

export class NetworkSettings {
  // One object for the session: "certificate checks are off" is said once per log.
  private readonly log: NetworkLog;

  constructor(log: Log) {
    this.log = { info: (m) => log.info(m), warn: (m) => log.warn(m) };
  }

  read(): NetworkOptions {
    const http = vscode.workspace.getConfiguration('http');
    return networkOptionsFrom((name) => http.get(name), process.env, this.log);
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((e) => {
      if (NETWORK_SETTINGS.some((name) => e.affectsConfiguration(`http.${name}`))) listener();
    });
  }
}
