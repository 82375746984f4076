// One cold run of the activation benchmark, in its own process: load dist/extension.js and run activate()
// against a minimal stand-in for the `vscode` module (the one place a stand-in is fine: no VS Code runs here).
// Prints {ms, loadMs, maxRssKiB, loadedByActivation, lazyMs}. Any API the stand-in lacks answers with an inert callable proxy.
/* global __dirname */
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

function inert() {
  const target = function () {};
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then' || typeof key === 'symbol') return undefined;
      if (key === 'dispose') return () => undefined;
      return inert();
    },
    apply: () => inert(),
    construct: () => inert(),
  });
}
class EventEmitter {
  listeners = [];
  event = (l) => (this.listeners.push(l), { dispose: () => undefined });
  fire(v) {
    for (const l of this.listeners) l(v);
  }
  dispose() {}
}
const event = () => ({ dispose: () => undefined });
const configuration = { get: (_k, d) => d, inspect: () => undefined, has: () => false, update: async () => undefined };
const vscode = new Proxy(
  {
    EventEmitter,
    Disposable: class {
      constructor(f) {
        this.f = f;
      }
      dispose() {
        this.f?.();
      }
      static from() {
        return { dispose() {} };
      }
    },
    workspace: new Proxy(
      {
        getConfiguration: () => configuration,
        onDidChangeConfiguration: event,
        isTrusted: true,
        workspaceFolders: undefined,
      },
      { get: (t, k) => (k in t ? t[k] : inert()) },
    ),
    window: new Proxy(
      {
        createOutputChannel: () => inert(),
        createTreeView: () => inert(),
        registerWebviewPanelSerializer: () => inert(),
      },
      { get: (t, k) => (k in t ? t[k] : inert()) },
    ),
    commands: { registerCommand: () => ({ dispose() {} }), executeCommand: async () => undefined },
    Uri: {
      file: (p) => ({ fsPath: p, path: p }),
      joinPath: (u, ...p) => ({ fsPath: path.join(u.fsPath, ...p), path: path.join(u.fsPath, ...p) }),
      parse: (s) => ({ fsPath: s, path: s, toString: () => s }),
    },
  },
  { get: (t, k) => (k in t ? t[k] : typeof k === 'symbol' || k === 'then' ? undefined : inert()) },
);
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const storage = path.join(os.tmpdir(), `okta-bench-${process.pid}`);
const memento = () => ({
  get: (_k, d) => d,
  update: async () => undefined,
  keys: () => [],
  setKeysForSync: () => undefined,
});
const context = {
  subscriptions: [],
  secrets: {
    get: async () => undefined,
    store: async () => undefined,
    delete: async () => undefined,
    onDidChange: event,
  },
  globalState: memento(),
  workspaceState: memento(),
  globalStorageUri: { fsPath: storage, path: storage },
  extensionUri: { fsPath: path.resolve(__dirname, '..'), path: path.resolve(__dirname, '..') },
  extensionPath: path.resolve(__dirname, '..'),
  extensionMode: 1,
  extension: { packageJSON: require('../package.json') },
  asAbsolutePath: (p) => path.resolve(__dirname, '..', p),
};
const started = performance.now();
const extension = require('../dist/extension.js');
const loaded = performance.now();
extension.activate(context);
const ms = performance.now() - started;
// What activation left unloaded (it must load neither), then what loading each costs when first needed: undici on
// the first request to an org, the simulator on Start Practice Orgs.
const lazyFiles = ['undici-pool.js', 'simulator.js'];
const loadedByActivation = lazyFiles.filter(
  (f) => require.cache[path.resolve(__dirname, '..', 'dist', f)] !== undefined,
);
const lazyMs = {};
for (const f of lazyFiles) {
  const t = performance.now();
  require(`../dist/${f}`);
  lazyMs[f] = performance.now() - t;
}
process.stdout.write(
  JSON.stringify({
    ms,
    loadMs: loaded - started,
    maxRssKiB: process.resourceUsage().maxRSS,
    loadedByActivation,
    lazyMs,
  }) + '\n',
);
for (const d of context.subscriptions)
  try {
    d.dispose?.();
  } catch {
    /* the stand-in is partial */
  }
process.exit(0);
