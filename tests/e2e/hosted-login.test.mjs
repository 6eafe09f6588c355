// A real browser through the hosted pages of the real binary: the authorization-code flow with
// PKCE from the login form to userinfo, SSO, logout, the two-factor step, the forced password
// change, and a keyboard-only sign-in. The browser is Debian's Chromium (support/browser.mjs);
// the redirect URI is a real server on 127.0.0.1 (support/receiver.mjs).
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { DEFAULT_API_KEY } from '../integration/support/kickstart.mjs';
import { startServer } from '../integration/support/server.mjs';
import { launchChromium } from './support/browser.mjs';
import { startReceiver } from './support/receiver.mjs';
import { totp } from './support/totp.mjs';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase';

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

async function addUser(label, extra = {}) {
  const email = `${label}-${randomUUID()}@e2e.example`;
  const { user } = await api('POST', '/api/user/registration', {
    user: { email, password: PASSWORD, firstName: 'Grace', ...extra },
    registration: { applicationId: app.id },
  });
  return { email, id: user.id };
}

before(async () => {
  [server, rp, browser] = await Promise.all([startServer(), startReceiver(), launchChromium()]);
  callback = `${rp.url}/callback`;
  // A public client: no secret, PKCE required (the way a browser or mobile app signs in).
  ({ application: app } = await api('POST', '/api/application', {
    application: {
      name: `e2e-${randomUUID()}`,
      oauthConfiguration: {
        authorizedRedirectURLs: [callback],
        logoutURL: `${rp.url}/signed-out`,
        enabledGrants: ['authorization_code'],
        clientAuthenticationPolicy: 'NotRequiredWhenUsingPKCE',
        proofKeyForCodeExchangePolicy: 'Required',
      },
    },
  }));
});
after(async () => {
  await browser?.close();
  await rp?.close();
  await server?.dispose();
});

// A fresh authorization request: PKCE S256, state and nonce.
function authorizeRequest() {
  const verifier = randomBytes(32).toString('base64url');
  const request = {
    verifier,
    state: randomBytes(12).toString('base64url'),
    nonce: randomBytes(12).toString('base64url'),
  };
  const query = new URLSearchParams({
    client_id: app.id, redirect_uri: callback, response_type: 'code', scope: 'openid email profile',
    state: request.state, nonce: request.nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  // URLSearchParams writes spaces as `+`, as a browser's GET form does.
  request.url = `${server.url}/oauth2/authorize?${query}`;
  return request;
}

const isCallback = (url) => url.href.startsWith(callback);

// The browser is back at the redirect URI: check state, exchange the code with the verifier,
// read userinfo; answers the claims.
async function finishAtCallback(page, request, email) {
  await page.waitForURL(isCallback);
  const landed = new URL(page.url());
  assert.equal(landed.searchParams.get('state'), request.state);
  const code = landed.searchParams.get('code');
  assert.ok(code, `no code in ${landed}`);
  // The relying party's server really received the redirect.
  // (The browser may also ask it for /favicon.ico.)
  const received = rp.requests.filter((url) => url.pathname === '/callback').at(-1);
  assert.equal(received?.searchParams.get('code'), code);

  const token = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: app.id, code, redirect_uri: callback,
      code_verifier: request.verifier,
    }),
  });
  const tokens = await token.json();
  assert.equal(token.status, 200, JSON.stringify(tokens));
  const idClaims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url'));
  assert.equal(idClaims.nonce, request.nonce);

  const userinfo = await fetch(`${server.url}/oauth2/userinfo`, {
    headers: { Authorization: `Bearer ${tokens.access_token}` },
  });
  const claims = await userinfo.json();
  assert.equal(userinfo.status, 200, JSON.stringify(claims));
  assert.equal(claims.email, email);
  assert.equal(claims.sub, idClaims.sub);
  return claims;
}

async function signIn(page, email, password) {
  await page.getByLabel('Email or username').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Submit' }).click();
}

test('the TOTP helper matches RFC 6238 Appendix B', () => {
  // SHA1 seed "12345678901234567890" at T=59 s gives 94287082; six digits keep 287082.
  assert.equal(totp(Buffer.from('12345678901234567890').toString('base64'), 59_000), '287082');
});

