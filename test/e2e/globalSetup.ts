// Once per e2e run, before any suite: the production build packaged as a .vsix, as it ships. Each suite installs
// it into its own fresh code-server. A build or packaging failure stops the run here, with vsce's own words.
import { packageExtension } from './vsix.ts';

export function mochaGlobalSetup(): void {
  const started = Date.now();
  const vsix = packageExtension();
  process.env.E2E_VSIX = vsix;
  console.log(`  e2e: built and packaged ${vsix} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The packaged extension (set by mochaGlobalSetup). */
export function extensionVsix(): string {
  const vsix = process.env.E2E_VSIX;
  if (!vsix)
    throw new Error(
      'e2e: no packaged extension; run the suite through test/e2e/.mocharc.json (its require runs globalSetup.ts).',
    );
  return vsix;
}
