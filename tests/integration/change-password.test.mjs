// Change Password API (FusionAuth apis/users/change-password) through the official client's
// changePassword / changePasswordByIdentity, the oneTimePassword login, and the hosted
// /password/change page that finishes an OAuth flow for a user with passwordChangeRequired.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { assertFieldError, expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
import { totp } from './support/jwt.mjs';
import { databaseContains } from './support/refresh.mjs';
import { startServer } from './support/server.mjs';

const REDIRECT = 'https://rp.example/callback';
const PASSWORD = 'old password 123';
const NEW_PASSWORD = 'new password 456';

let server;
let client;
let anonymous;  // no API key: the changePasswordId form is anonymous
let app;

before(async () => {
  server = await startServer();
  client = makeClient(server);
  anonymous = makeClient(server, '');
  const { response } = await client.createApplication(null, {
    application: {
      name: `cp-${randomUUID()}`,
      oauthConfiguration: {
        authorizedRedirectURLs: [REDIRECT], enabledGrants: ['authorization_code'],
        clientAuthenticationPolicy: 'Required', proofKeyForCodeExchangePolicy: 'NotRequired',
      },
    },
  });
  app = response.application;
});
after(async () => { await server?.dispose(); });

async function mustChangeUser(extra = {}) {
  const email = uniqueEmail('cp');
  const { response } = await client.register(null, {
    user: { email, password: PASSWORD, passwordChangeRequired: true, ...extra },
    registration: { applicationId: app.id },
  });
  return { email, id: response.user.id };
}

// A 203 login and its changePasswordId.
async function pendingId(email) {
  const res = await client.login({ loginId: email, password: PASSWORD, applicationId: app.id });
  assert.equal(res.statusCode, 203);
  assert.equal(res.response.changePasswordReason, 'Administrative');
  assert.equal(typeof res.response.changePasswordId, 'string');
  return res.response.changePasswordId;
}

test('change password: the 203 id changes the password once; oneTimePassword logs in once', async () => {
  const { email, id: userId } = await mustChangeUser();
  const id = await pendingId(email);
  // Security: only a keyed hash of the id is at rest.
  assert.deepEqual((await databaseContains(server.dataDir, [id])).found, []);

  const changed = await anonymous.changePassword(id, { password: NEW_PASSWORD });
  assert.equal(changed.statusCode, 200);
  const otp = changed.response.oneTimePassword;
  assert.equal(typeof otp, 'string');

  const byOtp = await client.login({ oneTimePassword: otp, applicationId: app.id });
  assert.equal(byOtp.statusCode, 200);
  assert.equal(byOtp.response.user.id, userId);
  assert.equal(typeof byOtp.response.token, 'string');
  await expectStatus(client.login({ oneTimePassword: otp, applicationId: app.id }), 404);

  await expectStatus(anonymous.changePassword(id, { password: 'yet another one' }), 404);
  await expectStatus(client.login({ loginId: email, password: PASSWORD, applicationId: app.id }), 404);
  const fresh = await client.login({ loginId: email, password: NEW_PASSWORD, applicationId: app.id });
  assert.equal(fresh.statusCode, 200);
  const { response } = await client.retrieveUser(userId);
  assert.equal(response.user.passwordChangeRequired, false);
  assert.ok(Math.abs(response.user.passwordLastUpdateInstant - Date.now()) < 60_000);
});

test('change password: the id may come in the body instead of the path', async () => {
  const { email } = await mustChangeUser();
  const id = await pendingId(email);
  const res = await fetch(`${server.url}/api/user/change-password`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ changePasswordId: id, password: NEW_PASSWORD }),
  });
  assert.equal(res.status, 200);
  assert.equal(typeof (await res.json()).oneTimePassword, 'string');
});

