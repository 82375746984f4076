// Renders media/icon-marketplace.svg (the source, not shipped) to media/icon.png, the 128×128 icon the
// Marketplace and the Extensions view show, with the Chromium the e2e tests use (scripts/e2e-setup.sh, or the
// system's). Run it after changing the SVG: `node scripts/render-icon.mjs`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const paths = join(root, '.cache', 'e2e', 'paths.json');
const executablePath = existsSync(paths) ? JSON.parse(readFileSync(paths, 'utf8')).chromium : '/usr/bin/chromium';
const svg = readFileSync(join(root, 'media', 'icon-marketplace.svg'), 'utf8');

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'], headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(root, 'media', 'icon.png'), omitBackground: true });
  console.log('media/icon.png written (128×128)');
} finally {
  await browser.close();
}
