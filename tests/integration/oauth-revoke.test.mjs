// Access-token revocation by jti (RFC 7009 beyond FusionAuth): POST /oauth2/revoke with an
// access token makes /api/jwt/validate answer 401, /oauth2/introspect active:false and
// /oauth2/userinfo 401, from then on and across a restart. Only the token's own client may
// revoke it; a token without a jti is refused rather than silently "revoked".
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import * as oidc from 'openid-client';

import { expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'correct horse battery staple';

let server;
let client;
let app;
let other;
const email = uniqueEmail('revoke');

async function createApp() {
  const { response } = await client.createApplication(null, {
    application: {
      name: `revoke-${randomUUID()}`,
      oauthConfiguration: {
        authorizedRedirectURLs: ['https://rp.example/cb'],
        enabledGrants: ['password', 'refresh_token'], generateRefreshTokens: true,
        clientAuthenticationPolicy: 'Required',
      },
      loginConfiguration: { allowTokenRefresh: true },
    },
  });
  return response.application;
}

before(async () => {
  server = await startServer();
  client = makeClient(server);
  app = await createApp();
  other = await createApp();
  const { response } = await client.register(null,
    { user: { email, password: PASSWORD }, registration: { applicationId: app.id } });
  await client.register(response.user.id, { registration: { applicationId: other.id } });
});
after(async () => { await server?.dispose(); });

const basic = (application) => ({
  Authorization: `Basic ${Buffer.from(`${application.id}:${application.oauthConfiguration.clientSecret}`).toString('base64')}`,
});

async function post(path, params, headers = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST', body: new URLSearchParams(params),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  });
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, text, json, headers: response.headers };
}

async function accessToken(application = app) {
  const res = await post('/oauth2/token',
    { grant_type: 'password', loginId: email, password: PASSWORD, scope: 'openid offline_access' },
    basic(application));
  assert.equal(res.status, 200, res.text);
  return res.json;
}

async function userinfo(token) {
  const response = await fetch(`${server.url}/oauth2/userinfo`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, json: await response.json().catch(() => undefined), headers: response.headers };
}

async function assertUsable(token, application = app) {
  const { response: validated } = await client.validateJWT(token);
  assert.equal(validated.jwt.aud, application.id);
  const { response: introspected } = await client.introspectAccessToken(application.id, token);
  assert.equal(introspected.active, true);
  assert.equal((await userinfo(token)).status, 200);
}

async function assertRevoked(token, application = app) {
  await expectStatus(client.validateJWT(token), 401);
  const { response: introspected } = await client.introspectAccessToken(application.id, token);
  assert.deepEqual(introspected, { active: false });
  const info = await userinfo(token);
  assert.equal(info.status, 401);
  assert.equal(info.json.error, 'invalid_token');
  assert.equal(info.json.error_reason, 'access_token_invalid');
  assert.equal(typeof info.json.error_description, 'string');
  assert.match(info.headers.get('www-authenticate'), /^Bearer error="invalid_token"/);
}

test('revoke: an access token with token_type_hint=access_token is dead everywhere at once', async () => {
  const tokens = await accessToken();
  await assertUsable(tokens.access_token);
  const res = await post('/oauth2/revoke', { token: tokens.access_token, token_type_hint: 'access_token' }, basic(app));
  assert.equal(res.status, 200, res.text);
  await assertRevoked(tokens.access_token);
  // Revoking again is answered 200 (RFC 7009 §2.2), and other tokens of the user live on.
  assert.equal((await post('/oauth2/revoke', { token: tokens.access_token }, basic(app))).status, 200);
  await assertUsable((await accessToken()).access_token);
  // The refresh token issued beside it is not touched by revoking the access token.
  const refreshed = await post('/oauth2/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, basic(app));
  assert.equal(refreshed.status, 200, refreshed.text);
  await assertUsable(refreshed.json.access_token);
});

test('revoke: without a hint a JWT we signed is recognised; a wrong hint still finds it', async () => {
  const plain = (await accessToken()).access_token;
  assert.equal((await post('/oauth2/revoke', { token: plain }, basic(app))).status, 200);
  await assertRevoked(plain);
  const misHinted = (await accessToken()).access_token;
  assert.equal((await post('/oauth2/revoke', { token: misHinted, token_type_hint: 'refresh_token' }, basic(app))).status, 200);
  await assertRevoked(misHinted);
});

test('revoke: openid-client tokenRevocation revokes an access token', async () => {
  // openid-client insists that the issuer is the URL it discovered.
  const { response: tenants } = await client.retrieveTenants();
  const tenant = tenants.tenants.find((t) => t.name === 'Default') ?? tenants.tenants[0];
  await client.patchTenant(tenant.id, { tenant: { issuer: new URL(server.url).href } });
  const config = await oidc.discovery(new URL(server.url), app.id, app.oauthConfiguration.clientSecret,
    undefined, { execute: [oidc.allowInsecureRequests] });
  const token = (await accessToken()).access_token;
  await oidc.tokenRevocation(config, token, { token_type_hint: 'access_token' });
  await assertRevoked(token);
});

test('revoke: another client may not revoke the token, which stays valid', async () => {
  const token = (await accessToken()).access_token;
  const res = await post('/oauth2/revoke', { token, token_type_hint: 'access_token' }, basic(other));
  assert.equal(res.status, 400, res.text);
  assert.equal(res.json.error, 'invalid_request');
  assert.equal(res.json.error_reason, 'client_id_mismatch');
  await assertUsable(token);
  // Wrong client secret: 401 before the token is even looked at.
  const bad = await post('/oauth2/revoke', { token }, {
    Authorization: `Basic ${Buffer.from(`${app.id}:wrong`).toString('base64')}` });
  assert.equal(bad.status, 401);
  await assertUsable(token);
});

test('revoke: a token without a usable jti is refused, not silently accepted', async () => {
  // /api/jwt/vend keeps a caller's jti; a number is not a jti we can remember.
  const { response } = await client.vendJWT({ claims: { aud: app.id, sub: randomUUID(), jti: 42 } });
  const res = await post('/oauth2/revoke', { token: response.token, token_type_hint: 'access_token' }, basic(app));
  assert.equal(res.status, 400, res.text);
  assert.equal(res.json.error, 'unsupported_token_type');
  await client.validateJWT(response.token);  // still valid: nothing pretended otherwise
});

test('revoke: garbage, expired-looking and unknown tokens are answered 200 (RFC 7009 §2.2)', async () => {
  for (const token of ['not-a-token', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.e30.x']) {
    const res = await post('/oauth2/revoke', { token, token_type_hint: 'access_token' }, basic(app));
    assert.equal(res.status, 200, `${token}: ${res.text}`);
  }
  const badHint = await post('/oauth2/revoke', { token: 'x', token_type_hint: 'id_token' }, basic(app));
  assert.equal(badHint.status, 400);
  assert.equal(badHint.json.error, 'unsupported_token_type');
});

test('revoke: a revocation survives a restart', async () => {
  const token = (await accessToken()).access_token;
  assert.equal((await post('/oauth2/revoke', { token }, basic(app))).status, 200);
  assert.equal(await server.stop(), 0);
  await server.restart();
  client = makeClient(server);
  await assertRevoked(token);
  await assertUsable((await accessToken()).access_token);
});
