// Mocha's spec reporter, plus a closing line "N passed, N failed, N skipped" that CI reads in any language,
// and (when TEST_STATS_FILE is set) the counts appended as one JSON line so scripts/test.mjs can total stages.
'use strict';
const fs = require('node:fs');
const { reporters } = require('mocha');

class SummaryReporter extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const s = this.stats;
      const pending = s.pending ?? 0;
      process.stdout.write(`\n${s.passes} passed, ${s.failures} failed${pending ? `, ${pending} skipped` : ''}\n`);
      const file = process.env.TEST_STATS_FILE;
      if (file) {
        const suite = process.env.TEST_STAGE ?? 'mocha';
        fs.appendFileSync(file, JSON.stringify({ suite, passes: s.passes, failures: s.failures, pending }) + '\n');
      }
    });
  }
}
module.exports = SummaryReporter;
