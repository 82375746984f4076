// An esbuild plugin: in a bundle, src/okta/http/packageVersion.ts becomes the version package.json holds at build
// time, since the bundle has no package.json beside it to read (the Okta client's User-Agent names that version).
import { readFileSync } from 'node:fs';

const manifest = new URL('../package.json', import.meta.url);

/** @type {import('esbuild').Plugin} */
export const packageVersion = {
  name: 'package-version',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]okta[\\/]http[\\/]packageVersion\.ts$/ }, () => {
      const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
      return { contents: `export const PACKAGE_VERSION = ${JSON.stringify(version)};\n`, loader: 'ts' };
    });
  },
};