test('login form, code + PKCE, userinfo; SSO skips the form; logout brings it back', async () => {
  const user = await addUser('flow');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();

    // (a) The form, filled through its labels.
    const first = authorizeRequest();
    await page.goto(first.url);
    assert.equal(await page.title(), `Login | ${app.name}`, page.url());
    await signIn(page, user.email, PASSWORD);
    const claims = await finishAtCallback(page, first, user.email);
    assert.equal(claims.sub, user.id);

    // (b) Same browser: the SSO cookie answers at once with a 302, no form.
    const second = authorizeRequest();
    const landing = await page.goto(second.url);
    const hop = landing.request().redirectedFrom();
    assert.ok(hop, 'the authorize request was redirected');
    assert.ok(hop.url().startsWith(`${server.url}/oauth2/authorize?`));
    assert.equal((await hop.response()).status(), 302);
    await finishAtCallback(page, second, user.email);

    // (c) Logout ends the session (and lands on the application's logoutURL)...
    await page.goto(`${server.url}/oauth2/logout?client_id=${app.id}`);
    await page.waitForURL(`${rp.url}/signed-out`);
    const cookies = await context.cookies(server.url);
    assert.equal(cookies.find((c) => c.name === 'lk_sso'), undefined);
    // ... so the next authorize shows the form again.
    const third = authorizeRequest();
    await page.goto(third.url);
    await assert.doesNotReject(page.getByLabel('Email or username').waitFor());
    assert.equal(new URL(page.url()).pathname, '/oauth2/authorize');
    await signIn(page, user.email, PASSWORD);
    await finishAtCallback(page, third, user.email);
  } finally {
    await context.close();
  }
});

test('a wrong password shows an alert and keeps the login id', async () => {
  const user = await addUser('wrong');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(authorizeRequest().url);
    await signIn(page, user.email, 'not the password');
    await assert.doesNotReject(page.getByRole('alert').filter({ hasText: 'Invalid login credentials.' }).waitFor());
    assert.equal(await page.getByLabel('Email or username').inputValue(), user.email);
    assert.equal(await page.getByLabel('Password').inputValue(), '');
  } finally {
    await context.close();
  }
});

test('(d) a TOTP user completes the two-factor page', async () => {
  const secret = randomBytes(20).toString('base64');
  const user = await addUser('totp', {
    twoFactor: { methods: [{ method: 'authenticator', secret,
      authenticator: { algorithm: 'HmacSHA1', codeLength: 6, timeStep: 30 } }] },
  });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const request = authorizeRequest();
    await page.goto(request.url);
    await signIn(page, user.email, PASSWORD);
    await page.waitForURL((url) => url.pathname === '/oauth2/two-factor');
    assert.equal(await page.getByRole('heading', { level: 2 }).textContent(), 'Authentication challenge');
    await page.getByLabel('Code from your authenticator app').fill(totp(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await finishAtCallback(page, request, user.email);
  } finally {
    await context.close();
  }
});

test('(e) passwordChangeRequired: change page, then only the new password works', async () => {
  const user = await addUser('change', { passwordChangeRequired: true });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const request = authorizeRequest();
    await page.goto(request.url);
    await signIn(page, user.email, PASSWORD);
    await page.waitForURL((url) => url.pathname.startsWith('/password/change/'));
    assert.equal(await page.title(), `Update Password | ${app.name}`);

    // A mismatch is announced and the form stays.
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm new password').fill(`${NEW_PASSWORD}?`);
    await page.getByRole('button', { name: 'Submit' }).click();
    await assert.doesNotReject(page.getByRole('alert').filter({ hasText: 'The passwords do not match.' }).waitFor());

    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Submit' }).click();
    await finishAtCallback(page, request, user.email);
  } finally {
    await context.close();
  }

  // A new browser: the old password is refused, the new one signs in without a change page.
  const fresh = await browser.newContext();
  try {
    const page = await fresh.newPage();
    const request = authorizeRequest();
    await page.goto(request.url);
    await signIn(page, user.email, PASSWORD);
    await assert.doesNotReject(page.getByRole('alert').filter({ hasText: 'Invalid login credentials.' }).waitFor());
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Submit' }).click();
    await finishAtCallback(page, request, user.email);
  } finally {
    await fresh.close();
  }
});

test('(f) keyboard only: type, Tab, type, Enter', async () => {
  const user = await addUser('keys');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const request = authorizeRequest();
    await page.goto(request.url);
    // The login id field has focus on arrival (autofocus), and Tab moves to the password.
    // Chromium applies autofocus after the load, so wait for it rather than sample once.
    await page.waitForFunction(() => document.activeElement?.id === 'loginId', null, { timeout: 5_000 });
    const focused = () => page.evaluate(() => document.activeElement?.id);
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await finishAtCallback(page, request, user.email);
  } finally {
    await context.close();
  }
});
