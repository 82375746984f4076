// The extension host's files, split so that activation loads one file and every module is in exactly one file.
// esbuild splits only ES modules, into a chunk per combination of entry points (activation would load twenty of
// them), so the split is made here: a first build (ES modules, split, not written) says which modules each part
// reaches; the main file owns every module activation reaches; each part loaded later, in the order given, owns what
// it reaches that no earlier file owns. A part's import of a module another file owns becomes a require() of that
// file, which hands over its instance (`__modules`): one redaction registry, one class for an instanceof, one cache.
// Packages (node_modules) are bundled, tree-shaken, into each file that uses them: they keep no state the files
// share (zod's schemas are built by the module that declares them), and handing a package over would keep all of it.
// A dynamic import() of a part becomes a require() of its file, in a promise. The last check fails the build if a
// module of the extension ends up in two files anyway.
import * as esbuild from 'esbuild';
import { relative, resolve } from 'node:path';

/** A file of the extension: the main one (activation) or a part loaded later. */
/** @typedef {{ in: string, out: string }} Part */

const STATIC = new Set(['import-statement', 'require-call']);
const isPackage = (module) => module.includes('node_modules/');
const key = (path) => relative('.', path);

/** Which modules each file owns, and which of them later files import (and so must be handed over). */
async function ownership(common, main, parts) {
  const { metafile } = await esbuild.build({
    ...common,
    entryPoints: [main, ...parts].map((p) => ({ in: p.in, out: p.out })),
    format: 'esm',
    splitting: true,
    outdir: 'dist',
    write: false,
    minify: false,
    sourcemap: false,
    metafile: true,
    plugins: [...(common.plugins ?? []), lazyImports(parts, () => undefined)],
  });
  const outputs = new Map(Object.entries(metafile.outputs).map(([f, o]) => [resolve(f), o]));
  const modulesOf = (part) => {
    const start = [...outputs].find(([, o]) => o.entryPoint && resolve(o.entryPoint) === resolve(part.in))?.[0];
    const files = new Set([start]);
    for (const f of files)
      for (const i of outputs.get(f)?.imports ?? []) if (STATIC.has(i.kind)) files.add(resolve(i.path));
    return new Set([...files].flatMap((f) => Object.keys(outputs.get(f)?.inputs ?? {})));
  };
  /** @type {Map<string, Part>} module → the file that owns it */
  const owner = new Map();
  for (const part of [main, ...parts])
    for (const m of modulesOf(part)) if (!owner.has(m) && !isPackage(m)) owner.set(m, part);
  /** @type {Map<Part, Set<string>>} the modules each file hands over */
  const handed = new Map([main, ...parts].map((p) => [p, new Set()]));
  for (const [m, part] of owner)
    for (const i of metafile.inputs[m]?.imports ?? []) {
      const other = owner.get(i.path);
      if (STATIC.has(i.kind) && other && other !== part) handed.get(other).add(i.path);
    }
  return { owner, handed };
}

/** An import() of a part becomes its file, left to run time; any other import() is refused (it would have no name). */
function lazyImports(parts, outOf) {
  const byPath = new Map(parts.map((p) => [resolve(p.in), p]));
  return {
    name: 'lazy-imports',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const part = byPath.get(resolve(args.resolveDir, args.path));
        if (!part)
          return {
            errors: [{ text: `${args.path} is imported with import(): name it among the parts (esbuild.mjs)` }],
          };
        return outOf(part);
      });
    },
  };
}

/** The final build of one file: its own modules, the others' taken from their files, its handed-over ones exposed. */
function partBuild(common, part, { owner, handed }, parts) {
  const mine = [...handed.get(part)];
  const entry = [
    `export * from ${JSON.stringify(resolve(part.in))};`,
    ...mine.map((m, i) => `import * as m${i} from ${JSON.stringify(resolve(m))};`),
    `export const __modules = {${mine.map((m, i) => `${JSON.stringify(m)}: m${i}`).join(', ')}};`,
  ].join('\n');
  const elsewhere = {
    name: 'owned-elsewhere',
    setup(build) {
      // The stub's own require() of the owner's file: left to run time.
      build.onResolve({ filter: /.*/, namespace: 'owned-elsewhere' }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'resolving' || args.kind === 'entry-point' || args.kind === 'dynamic-import')
          return undefined;
        const r = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'resolving',
        });
        if (r.errors.length > 0 || r.external) return undefined;
        const other = owner.get(key(r.path));
        if (!other || other === part) return undefined;
        return { path: key(r.path), namespace: 'owned-elsewhere', pluginData: other };
      });
      build.onLoad({ filter: /.*/, namespace: 'owned-elsewhere' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(`./${args.pluginData.out}.js`)}).__modules[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
  return {
    ...common,
    stdin: { contents: entry, resolveDir: resolve('.'), sourcefile: `${part.out}.entry.js`, loader: 'js' },
    outfile: `dist/${part.out}.js`,
    format: 'cjs',
    // import() of a part becomes require() in a promise: one module system in the extension host.
    supported: { 'dynamic-import': false },
    metafile: true,
    plugins: [
      ...(common.plugins ?? []),
      lazyImports(parts, (p) => ({ path: `./${p.out}.js`, external: true })),
      elsewhere,
    ],
  };
}

/**
 * Builds `main` and `parts` into dist/<out>.js; resolves to each file's size, the modules it holds and whether
 * activation loads it. Throws when a module would be in two files.
 */
export async function buildParts(common, main, parts) {
  const split = await ownership(common, main, parts);
  const results = await Promise.all([main, ...parts].map((p) => esbuild.build(partBuild(common, p, split, parts))));
  const seen = new Map();
  return [main, ...parts].map((part, i) => {
    const [file, output] = Object.entries(results[i].metafile.outputs).find(([f]) => f.endsWith('.js'));
    const modules = Object.keys(output.inputs).filter(
      (m) => !isPackage(m) && !m.startsWith('owned-elsewhere:') && !m.startsWith('<'),
    );
    for (const m of modules) {
      if (seen.has(m)) throw new Error(`${m} is in both ${seen.get(m)} and ${file}: it would exist twice at run time`);
      seen.set(m, file);
    }
    return { part, file: key(resolve(file)), bytes: output.bytes, modules };
  });
}