test('change password: unknown id is 404; blank and short passwords are 400 and keep the id', async () => {
  await expectStatus(anonymous.changePassword('not-a-real-id', { password: NEW_PASSWORD }), 404);
  const { email } = await mustChangeUser();
  const id = await pendingId(email);
  assertFieldError(await expectStatus(anonymous.changePassword(id, {}), 400), 'password', '[blank]password');
  assertFieldError(await expectStatus(anonymous.changePassword(id, { password: 'short' }), 400),
    'password', '[tooShort]password');
  assertFieldError(await expectStatus(anonymous.changePassword(id, { password: 'x'.repeat(257) }), 400),
    'password', '[tooLong]password');
  // Without an API key, a wrong currentPassword looks like an unknown id.
  await expectStatus(anonymous.changePassword(id, { password: NEW_PASSWORD, currentPassword: 'nope nope' }), 404);
  const ok = await anonymous.changePassword(id, { password: NEW_PASSWORD, currentPassword: PASSWORD });
  assert.equal(ok.statusCode, 200);
});

test('change password: the tenant minLength applies', async () => {
  const { response: tenants } = await client.retrieveTenants();
  const tenant = tenants.tenants.find((t) => t.name === 'Default') ?? tenants.tenants[0];
  await client.patchTenant(tenant.id, { tenant: { passwordValidationRules: { minLength: 20 } } });
  try {
    const { email } = await mustChangeUser({ password: 'twenty characters ok!' });
    const res = await client.login({ loginId: email, password: 'twenty characters ok!', applicationId: app.id });
    const id = res.response.changePasswordId;
    assertFieldError(await expectStatus(anonymous.changePassword(id, { password: NEW_PASSWORD }), 400),
      'password', '[tooShort]password');
    assert.equal((await anonymous.changePassword(id, { password: 'a much longer password' })).statusCode, 200);
  } finally {
    await client.patchTenant(tenant.id, { tenant: { passwordValidationRules: { minLength: 8 } } });
  }
});

test('change password by identity: API key required, [invalid]currentPassword, empty 200', async () => {
  const { email } = await mustChangeUser();
  await expectStatus(anonymous.changePasswordByIdentity({ loginId: email, currentPassword: PASSWORD, password: NEW_PASSWORD }), 401);
  const wrong = await expectStatus(client.changePasswordByIdentity(
    { loginId: email, currentPassword: 'not my password', password: NEW_PASSWORD }), 400);
  assertFieldError(wrong, 'currentPassword', '[invalid]currentPassword');
  await expectStatus(client.changePasswordByIdentity(
    { loginId: uniqueEmail('nobody'), currentPassword: PASSWORD, password: NEW_PASSWORD }), 404);
  assertFieldError(await expectStatus(client.changePasswordByIdentity({ loginId: email, currentPassword: PASSWORD }), 400),
    'password', '[blank]password');

  const res = await fetch(`${server.url}/api/user/change-password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: client.apiKey },
    body: JSON.stringify({ loginId: email, currentPassword: PASSWORD, password: NEW_PASSWORD }),
  });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
  const login = await client.login({ loginId: email, password: NEW_PASSWORD, applicationId: app.id });
  assert.equal(login.statusCode, 200, 'the change also cleared passwordChangeRequired');
});

// --- The hosted page ----------------------------------------------------------------------

function form(params) {
  return new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined));
}

const cookiesOf = (response) => response.headers.getSetCookie().map((c) => c.split(';')[0]);

// Signs in on the hosted login page; answers the 302 that follows the form.
async function hostedLogin(params, email) {
  const query = form({ response_type: 'code', redirect_uri: REDIRECT, ...params });
  const get = await fetch(`${server.url}/oauth2/authorize?${query}`, { redirect: 'manual' });
  assert.equal(get.status, 200);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(await get.text())[1];
  const res = await fetch(`${server.url}/oauth2/authorize`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiesOf(get).join('; ') },
    body: form({ response_type: 'code', redirect_uri: REDIRECT, ...params, loginId: email, password: PASSWORD, csrf_token: csrf }),
  });
  assert.equal(res.status, 302, await res.text());
  return res;
}

// GET the change-password page; answers its HTML, CSRF token and cookie.
async function openPage(location) {
  const page = await fetch(new URL(location, server.url), { redirect: 'manual' });
  const html = await page.text();
  assert.equal(page.status, 200, html);
  return { page, html, csrf: /name="csrf_token" value="([^"]+)"/.exec(html)[1], cookie: cookiesOf(page).join('; ') };
}

function submitPage(location, { csrf, cookie }, params, fields) {
  const path = new URL(location, server.url).pathname;
  return fetch(`${server.url}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: form({ response_type: 'code', redirect_uri: REDIRECT, ...params, csrf_token: csrf, ...fields }),
  });
}

