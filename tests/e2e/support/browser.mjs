// Debian's Chromium (/usr/bin/chromium, installed by scripts/install-deps.sh) driven by
// playwright-core. Playwright's own browser download is never used.
//
//   const browser = await launchChromium();
//   after(() => browser.close());

import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.LATCHKEY_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    // --no-sandbox: the tests run as root in a container, where Chromium's sandbox cannot start.
    // The rest keeps the browser off the network and quiet: it only talks to 127.0.0.1.
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
