// Login CSRF in a real browser: a page on another origin auto-submits a login form (the
// attacker's own credentials, the seed's token-less POST /oauth2/authorize) to Latchkey. The
// victim's browser must not end up signed in: no code reaches the redirect URI and no SSO
// cookie is set. A control sign-in through the hosted form in the same browser still works.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, before, test } from 'node:test';

import { DEFAULT_API_KEY } from '../integration/support/kickstart.mjs';
import { startServer } from '../integration/support/server.mjs';
import { launchChromium } from './support/browser.mjs';
import { startReceiver } from './support/receiver.mjs';

const PASSWORD = 'correct horse battery staple';

let server;
let rp;
let browser;
let attacker;
let app;
let callback;
let victimOfLoginCsrf;  // the attacker's own account, which the forged form signs in to

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

const escape = (text) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

// The attacker's site: one page whose form posts itself to Latchkey as soon as it loads.
async function startAttacker() {
  const page = () => {
    const fields = {
      client_id: app.id, redirect_uri: callback, response_type: 'code', scope: 'openid',
      state: 'forged', loginId: victimOfLoginCsrf, password: PASSWORD,
    };
    const inputs = Object.entries(fields)
      .map(([name, value]) => `<input type="hidden" name="${name}" value="${escape(value)}">`).join('');
    return `<!DOCTYPE html><title>Win a prize</title>
      <body onload="document.forms[0].submit()">
      <form method="POST" action="${server.url}/oauth2/authorize">${inputs}</form></body>`;
  };
  const httpServer = http.createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(page());
  });
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address();
  return {
    // Another site (localhost is not 127.0.0.1) and a sibling origin on the same host.
    crossSite: `http://localhost:${port}/prize`,
    sameSite: `http://127.0.0.1:${port}/prize`,
    html: page,
    close: () => new Promise((resolve) => httpServer.close(resolve)),
  };
}

before(async () => {
  [server, rp, browser] = await Promise.all([startServer(), startReceiver(), launchChromium()]);
  callback = `${rp.url}/callback`;
  ({ application: app } = await api('POST', '/api/application', {
    application: {
      name: `e2e-csrf-${randomUUID()}`,
      oauthConfiguration: {
        authorizedRedirectURLs: [callback],
        enabledGrants: ['authorization_code'],
        clientAuthenticationPolicy: 'Required',
        proofKeyForCodeExchangePolicy: 'NotRequired',
      },
    },
  }));
  victimOfLoginCsrf = `attacker-${randomUUID()}@e2e.example`;
  await api('POST', '/api/user/registration', {
    user: { email: victimOfLoginCsrf, password: PASSWORD },
    registration: { applicationId: app.id },
  });
  attacker = await startAttacker();
});
after(async () => {
  await browser?.close();
  await attacker?.close();
  await rp?.close();
  await server?.dispose();
});

const codesReceived = () => rp.requests.filter((url) => url.pathname === '/callback' && url.searchParams.get('code'));

// Opens `url` in a fresh browser context and waits for the forged POST's answer.
async function visitAttacker(url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const answered = page.waitForResponse((response) =>
      response.url() === `${server.url}/oauth2/authorize` && response.request().method() === 'POST');
    await page.goto(url);
    const response = await answered;
    await page.waitForLoadState('load');
    return {
      status: response.status(),
      location: response.headers().location,
      requestHeaders: await response.request().allHeaders(),
      cookies: await context.cookies(server.url),
      finalUrl: page.url(),
    };
  } finally {
    await context.close();
  }
}

for (const [label, key] of [['another site', 'crossSite'], ['a sibling origin on the same host', 'sameSite']]) {
  test(`login CSRF: a form on ${label} that posts credentials to /oauth2/authorize signs no one in`, async () => {
    const before = codesReceived().length;
    const result = await visitAttacker(attacker[key]);
    // The browser did send the cross-site signal the server relies on.
    assert.notEqual(result.requestHeaders.origin, server.url);
    assert.equal(result.status, 403);
    assert.equal(result.location, undefined, 'no redirect with a code');
    assert.equal(result.cookies.find((c) => c.name === 'lk_sso'), undefined, 'no SSO session cookie');
    assert.equal(codesReceived().length, before, 'no code reached the redirect URI');
    assert.ok(!result.finalUrl.startsWith(callback));
  });
}

test('login CSRF: an opaque origin (a data: URL page) is refused as well', async () => {
  const before = codesReceived().length;
  const result = await visitAttacker(`data:text/html;base64,${Buffer.from(attacker.html()).toString('base64')}`);
  assert.equal(result.requestHeaders.origin, 'null');
  assert.equal(result.status, 403);
  assert.equal(result.cookies.find((c) => c.name === 'lk_sso'), undefined);
  assert.equal(codesReceived().length, before);
});

test('control: the same account signs in through the hosted form in the same browser', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const query = new URLSearchParams({ client_id: app.id, redirect_uri: callback, response_type: 'code', state: 'real' });
    await page.goto(`${server.url}/oauth2/authorize?${query}`);
    await page.getByLabel('Email or username').fill(victimOfLoginCsrf);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL((url) => url.href.startsWith(callback));
    assert.ok(new URL(page.url()).searchParams.get('code'));
    assert.ok((await context.cookies(server.url)).find((c) => c.name === 'lk_sso'));
  } finally {
    await context.close();
  }
});