test('hosted change password: 302 from the login form, page headers, errors, then code + SSO', async () => {
  const { email } = await mustChangeUser();
  const params = { client_id: app.id, scope: 'openid', state: 'st<"&>', nonce: 'n-1' };
  const login = await hostedLogin(params, email);
  const location = login.headers.get('location');
  assert.match(location, /^\/password\/change\/[A-Za-z0-9_-]{20,}\?/);
  const carried = new URL(location, server.url).searchParams;
  assert.equal(carried.get('client_id'), app.id);
  assert.equal(carried.get('state'), params.state);
  assert.equal(carried.get('nonce'), 'n-1');
  assert.equal(carried.get('redirect_uri'), REDIRECT);
  assert.equal(login.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(login.headers.getSetCookie().find((c) => c.startsWith('lk_sso=')), undefined);

  const opened = await openPage(location);
  const { page, html } = opened;
  assert.equal(page.headers.get('cache-control'), 'no-store');
  assert.equal(page.headers.get('x-frame-options'), 'DENY');
  assert.match(page.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  assert.match(html, /<label for="password">/);
  assert.match(html, /<label for="passwordConfirm">/);
  assert.equal((html.match(/autocomplete="new-password"/g) ?? []).length, 2);
  assert.ok(!/<script|<link|src=/.test(html), 'self-contained page');
  // Reflected parameters are escaped.
  assert.ok(html.includes('value="st&lt;&quot;&amp;&gt;"'));
  assert.ok(!html.includes('st<"&>'));

  const mismatch = await submitPage(location, opened, params, { password: NEW_PASSWORD, passwordConfirm: `${NEW_PASSWORD}!` });
  assert.equal(mismatch.status, 200);
  assert.match(await mismatch.text(), /role="alert"[^>]*>The passwords do not match/);
  const short = await submitPage(location, opened, params, { password: 'short', passwordConfirm: 'short' });
  assert.equal(short.status, 200);
  assert.match(await short.text(), /role="alert"[^>]*>Your new password must be at least 8/);
  const forged = await submitPage(location, { ...opened, csrf: 'forged' }, params, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
  assert.equal(forged.status, 403);

  const done = await submitPage(location, opened, params, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
  assert.equal(done.status, 302, await done.text());
  const back = new URL(done.headers.get('location'));
  assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
  assert.equal(back.searchParams.get('state'), params.state);
  const sso = done.headers.getSetCookie().find((c) => c.startsWith('lk_sso='));
  assert.ok(sso, 'the change signs the user in');
  const { response: tokens } = await client.exchangeOAuthCodeForAccessToken(
    back.searchParams.get('code'), app.id, app.oauthConfiguration.clientSecret, REDIRECT);
  assert.equal(typeof tokens.id_token, 'string');
  const claims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url'));
  assert.equal(claims.nonce, 'n-1');

  // The SSO cookie now skips the login form.
  const again = await fetch(`${server.url}/oauth2/authorize?${form({ client_id: app.id, response_type: 'code', redirect_uri: REDIRECT, state: 's2' })}`,
    { redirect: 'manual', headers: { Cookie: sso.split(';')[0] } });
  assert.equal(again.status, 302);
  assert.equal(new URL(again.headers.get('location')).searchParams.get('state'), 's2');

  // The id is spent: an error page, never a redirect.
  const reuse = await submitPage(location, opened, params, { password: 'third password', passwordConfirm: 'third password' });
  assert.equal(reuse.status, 404);
  assert.equal(reuse.headers.get('location'), null);
  const reopen = await fetch(new URL(location, server.url), { redirect: 'manual' });
  assert.equal(reopen.status, 404);
  assert.equal(reopen.headers.get('location'), null);
  assert.equal(reopen.headers.get('cache-control'), 'no-store');
});

test('hosted change password: unknown id and bad redirect_uri never redirect', async () => {
  const unknown = await fetch(`${server.url}/password/change/${randomBytes(32).toString('base64url')}?${form({ client_id: app.id, response_type: 'code', redirect_uri: REDIRECT })}`,
    { redirect: 'manual' });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.headers.get('location'), null);
  assert.match(await unknown.text(), /expired/);

  const { email } = await mustChangeUser();
  const location = (await hostedLogin({ client_id: app.id, state: 'x' }, email)).headers.get('location');
  const url = new URL(location, server.url);
  url.searchParams.set('redirect_uri', 'https://evil.example/steal');
  const evil = await fetch(url, { redirect: 'manual', headers: { Accept: 'text/html' } });
  assert.equal(evil.status, 400);
  assert.equal(evil.headers.get('location'), null);
  assert.ok(!(await evil.text()).includes('evil.example/steal"'));

  // A POST that swaps the redirect URI is refused the same way, and the id stays usable.
  const opened = await openPage(location);
  const swapped = await submitPage(location, opened, { client_id: app.id, redirect_uri: 'https://evil.example/steal' },
    { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
  assert.equal(swapped.status, 400);
  assert.equal(swapped.headers.get('location'), null);
  const ok = await submitPage(location, opened, { client_id: app.id, state: 'x' }, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
  assert.equal(ok.status, 302);
});

test('hosted change password: without an OAuth request the page just changes the password', async () => {
  const { email } = await mustChangeUser();
  const id = await pendingId(email);
  const opened = await openPage(`/password/change/${id}`);
  const res = await fetch(`${server.url}/password/change/${id}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: opened.cookie },
    body: form({ csrf_token: opened.csrf, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD }),
  });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Your password has been changed/);
  assert.equal((await client.login({ loginId: email, password: NEW_PASSWORD, applicationId: app.id })).statusCode, 200);
});

test('hosted change password: a two-factor user goes code first, then the change page', async () => {
  const secret = randomBytes(20).toString('base64');
  const { email } = await mustChangeUser({
    twoFactor: { methods: [{ method: 'authenticator', secret, authenticator: { algorithm: 'HmacSHA1', codeLength: 6, timeStep: 30 } }] },
  });
  const params = { client_id: app.id, state: 'tf' };
  const login = await hostedLogin(params, email);
  const next = login.headers.get('location');
  assert.match(next, /^\/oauth2\/two-factor\?/);
  const twoFactorCookie = cookiesOf(login).find((c) => c.startsWith('lk_2fa='));
  const page = await fetch(`${server.url}${next}`, { redirect: 'manual', headers: { Cookie: twoFactorCookie } });
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(await page.text())[1];
  const verified = await fetch(`${server.url}/oauth2/two-factor`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: [twoFactorCookie, ...cookiesOf(page)].join('; ') },
    body: form({ response_type: 'code', redirect_uri: REDIRECT, ...params, code: totp(secret), csrf_token: csrf }),
  });
  assert.equal(verified.status, 302, await verified.text());
  const location = verified.headers.get('location');
  assert.match(location, /^\/password\/change\//);
  const opened = await openPage(location);
  const done = await submitPage(location, opened, params, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
  assert.equal(done.status, 302);
  assert.equal(new URL(done.headers.get('location')).searchParams.get('state'), 'tf');
});
