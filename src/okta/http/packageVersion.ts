// The extension's version, as package.json says it: the one place it is written. Node running the sources (tests,
// tools, benches) reads it here; a bundle has no package.json beside it, so esbuild writes the version in at build
// time instead of this file (scripts/package-version-plugin.mjs).
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const PACKAGE_VERSION = manifest.version;
