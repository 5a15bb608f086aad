import { existsSync } from 'node:fs';

/** Debian's Chromium, started headless with no network chatter of its own. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Developers without Chromium get a skip that says so; CI installs it (.ci/run) and must run browser tests. */
export const chromiumMissing = !existsSync(CHROMIUM) && !process.env.CI;
