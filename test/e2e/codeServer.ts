// One code-server process (VS Code 1.139 for the browser) with its own user data and extensions folders.
// It runs in its own process group so that stopping it also stops the extension host, pty host and file watcher
// it spawns: a leaked extension host would keep the port and the simulator's sockets busy after the suite.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ToolPaths } from './toolPaths.ts';

export interface CodeServerOptions {
  tools: ToolPaths;
  /** The .vsix files installed with --install-extension before the server starts. */
  vsixFiles: string[];
  userDataDir: string;
  extensionsDir: string;
  /** The folder VS Code opens. */
  folder: string;
  /** Written to <userDataDir>/User/settings.json before start. */
  userSettings: Record<string, unknown>;
  /** code-server's stdout and stderr go here. */
  logFile: string;
  /** How long to wait for "HTTP server listening on" (default 60 s; the first start compiles nothing, but 2 busy cores are slow). */
  startTimeoutMs?: number;
  /** Added to its environment (and so its extension host's): e.g. NODE_EXTRA_CA_CERTS, as a person's machine sets it. */
  env?: Record<string, string>;
}

/** Settings that keep the workbench quiet and deterministic: no welcome page, tips, update or telemetry prompts. */
const QUIET_SETTINGS: Readonly<Record<string, unknown>> = Object.freeze({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
});

export class CodeServer {
  readonly url: string;
  readonly #process: ChildProcess;
  readonly #log: WriteStream;
  #exited: Promise<void>;

  private constructor(url: string, child: ChildProcess, log: WriteStream, exited: Promise<void>) {
    this.url = url;
    this.#process = child;
    this.#log = log;
    this.#exited = exited;
  }

  static async start(opts: CodeServerOptions): Promise<CodeServer> {
    const { tools } = opts;
    mkdirSync(join(opts.userDataDir, 'User'), { recursive: true });
    mkdirSync(opts.extensionsDir, { recursive: true });
    writeFileSync(
      join(opts.userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...QUIET_SETTINGS, ...opts.userSettings }, null, 2),
    );

    const common = [
      '--config',
      tools.codeServerConfig,
      '--user-data-dir',
      opts.userDataDir,
      '--extensions-dir',
      opts.extensionsDir,
    ];
    for (const vsix of opts.vsixFiles) {
      const r = spawnSync(tools.node, [tools.codeServerEntry, ...common, '--force', '--install-extension', vsix], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
      if (r.status !== 0 || !/successfully installed/i.test(output)) {
        throw new Error(
          `e2e: code-server --install-extension ${vsix} failed (exit ${r.status ?? r.signal}):\n${output}`,
        );
      }
    }

    const log = createWriteStream(opts.logFile);
    // Port 0: the kernel picks a free port and code-server prints it; no race between probing and binding.
    const args = [
      tools.codeServerEntry,
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      opts.folder,
    ];
    const child = spawn(tools.node, args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env, PATH: `${join(tools.node, '..')}:${process.env.PATH ?? ''}` },
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    liveGroups.add(child.pid ?? 0);
    exited.then(
      () => liveGroups.delete(child.pid ?? 0),
      () => undefined,
    );

    const timeoutMs = opts.startTimeoutMs ?? 60_000;
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `e2e: code-server did not print "HTTP server listening on" within ${timeoutMs / 1000} s. Log: ${opts.logFile}\n${seen.slice(-2000)}`,
            ),
          ),
        timeoutMs,
      );
      const onData = (chunk: Buffer): void => {
        log.write(chunk);
        seen += chunk.toString('utf8');
        const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `e2e: code-server exited (${code ?? signal}) before listening. Log: ${opts.logFile}\n${seen.slice(-2000)}`,
          ),
        );
      });
    }).catch(async (err: unknown) => {
      killGroup(child.pid, 'SIGKILL');
      await exited;
      log.end();
      throw err;
    });
    return new CodeServer(url, child, log, exited);
  }

  /** Stops code-server and everything it spawned: SIGTERM to the group, SIGKILL if it lingers. */
  async stop(): Promise<void> {
    const pid = this.#process.pid;
    if (this.#process.exitCode === null && this.#process.signalCode === null) {
      killGroup(pid, 'SIGTERM');
      const graceful = await Promise.race([this.#exited.then(() => true), delay(5_000).then(() => false)]);
      if (!graceful) killGroup(pid, 'SIGKILL');
      await this.#exited;
    }
    // Children that outlive the parent (the extension host) are in the same group.
    killGroup(pid, 'SIGKILL');
    await new Promise<void>((resolve) => this.#log.end(resolve));
  }
}

const liveGroups = new Set<number>();

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Last resort when mocha exits without running the after hooks (an uncaught error, Ctrl-C): no orphan servers.
process.once('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
    process.exit(130);
  });
}
