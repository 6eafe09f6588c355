// CORS in a real browser (operate/secure/cors.mdx): a page served from ANOTHER origin (a tiny
// static server on another loopback port) calls Latchkey's /oauth2/token with fetch(). From
// an origin in corsConfiguration.allowedOrigins the call succeeds, with and without a
// preflight; from any other origin Chromium refuses it (fetch throws). With CORS on, the
// hosted login page (same origin, posting its form with an Origin header) still signs in.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, before, test } from 'node:test';

import { DEFAULT_API_KEY } from '../integration/support/kickstart.mjs';
import { startServer } from '../integration/support/server.mjs';
import { launchChromium } from './support/browser.mjs';
import { startReceiver } from './support/receiver.mjs';

const PASSWORD = 'cross origin passphrase';

let server;
let allowedSite;
let otherSite;
let rp;
let browser;
let app;
let email;

// A static site on its own port: one page, so the browser has an origin to call from.
async function startSite(title) {
  const site = http.createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!DOCTYPE html><title>${title}</title><h1>${title}</h1>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${site.address().port}`,
    close: () => new Promise((resolve) => site.close(resolve)),
  };
}

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

// Runs fetch() inside a page of `site`: a password grant at Latchkey's token endpoint.
// `preflight`: send the client's credentials in an Authorization header, which a browser may
// only send cross-origin after a preflight; otherwise they go in the form (a "simple" request).
async function tokenFromPage(site, { preflight }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(site.url);
    return await page.evaluate(async ({ tokenUrl, clientId, secret, username, password, withHeader }) => {
      const form = new URLSearchParams({ grant_type: 'password', username, password, scope: 'openid' });
      const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
      if (withHeader) {
        headers.Authorization = `Basic ${btoa(`${clientId}:${secret}`)}`;
      } else {
        form.set('client_id', clientId);
        form.set('client_secret', secret);
      }
      try {
        const response = await fetch(tokenUrl, { method: 'POST', headers, body: form });
        return { status: response.status, body: await response.json() };
      } catch (error) {
        return { thrown: `${error.name}: ${error.message}` };
      }
    }, {
      tokenUrl: `${server.url}/oauth2/token`, clientId: app.id, secret: app.oauthConfiguration.clientSecret,
      username: email, password: PASSWORD, withHeader: preflight,
    });
  } finally {
    await context.close();
  }
}

before(async () => {
  [server, allowedSite, otherSite, rp, browser] = await Promise.all([
    startServer(), startSite('Allowed SPA'), startSite('Other site'), startReceiver(), launchChromium(),
  ]);
  ({ application: app } = await api('POST', '/api/application', { application: {
    name: `cors-e2e-${randomUUID()}`,
    oauthConfiguration: {
      authorizedRedirectURLs: [`${rp.url}/callback`],
      enabledGrants: ['password', 'authorization_code'],
      clientAuthenticationPolicy: 'Required',
    },
  } }));
  email = `cors-${randomUUID()}@e2e.example`;
  await api('POST', '/api/user/registration', {
    user: { email, password: PASSWORD }, registration: { applicationId: app.id },
  });
  await api('PATCH', '/api/system-configuration', { systemConfiguration: { corsConfiguration: {
    enabled: true,
    allowedOrigins: [allowedSite.url],
    allowedMethods: ['GET', 'POST', 'OPTIONS'],
  } } });
});
after(async () => {
  await browser?.close();
  await Promise.all([allowedSite?.close(), otherSite?.close(), rp?.close()]);
  await server?.dispose();
});

test('an allowed origin calls /oauth2/token with fetch(), after a preflight', async () => {
  const answer = await tokenFromPage(allowedSite, { preflight: true });
  assert.equal(answer.thrown, undefined, answer.thrown);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(typeof answer.body.access_token, 'string');
  assert.equal(answer.body.token_type, 'Bearer');
});

test('an allowed origin calls /oauth2/token with fetch(), without a preflight', async () => {
  const answer = await tokenFromPage(allowedSite, { preflight: false });
  assert.equal(answer.thrown, undefined, answer.thrown);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(typeof answer.body.access_token, 'string');
});

test('another origin is refused: fetch() throws, with or without a preflight', async () => {
  for (const preflight of [true, false]) {
    const answer = await tokenFromPage(otherSite, { preflight });
    assert.match(answer.thrown ?? '', /TypeError/, JSON.stringify(answer));
  }
});

test('with CORS on, the hosted login page still signs in (same origin is not CORS)', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const query = new URLSearchParams({
      client_id: app.id, redirect_uri: `${rp.url}/callback`, response_type: 'code', scope: 'openid',
      state: randomUUID(),
    });
    await page.goto(`${server.url}/oauth2/authorize?${query}`);
    await page.locator('input[name="loginId"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('input[name="password"]').press('Enter');
    await page.waitForURL((url) => url.href.startsWith(`${rp.url}/callback`));
    assert.ok(new URL(page.url()).searchParams.get('code'));
  } finally {
    await context.close();
  }
});
