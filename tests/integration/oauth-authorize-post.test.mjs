// POST /oauth2/authorize exactly as seeds/oauth-endpoints.txt §2.3 documents it: a client posts
// client_id, redirect_uri, response_type, loginId and password (with state, scope, device, PKCE)
// without fetching the form first, and gets the seed's answers (§2.4): 302 with code and state,
// 302 to the two-factor or change-password page, or 200 with the form on bad credentials.
// Login CSRF stays closed: the same POST with a cross-site browser signal (Origin of another
// site, Sec-Fetch-Site: cross-site or same-site) and no token is refused.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { makeClient, uniqueEmail } from './support/client.mjs';
import { startServer } from './support/server.mjs';

const REDIRECT = 'https://rp.example/callback';
const PASSWORD = 'correct horse battery staple';

let server;
let client;
let app;
let email;
let userId;

before(async () => {
  server = await startServer();
  client = makeClient(server);
  const { response } = await client.createApplication(null, {
    application: {
      name: `authorize-post-${randomUUID()}`,
      loginConfiguration: { allowTokenRefresh: true },
      oauthConfiguration: {
        authorizedRedirectURLs: [REDIRECT],
        enabledGrants: ['authorization_code', 'refresh_token'],
        generateRefreshTokens: true,
        clientAuthenticationPolicy: 'Required',
        proofKeyForCodeExchangePolicy: 'NotRequired',
      },
    },
  });
  app = response.application;
  email = uniqueEmail('authorize-post');
  const registered = await client.register(null, {
    user: { email, password: PASSWORD, firstName: 'Ada' },
    registration: { applicationId: app.id },
  });
  userId = registered.response.user.id;
});
after(async () => { await server?.dispose(); });

// The seed's POST, as an API client sends it: no form fetched, no CSRF token, no cookie.
function authorizePost(fields, headers = {}) {
  const body = new URLSearchParams({
    client_id: app.id, redirect_uri: REDIRECT, response_type: 'code', ...fields,
  });
  return fetch(`${server.url}/oauth2/authorize`, {
    method: 'POST', redirect: 'manual', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  });
}

const cookieNames = (response) => response.headers.getSetCookie().map((c) => c.split('=')[0]);

async function exchange(code, extra = {}) {
  const { response, statusCode } = await client.exchangeOAuthCodeForAccessTokenUsingPKCE(
    code, app.id, app.oauthConfiguration.clientSecret, REDIRECT, extra.code_verifier);
  assert.equal(statusCode, 200);
  return response;
}

test('authorize POST without the form: 302 to the redirect URI with code and state', async () => {
  const verifier = randomBytes(32).toString('base64url');
  const device = `seed-device-${randomUUID()}`;
  const response = await authorizePost({
    loginId: email, password: PASSWORD, state: 'seed-state', scope: 'openid offline_access',
    device, nonce: 'n-1',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  assert.equal(response.status, 302, await response.text());
  const location = new URL(response.headers.get('location'));
  assert.equal(location.origin + location.pathname, REDIRECT);
  assert.equal(location.searchParams.get('state'), 'seed-state');
  const code = location.searchParams.get('code');
  assert.ok(code);
  assert.ok(cookieNames(response).includes('lk_sso'), 'the sign-in starts an SSO session');

  // The code carries what the POST asked for: PKCE, the nonce, offline_access for the device.
  const tokens = await exchange(code, { code_verifier: verifier });
  assert.equal(tokens.userId, userId);
  assert.equal(typeof tokens.refresh_token, 'string');
  const idClaims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url'));
  assert.equal(idClaims.nonce, 'n-1');
  const { response: listed } = await client.retrieveRefreshTokens(userId);
  const token = listed.refreshTokens.find((t) => t.applicationId === app.id);
  assert.equal(token?.metaData?.device?.description, device, JSON.stringify(listed));
});

test('authorize POST without the form: bad credentials answer 200 with the login form', async () => {
  for (const loginId of [email, `nobody-${randomUUID()}@x.io`]) {
    const response = await authorizePost({ loginId, password: 'wrong password', state: 's' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('location'), null);
    const html = await response.text();
    assert.match(html, /<form[^>]+action="\/oauth2\/authorize"/);
    assert.match(html, /role="alert" id="error">[^<]+</);
    assert.ok(!cookieNames(response).includes('lk_sso'));
  }
});

test('authorize POST without the form: a two-factor user is sent to /oauth2/two-factor', async () => {
  const twoFactorEmail = uniqueEmail('authorize-post-2fa');
  await client.register(null, {
    user: {
      email: twoFactorEmail, password: PASSWORD,
      twoFactor: { methods: [{ method: 'authenticator', secret: randomBytes(20).toString('base64'),
        authenticator: { algorithm: 'HmacSHA1', codeLength: 6, timeStep: 30 } }] },
    },
    registration: { applicationId: app.id },
  });
  const response = await authorizePost({ loginId: twoFactorEmail, password: PASSWORD, state: 'tf' });
  assert.equal(response.status, 302);
  assert.match(response.headers.get('location'), /^\/oauth2\/two-factor\?/);
  assert.ok(cookieNames(response).includes('lk_2fa'));
});

test('authorize POST without the form: a password change sends the user to /password/change', async () => {
  const changeEmail = uniqueEmail('authorize-post-change');
  await client.register(null, {
    user: { email: changeEmail, password: PASSWORD, passwordChangeRequired: true },
    registration: { applicationId: app.id },
  });
  const response = await authorizePost({ loginId: changeEmail, password: PASSWORD, state: 'pc' });
  assert.equal(response.status, 302);
  assert.match(response.headers.get('location'), /^\/password\/change\/[^/?]+\?/);
  assert.ok(!cookieNames(response).includes('lk_sso'));
});

test('authorize POST from our own origin (a browser on the hosted page) is accepted', async () => {
  for (const headers of [{ Origin: server.url }, { 'Sec-Fetch-Site': 'same-origin' },
    { 'Sec-Fetch-Site': 'none' }, { Origin: server.url, 'Sec-Fetch-Site': 'same-origin' }]) {
    const response = await authorizePost({ loginId: email, password: PASSWORD, state: 'own' }, headers);
    assert.equal(response.status, 302, JSON.stringify(headers));
    assert.ok(new URL(response.headers.get('location')).searchParams.get('code'));
  }
});

test('login CSRF: a token-less POST carrying a cross-site browser signal is refused', async () => {
  const signals = [
    { Origin: 'https://evil.example' },
    { Origin: 'null' },  // a data: URL or sandboxed frame
    { Origin: server.url.replace('127.0.0.1', 'localhost') },
    { 'Sec-Fetch-Site': 'cross-site' },
    { 'Sec-Fetch-Site': 'same-site' },
    { Origin: server.url, 'Sec-Fetch-Site': 'cross-site' },
  ];
  for (const headers of signals) {
    const response = await authorizePost({ loginId: email, password: PASSWORD, state: 'x' }, headers);
    assert.equal(response.status, 403, JSON.stringify(headers));
    assert.equal(response.headers.get('location'), null, 'no code, no redirect');
    assert.ok(!cookieNames(response).includes('lk_sso'), 'no SSO session');
    // The form again, with a fresh token: a person who really is on our page can go on.
    assert.match(await response.text(), /name="csrf_token" value="[^"]+"/);
  }
});

test('login CSRF: a POST that carries a token is checked as a double-submit token', async () => {
  for (const token of ['forged', '']) {
    const response = await authorizePost({ loginId: email, password: PASSWORD, csrf_token: token });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('location'), null);
  }
});
