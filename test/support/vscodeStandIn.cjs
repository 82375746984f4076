// A minimal stand-in for the `vscode` module, for loading dist/extension.js in a plain Node process (the bench's
// activation and fleet-memory runs, the test that the built files share one module state: the one place a stand-in
// is fine, since no VS Code runs there). Any API it lacks answers with an inert callable proxy. `settings` answers
// getConfiguration().get(); `secrets` is SecretStorage's content; `state` is globalState's to begin with. Each tree
// view created is kept in `treeViews` and rendered as VS Code renders it: at once, then after each change event (one
// render at a time, the events during one merged into the next), every expanded node's children fetched and every
// node's TreeItem built; `rendered` is the last render, `renders` how many there were.
/* global __dirname */
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');

function inert() {
  const target = function () {};
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then' || typeof key === 'symbol') return undefined;
      if (key === 'dispose') return () => undefined;
      return inert();
    },
    // Assignments (a status bar item's name, text) are accepted and forgotten.
    set: () => true,
    apply: () => inert(),
    construct: () => inert(),
  });
}

/** A tree view shown as VS Code shows it: what a render fetches, and the last render's nodes with their children. */
function renderedTree(provider) {
  const view = { renders: 0, rendered: undefined, rendering: false, again: false };
  const walk = async (node, depth) => {
    const nodes = (await provider.getChildren(node)) ?? [];
    return Promise.all(
      nodes.map(async (n) => {
        const item = provider.getTreeItem(n);
        const open = item.collapsibleState === 2 && depth < 4;
        return { node: n, item, children: open ? await walk(n, depth + 1) : [] };
      }),
    );
  };
  const render = async () => {
    if (view.rendering) return void (view.again = true);
    view.rendering = true;
    try {
      do {
        view.again = false;
        view.rendered = await walk(undefined, 0);
        view.renders++;
      } while (view.again);
    } finally {
      view.rendering = false;
    }
  };
  provider.onDidChangeTreeData?.(() => setTimeout(() => void render(), 0));
  setTimeout(() => void render(), 0);
  return view;
}

class EventEmitter {
  listeners = [];
  event = (l) => (this.listeners.push(l), { dispose: () => undefined });
  fire(v) {
    for (const l of this.listeners) l(v);
  }
  dispose() {}
}

/** Installs the stand-in for every later require('vscode'); returns the extension context and what it records. */
function installStandIn({ settings = {}, secrets = {}, state = {} } = {}) {
  const event = () => ({ dispose: () => undefined });
  const configuration = {
    get: (k, d) => (k in settings ? settings[k] : d),
    inspect: () => undefined,
    has: (k) => k in settings,
    update: async () => undefined,
  };
  const treeProviders = [];
  const treeViews = [];
  const vscode = new Proxy(
    {
      EventEmitter,
      // The bundle copies the module's own properties (esbuild's ESM interop): enums it reads must be here.
      StatusBarAlignment: { Left: 1, Right: 2 },
      TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
      ThemeIcon: class {
        constructor(id, color) {
          this.id = id;
          this.color = color;
        }
      },
      ThemeColor: class {
        constructor(id) {
          this.id = id;
        }
      },
      TreeItem: class {
        constructor(label, collapsibleState = 0) {
          this.label = label;
          this.collapsibleState = collapsibleState;
        }
      },
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
          createTreeView: (_id, options) => {
            treeProviders.push(options.treeDataProvider);
            treeViews.push(renderedTree(options.treeDataProvider));
            return inert();
          },
          registerWebviewPanelSerializer: () => inert(),
        },
        { get: (t, k) => (k in t ? t[k] : inert()) },
      ),
      // The clipboard, openExternal: accepted and forgotten.
      env: inert(),
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
  const memento = (initial = {}) => {
    const values = new Map(Object.entries(initial));
    return {
      get: (k, d) => (values.has(k) ? values.get(k) : d),
      update: async (k, v) => void values.set(k, v),
      keys: () => [...values.keys()],
      setKeysForSync: () => undefined,
    };
  };
  const root = path.resolve(__dirname, '..', '..');
  const context = {
    subscriptions: [],
    secrets: {
      get: async (k) => secrets[k],
      store: async () => undefined,
      delete: async () => undefined,
      onDidChange: event,
    },
    globalState: memento(state),
    workspaceState: memento(),
    globalStorageUri: { fsPath: storage, path: storage },
    extensionUri: { fsPath: root, path: root },
    extensionPath: root,
    extensionMode: 1,
    extension: { packageJSON: require('../../package.json') },
    asAbsolutePath: (p) => path.resolve(root, p),
  };
  return { context, treeProviders, treeViews };
}

module.exports = { installStandIn };
