// The theme in effect on the hosted login page, in a real Chromium: the application's theme
// stylesheet is applied under the page's Content-Security-Policy (computed styles prove it, and
// the browser reports no CSP violation), a stylesheet trying to leave its <style> element runs
// nothing, the page names the application, and the selectors UI tests written against
// FusionAuth's default theme use (#loginId, #password, button.blue.button) sign in.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { DEFAULT_API_KEY } from '../integration/support/kickstart.mjs';
import { startServer } from '../integration/support/server.mjs';
import { launchChromium } from './support/browser.mjs';
import { startReceiver } from './support/receiver.mjs';

const FUSIONAUTH_THEME_ID = '75a068fd-e94b-451a-9aeb-3ddb9a3b5987';
const PASSWORD = 'themed pages passphrase';
const STYLESHEET = [
  '.panel { border-top: 7px solid rgb(1, 2, 3); }',
  '#application-name { color: rgb(200, 10, 20); }',
  '.blue.button { background-color: rgb(0, 128, 0); }',
  // Hostile: FusionAuth refuses a literal "</style" or <script>, so this is what may be
  // stored; whatever '<' a stylesheet holds, the page escapes it and no element appears.
  '.x::after { content: "<\\/style><img src=x>"; }',
].join('\r\n');

let server;
let rp;
let browser;
let app;
let callback;

async function api(method, path, body) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: DEFAULT_API_KEY, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

before(async () => {
  [server, rp, browser] = await Promise.all([startServer(), startReceiver(), launchChromium()]);
  callback = `${rp.url}/callback`;
  const { theme } = await api('POST', '/api/theme', {
    sourceThemeId: FUSIONAUTH_THEME_ID, theme: { name: `e2e theme ${randomUUID()}` },
  });
  await api('PATCH', `/api/theme/${theme.id}`, { theme: { stylesheet: STYLESHEET } });
  ({ application: app } = await api('POST', '/api/application', {
    application: {
      name: `Themed e2e ${randomUUID().slice(0, 8)}`,
      themeId: theme.id,
      oauthConfiguration: {
        authorizedRedirectURLs: [callback],
        enabledGrants: ['authorization_code'],
        clientAuthenticationPolicy: 'NotRequired',
      },
    },
  }));
});
after(async () => {
  await browser?.close();
  await rp?.close();
  await server?.dispose();
});

test('the login page applies the application theme under its CSP and names the application', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const violations = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to apply/i.test(message.text())) violations.push(message.text());
    });
    const query = new URLSearchParams({ client_id: app.id, redirect_uri: callback, response_type: 'code' });
    const response = await page.goto(`${server.url}/oauth2/authorize?${query}`);
    const csp = response.headers()['content-security-policy'];
    assert.ok(!csp.includes('unsafe-inline'), csp);

    assert.equal(await page.title(), `Login | ${app.name}`);
    assert.equal(await page.locator('#application-name').textContent(), app.name);
    const styles = await page.evaluate(() => ({
      panel: getComputedStyle(document.querySelector('.panel')).borderTopColor,
      panelWidth: getComputedStyle(document.querySelector('.panel')).borderTopWidth,
      name: getComputedStyle(document.querySelector('#application-name')).color,
      button: getComputedStyle(document.querySelector('button.blue.button')).backgroundColor,
      images: document.images.length,
      scripts: document.scripts.length,
      styleElements: document.querySelectorAll('style').length,
    }));
    assert.deepEqual(styles, {
      panel: 'rgb(1, 2, 3)', panelWidth: '7px', name: 'rgb(200, 10, 20)', button: 'rgb(0, 128, 0)',
      images: 0, scripts: 0, styleElements: 2,
    });
    assert.deepEqual(violations, []);

    // FusionAuth's default-theme selectors sign in.
    const email = `themed-${randomUUID()}@e2e.example`;
    await api('POST', '/api/user/registration', {
      user: { email, password: PASSWORD }, registration: { applicationId: app.id },
    });
    await page.fill('#loginId', email);
    await page.fill('#password', PASSWORD);
    await page.click('button.blue.button');
    await page.waitForURL((url) => url.href.startsWith(callback));
    assert.ok(new URL(page.url()).searchParams.get('code'));
  } finally {
    await context.close();
  }
});

test('a page whose inline style was not written by the server does not get it applied', async () => {
  // The CSP allows the page's own <style> elements by hash, not 'unsafe-inline': a style
  // element added later (as an injection would) is refused by the browser.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const query = new URLSearchParams({ client_id: app.id, redirect_uri: callback, response_type: 'code' });
    await page.goto(`${server.url}/oauth2/authorize?${query}`);
    const color = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = '.panel { border-top-color: rgb(9, 9, 9) !important; }';
      document.head.appendChild(style);
      return getComputedStyle(document.querySelector('.panel')).borderTopColor;
    });
    assert.equal(color, 'rgb(1, 2, 3)');
  } finally {
    await context.close();
  }
});
