// `node scripts/check-import-cycles.mjs [folder…]` (run by `npm run lint`): fails when the TypeScript files under
// the given folders import each other in a circle, `import type` included (a type-only circle is no cost at run
// time, but nobody can read one file of it without all the others). Imports are read by TypeScript's own
// pre-processor, so every form counts: import, import type, export … from, and import('…').
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const folders = process.argv.slice(2);
if (folders.length === 0) {
  console.error('Usage: node scripts/check-import-cycles.mjs <folder> [more folders]');
  process.exit(2);
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = folders.flatMap((f) => filesUnder(resolve(root, f)));
const inScope = new Set(files);
/** Each file's imports of other files in scope. */
const edges = new Map(
  files.map((file) => {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name))
      .filter((target) => inScope.has(target));
    return [file, [...new Set(targets)]];
  }),
);

// Tarjan's strongly connected components: every component of more than one file (or a file importing itself) is a
// circle.
let index = 0;
const indices = new Map();
const lowlinks = new Map();
const stack = [];
const onStack = new Set();
const circles = [];
function connect(file) {
  indices.set(file, index);
  lowlinks.set(file, index);
  index++;
  stack.push(file);
  onStack.add(file);
  for (const next of edges.get(file) ?? []) {
    if (!indices.has(next)) {
      connect(next);
      lowlinks.set(file, Math.min(lowlinks.get(file), lowlinks.get(next)));
    } else if (onStack.has(next)) lowlinks.set(file, Math.min(lowlinks.get(file), indices.get(next)));
  }
  if (lowlinks.get(file) !== indices.get(file)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== file);
  if (component.length > 1 || (edges.get(file) ?? []).includes(file)) circles.push(component);
}
for (const file of files) if (!indices.has(file)) connect(file);

if (circles.length === 0) {
  console.log(`import cycles: none in ${folders.join(', ')} (${files.length} files)`);
  process.exit(0);
}
for (const circle of circles) {
  const members = new Set(circle);
  console.error(`import cycle of ${circle.length} files:`);
  for (const file of circle.sort())
    for (const target of edges.get(file) ?? [])
      if (members.has(target)) console.error(`  ${relative(root, file)} -> ${relative(root, target)}`);
}
process.exit(1);
