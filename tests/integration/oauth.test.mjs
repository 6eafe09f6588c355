// OAuth 2.0 / OpenID Connect provider (seeds/oauth-endpoints.txt, spec/jwt-claims.md,
// conventions.md §6): discovery, the password, refresh_token and authorization_code grants
// through FusionAuth's TypeScript client and openid-client, introspection, userinfo,
// revocation, the hosted login page, and the negative cases that must never redirect.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';

import { makeClient, uniqueEmail } from './support/client.mjs';
import { totp } from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

const REDIRECT = 'https://rp.example/callback';
const PASSWORD = 'correct horse battery staple';

let server;
let client;
let issuer;
let app;      // confidential client, every grant
let other;    // a second client
let pub;      // public client: PKCE instead of a secret
let user;
const email = uniqueEmail('oauth');

async function createApp(oauthConfiguration) {
  const { response } = await client.createApplication(null, {
    // allowTokenRefresh: RefreshTokenService::exchange still applies the /api/jwt/refresh gate
    // to the OAuth refresh_token grant too (FusionAuth gates the grant by enabledGrants only).
    application: { name: `oauth-${randomUUID()}`, oauthConfiguration,
      loginConfiguration: { allowTokenRefresh: true } },
  });
  return response.application;
}

before(async () => {
  server = await startServer();
  client = makeClient(server);
  issuer = new URL(server.url).href;
  const { response: tenants } = await client.retrieveTenants();
  const tenant = tenants.tenants.find((t) => t.name === 'Default') ?? tenants.tenants[0];
  await client.patchTenant(tenant.id, { tenant: { issuer } });
  const grants = ['authorization_code', 'password', 'refresh_token'];
  app = await createApp({
    authorizedRedirectURLs: [REDIRECT], enabledGrants: grants, generateRefreshTokens: true,
    clientAuthenticationPolicy: 'Required', proofKeyForCodeExchangePolicy: 'NotRequired',
  });
  other = await createApp({
    authorizedRedirectURLs: [REDIRECT], enabledGrants: grants, generateRefreshTokens: true,
  });
  pub = await createApp({
    authorizedRedirectURLs: [REDIRECT], enabledGrants: ['authorization_code'],
    clientAuthenticationPolicy: 'NotRequiredWhenUsingPKCE', proofKeyForCodeExchangePolicy: 'Required',
  });
  const { response } = await client.register(null, {
    user: { email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' },
    registration: { applicationId: app.id },
  });
  user = response.user;
});
after(async () => { await server?.dispose(); });

function form(params) {
  return new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined));
}

async function post(path, params, headers = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST', body: form(params), redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  });
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, headers: response.headers, text, json };
}

const basic = (id, secret) => ({ Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });

function assertOAuthError(res, status, error, reason) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.json?.error, error, res.text);
  if (reason) assert.equal(res.json.error_reason, reason, res.text);
  assert.equal(typeof res.json.error_description, 'string');
  assert.equal(res.headers.get('location'), null);
}

async function passwordGrant(application = app, scope = 'openid offline_access email profile') {
  return post('/oauth2/token', {
    grant_type: 'password', loginId: email, password: PASSWORD, scope,
  }, basic(application.id, application.oauthConfiguration.clientSecret));
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

function authorizeQuery(params) {
  // Spaces as %20, as browsers' encodeURIComponent and FusionAuth's clients send them.
  return form({ response_type: 'code', redirect_uri: REDIRECT, scope: 'openid offline_access', ...params })
    .toString().replace(/\+/g, '%20');
}

// Drives the hosted login page like a browser: GET the form, POST it with the CSRF cookie.
async function authorize(params, cookies = '') {
  const get = await fetch(`${server.url}/oauth2/authorize?${authorizeQuery(params)}`,
    { redirect: 'manual', headers: { Cookie: cookies, Accept: 'text/html' } });
  if (get.status === 302) return { location: new URL(get.headers.get('location')), cookies };
  assert.equal(get.status, 200);
  const html = await get.text();
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(html)[1];
  const csrfCookie = get.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${server.url}/oauth2/authorize`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie },
    body: form({
      response_type: 'code', redirect_uri: REDIRECT, scope: 'openid offline_access', ...params,
      loginId: email, password: PASSWORD, csrf_token: csrf,
    }),
  });
  assert.equal(res.status, 302, await res.text());
  const session = res.headers.getSetCookie().find((c) => c.startsWith('lk_sso='));
  return { location: new URL(res.headers.get('location')), cookies: session?.split(';')[0] ?? cookies };
}

test('oauth: discovery lists the endpoints, per tenant too', async () => {
  const { response } = await client.retrieveOpenIdConfiguration();
  assert.equal(response.issuer, issuer);
  for (const name of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri',
    'end_session_endpoint', 'introspection_endpoint', 'revocation_endpoint']) {
    assert.match(response[name], /^http:\/\//, name);
  }
  assert.ok(response.code_challenge_methods_supported.includes('S256'));
  const { response: tenants } = await client.retrieveTenants();
  const tenantId = tenants.tenants[0].id;
  const byPath = await fetch(`${server.url}/${tenantId}/.well-known/openid-configuration`);
  assert.equal(byPath.status, 200);
  const byQuery = await fetch(`${server.url}/.well-known/openid-configuration?tenantId=${tenantId}`);
  assert.equal(byQuery.status, 200);
  const config = await oidc.discovery(new URL(server.url), app.id, app.oauthConfiguration.clientSecret,
    undefined, { execute: [oidc.allowInsecureRequests] });
  assert.equal(config.serverMetadata().issuer, issuer);
});

test('oauth: password grant (TS client) issues tokens; id_token verifies with the client secret', async () => {
  const { response } = await client.exchangeUserCredentialsForAccessToken(
    email, PASSWORD, app.id, app.oauthConfiguration.clientSecret, 'openid offline_access email');
  assert.equal(response.token_type, 'Bearer');
  assert.equal(response.userId, user.id);
  assert.ok(response.expires_in > 0 && response.expires_in <= 3600);
  assert.equal(typeof response.refresh_token, 'string');
  assert.equal(typeof response.refresh_token_id, 'string');
  assert.equal(response.scope, 'openid offline_access email');
  assert.equal(decodeProtectedHeader(response.id_token).kid, app.id);
  const { payload } = await jwtVerify(response.id_token,
    new TextEncoder().encode(app.oauthConfiguration.clientSecret), { issuer, audience: app.id });
  assert.equal(payload.sub, user.id);
  assert.equal(payload.email, email);
  assert.equal(typeof payload.at_hash, 'string');

  const raw = await passwordGrant();
  assert.equal(raw.headers.get('cache-control'), 'no-store');
  const noOpenid = await passwordGrant(app, 'email');
  assert.equal(noOpenid.json.id_token, undefined);
  assert.equal(noOpenid.json.refresh_token, undefined);
});

test('oauth: refresh grant, introspection, userinfo, revocation', async () => {
  const first = (await passwordGrant()).json;
  const { response: refreshed } = await client.exchangeRefreshTokenForAccessToken(
    first.refresh_token, app.id, app.oauthConfiguration.clientSecret, 'openid offline_access');
  assert.equal(typeof refreshed.access_token, 'string');
  assert.equal(typeof refreshed.id_token, 'string');

  const { response: active } = await client.introspectAccessToken(app.id, refreshed.access_token);
  assert.equal(active.active, true);
  assert.equal(active.sub, user.id);
  assert.equal(active.aud, app.id);
  const { response: inactive } = await client.introspectAccessToken(app.id, 'not-a-token');
  assert.deepEqual(inactive, { active: false });
  const foreign = await post('/oauth2/introspect', { client_id: other.id, token: refreshed.access_token });
  assert.equal(foreign.status, 401);

  const { response: info } = await client.retrieveUserInfoFromAccessToken(first.access_token);
  assert.equal(info.sub, user.id);
  assert.equal(info.email, email);
  assert.equal(info.given_name, 'Ada');
  const viaPost = await post('/oauth2/userinfo', {}, { Authorization: `Bearer ${first.access_token}` });
  assert.equal(viaPost.status, 200);
  assertOAuthError(await post('/oauth2/userinfo', {}, { Authorization: 'Bearer nope' }), 401, 'invalid_token');
  assertOAuthError(await post('/oauth2/userinfo', {}), 401, 'invalid_token', 'access_token_required');

  const revoked = await post('/oauth2/revoke', { token: first.refresh_token },
    basic(app.id, app.oauthConfiguration.clientSecret));
  assert.equal(revoked.status, 200);
  const after = await post('/oauth2/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token },
    basic(app.id, app.oauthConfiguration.clientSecret));
  assertOAuthError(after, 400, 'invalid_grant', 'refresh_token_not_found');
});

test('oauth: client authentication and grant failures', async () => {
  const secret = app.oauthConfiguration.clientSecret;
  const base = { grant_type: 'password', loginId: email, password: PASSWORD, scope: 'openid' };
  assertOAuthError(await post('/oauth2/token', { ...base, client_id: app.id, client_secret: secret + 'x' }),
    401, 'invalid_client', 'invalid_client_authentication');
  assertOAuthError(await post('/oauth2/token', { ...base, client_id: app.id }),
    401, 'invalid_client', 'client_authentication_missing');
  assertOAuthError(await post('/oauth2/token', { ...base }, basic(randomUUID(), 'x')),
    401, 'invalid_client', 'invalid_client_id');
  assertOAuthError(await post('/oauth2/token', { ...base, password: 'wrong' }, basic(app.id, secret)),
    400, 'invalid_grant', 'invalid_user_credentials');
  assertOAuthError(await post('/oauth2/token', { ...base, grant_type: 'bogus' }, basic(app.id, secret)),
    400, 'unsupported_grant_type', 'invalid_grant_type');
  assertOAuthError(await post('/oauth2/token', { ...base }, basic(pub.id, pub.oauthConfiguration.clientSecret)),
    400, 'unauthorized_client', 'grant_type_disabled');
  // Without PKCE, a NotRequiredWhenUsingPKCE client must authenticate for the password grant.
  assertOAuthError(await post('/oauth2/token', { ...base, client_id: pub.id }),
    401, 'invalid_client', 'client_authentication_missing');
  assertOAuthError(await post('/oauth2/token', { ...base, scope: 'openid bogus' }, basic(app.id, secret)),
    400, 'invalid_scope');
  // RFC 6749 username, as the official client sends it.
  const viaUsername = await post('/oauth2/token', { grant_type: 'password', username: email, password: PASSWORD, scope: 'openid' },
    basic(app.id, secret));
  assert.equal(viaUsername.status, 200);
  // A refresh token of another client.
  const mine = (await passwordGrant()).json;
  assertOAuthError(await post('/oauth2/token', { grant_type: 'refresh_token', refresh_token: mine.refresh_token },
    basic(other.id, other.oauthConfiguration.clientSecret)), 400, 'invalid_grant', 'refresh_token_not_found');
  // ...is still good for its own client.
  const own = await post('/oauth2/token', { grant_type: 'refresh_token', refresh_token: mine.refresh_token },
    basic(app.id, secret));
  assert.equal(own.status, 200, own.text);
});

test('oauth: authorization code + PKCE through the hosted login page; SSO; replay; logout', async () => {
  const { verifier, challenge } = pkce();
  const nonce = randomUUID();
  const state = 'st<&>"\' x';
  const { location, cookies } = await authorize({
    client_id: app.id, state, nonce, code_challenge: challenge, code_challenge_method: 'S256',
  });
  assert.equal(location.origin + location.pathname, REDIRECT);
  assert.equal(location.searchParams.get('state'), state);
  const code = location.searchParams.get('code');
  assert.ok(code);

  const wrong = await post('/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT,
    code_verifier: pkce().verifier }, basic(app.id, app.oauthConfiguration.clientSecret));
  assertOAuthError(wrong, 400, 'invalid_grant', 'invalid_pkce_code_verifier');
  const missing = await post('/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
    basic(app.id, app.oauthConfiguration.clientSecret));
  assertOAuthError(missing, 400, 'invalid_request', 'missing_code_verifier');
  const otherClient = await post('/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT,
    code_verifier: verifier }, basic(other.id, other.oauthConfiguration.clientSecret));
  assertOAuthError(otherClient, 400, 'invalid_grant', 'auth_code_not_found');
  const altered = await post('/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: `${REDIRECT}x`,
    code_verifier: verifier }, basic(app.id, app.oauthConfiguration.clientSecret));
  assertOAuthError(altered, 400, 'invalid_grant', 'invalid_redirect_uri');

  const { response } = await client.exchangeOAuthCodeForAccessTokenUsingPKCE(
    code, app.id, app.oauthConfiguration.clientSecret, REDIRECT, verifier);
  assert.equal(response.userId, user.id);
  const { payload } = await jwtVerify(response.id_token,
    new TextEncoder().encode(app.oauthConfiguration.clientSecret), { issuer, audience: app.id });
  assert.equal(payload.nonce, nonce);
  assert.equal(typeof payload.c_hash, 'string');
  assert.equal(typeof payload.sid, 'string');

  // RFC 6749 §4.1.2: a replay fails and revokes the refresh token of the first exchange.
  const replay = await post('/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT,
    code_verifier: verifier }, basic(app.id, app.oauthConfiguration.clientSecret));
  assertOAuthError(replay, 400, 'invalid_grant', 'auth_code_not_found');
  const dead = await post('/oauth2/token', { grant_type: 'refresh_token', refresh_token: response.refresh_token },
    basic(app.id, app.oauthConfiguration.clientSecret));
  assertOAuthError(dead, 400, 'invalid_grant', 'refresh_token_not_found');

  // The SSO cookie skips the form.
  const second = await authorize({ client_id: app.id, state: 'two' }, cookies);
  assert.ok(second.location.searchParams.get('code'));
  assert.equal(second.location.searchParams.get('state'), 'two');

  // Logout ends the session: the next authorize shows the form again.
  const out = await fetch(`${server.url}/oauth2/logout?client_id=${app.id}`, { redirect: 'manual', headers: { Cookie: cookies } });
  assert.equal(out.status, 302);
  const again = await fetch(`${server.url}/oauth2/authorize?${authorizeQuery({ client_id: app.id })}`,
    { redirect: 'manual', headers: { Cookie: cookies } });
  assert.equal(again.status, 200);
  const badLogout = await fetch(`${server.url}/oauth2/logout?client_id=${app.id}&post_logout_redirect_uri=https://evil.example/`,
    { redirect: 'manual' });
  assert.equal(badLogout.status, 400);
});

test('oauth: a public client must use PKCE (openid-client authorization code flow)', async () => {
  const { verifier, challenge } = pkce();
  const noPkce = await fetch(`${server.url}/oauth2/authorize?${authorizeQuery({ client_id: pub.id })}`, { redirect: 'manual' });
  assert.equal(noPkce.status, 302);
  assert.equal(new URL(noPkce.headers.get('location')).searchParams.get('error_reason'), 'missing_code_challenge');
  const { location } = await authorize({ client_id: pub.id, code_challenge: challenge, code_challenge_method: 'S256', state: 's1', scope: 'openid' });
  const config = await oidc.discovery(new URL(server.url), pub.id, undefined, oidc.None(),
    { execute: [oidc.allowInsecureRequests] });
  const tokens = await oidc.authorizationCodeGrant(config, location, { pkceCodeVerifier: verifier, expectedState: 's1' });
  assert.equal(tokens.claims().sub, user.id);
  assert.equal(tokens.claims().aud, pub.id);
});

test('oauth: unregistered redirect_uri and unknown client are never redirected; parameters are escaped', async () => {
  for (const [params, reason] of [
    [{ client_id: app.id, redirect_uri: 'https://evil.example/callback' }, 'invalid_redirect_uri'],
    [{ client_id: app.id, redirect_uri: `${REDIRECT}/../x` }, 'invalid_redirect_uri'],
    [{ client_id: app.id, redirect_uri: `${REDIRECT}?a=b` }, 'invalid_redirect_uri'],
    [{ client_id: randomUUID() }, 'invalid_client_id'],
  ]) {
    const res = await fetch(`${server.url}/oauth2/authorize?${authorizeQuery(params)}`, { redirect: 'manual' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.equal((await res.json()).error_reason, reason);
    const html = await fetch(`${server.url}/oauth2/authorize?${authorizeQuery(params)}`,
      { redirect: 'manual', headers: { Accept: 'text/html' } });
    assert.equal(html.status, 400);
    assert.match(html.headers.get('content-type'), /text\/html/);
    assert.equal(html.headers.get('location'), null);
  }
  const xss = '"><script>alert(1)</script>';
  const page = await fetch(`${server.url}/oauth2/authorize?${authorizeQuery({ client_id: app.id, state: xss, nonce: xss })}`,
    { redirect: 'manual' });
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'no-store');
  assert.equal(page.headers.get('x-frame-options'), 'DENY');
  assert.match(page.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  const body = await page.text();
  assert.ok(!body.includes('<script>'));
  assert.ok(body.includes('&quot;&gt;&lt;script&gt;'));
});

test('oauth: an expired code is refused', async () => {
  const { response: tenants } = await client.retrieveTenants();
  const tenant = tenants.tenants.find((t) => t.name === 'Default') ?? tenants.tenants[0];
  await client.patchTenant(tenant.id, { tenant: { externalIdentifierConfiguration: { authorizationGrantIdTimeToLiveInSeconds: 1 } } });
  try {
    const { location } = await authorize({ client_id: other.id });
    await new Promise((r) => setTimeout(r, 1500));
    const res = await post('/oauth2/token', { grant_type: 'authorization_code', code: location.searchParams.get('code'),
      redirect_uri: REDIRECT }, basic(other.id, other.oauthConfiguration.clientSecret));
    assertOAuthError(res, 400, 'invalid_grant', 'auth_code_not_found');
  } finally {
    await client.patchTenant(tenant.id, { tenant: { externalIdentifierConfiguration: { authorizationGrantIdTimeToLiveInSeconds: 30 } } });
  }
});

test('oauth: malformed input is a precise 4xx, never a 500', async () => {
  const cases = [
    ['/oauth2/token', '{"grant_type":"password"}', 'application/json'],
    ['/oauth2/token', 'grant_type=%ZZ', 'application/x-www-form-urlencoded'],
    ['/oauth2/token', 'grant_type=password&grant_type=password', 'application/x-www-form-urlencoded'],
    ['/oauth2/token', '', 'application/x-www-form-urlencoded'],
    ['/oauth2/token', `grant_type=authorization_code&client_id=${'x'.repeat(5000)}`, 'application/x-www-form-urlencoded'],
    ['/oauth2/introspect', 'token=abc', 'application/x-www-form-urlencoded'],
    ['/oauth2/revoke', 'token=abc', 'application/x-www-form-urlencoded'],
    ['/oauth2/authorize', 'client_id=%ZZ', 'application/x-www-form-urlencoded'],
  ];
  for (const [path, body, type] of cases) {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', body, redirect: 'manual', headers: { 'Content-Type': type } });
    assert.ok(res.status >= 400 && res.status < 500, `${path} ${body.slice(0, 40)} -> ${res.status}`);
  }
  const badBasic = await post('/oauth2/token', { grant_type: 'password' }, { Authorization: 'Basic %%%' });
  assertOAuthError(badBasic, 401, 'invalid_client');
  const unknownTenant = await fetch(`${server.url}/.well-known/openid-configuration?tenantId=nope`);
  assert.equal(unknownTenant.status, 400);
  const badPrompt = await fetch(`${server.url}/oauth2/authorize?${authorizeQuery({ client_id: app.id, prompt: 'none', state: 'p' })}`, { redirect: 'manual' });
  assert.equal(badPrompt.status, 302);
  const loc = new URL(badPrompt.headers.get('location'));
  assert.equal(loc.searchParams.get('error'), 'login_required');
  assert.equal(loc.searchParams.get('state'), 'p');
  const badType = await fetch(`${server.url}/oauth2/authorize?${authorizeQuery({ client_id: app.id, response_type: 'token' })}`, { redirect: 'manual' });
  assert.equal(new URL(badType.headers.get('location')).searchParams.get('error'), 'unsupported_response_type');
});

test('oauth: the login form answers 200 with one message for a wrong password or unknown user', async () => {
  const get = await fetch(`${server.url}/oauth2/authorize?${authorizeQuery({ client_id: app.id })}`, { redirect: 'manual' });
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(await get.text())[1];
  const cookie = get.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const attempt = async (loginId, password, token = csrf) => {
    const res = await fetch(`${server.url}/oauth2/authorize`, {
      method: 'POST', redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: form({ client_id: app.id, redirect_uri: REDIRECT, response_type: 'code', loginId, password, csrf_token: token }),
    });
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  };
  const wrong = await attempt(email, 'nope');
  const unknown = await attempt(`nobody-${randomUUID()}@x.io`, 'nope');
  assert.equal(wrong.status, 200);
  assert.equal(unknown.status, 200);
  const message = (html) => /role="alert" id="error">([^<]*)</.exec(html)[1];
  assert.equal(message(wrong.body), message(unknown.body));
  const forged = await attempt(email, PASSWORD, 'forged');
  assert.equal(forged.status, 403);
  assert.equal(forged.location, null);
});

test('oauth: a two-factor user is sent to /oauth2/two-factor and completes the flow there', async () => {
  const secret = randomBytes(20).toString('base64');
  const twoFactorEmail = uniqueEmail('oauth-2fa');
  await client.register(null, {
    user: {
      email: twoFactorEmail, password: PASSWORD,
      twoFactor: { methods: [{ method: 'authenticator', secret, authenticator: { algorithm: 'HmacSHA1', codeLength: 6, timeStep: 30 } }] },
    },
    registration: { applicationId: app.id },
  });
  const params = { client_id: app.id, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 'tf' };
  const get = await fetch(`${server.url}/oauth2/authorize?${authorizeQuery(params)}`, { redirect: 'manual' });
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(await get.text())[1];
  const csrfCookie = get.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const login = await fetch(`${server.url}/oauth2/authorize`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie },
    body: form({ ...params, loginId: twoFactorEmail, password: PASSWORD, csrf_token: csrf }),
  });
  assert.equal(login.status, 302);
  const next = login.headers.get('location');
  assert.match(next, /^\/oauth2\/two-factor\?/);
  assert.ok(!next.includes('twoFactorId'));
  const twoFactorCookie = login.headers.getSetCookie().find((c) => c.startsWith('lk_2fa=')).split(';')[0];
  const page = await fetch(`${server.url}${next}`, { redirect: 'manual', headers: { Cookie: twoFactorCookie } });
  assert.equal(page.status, 200);
  const csrf2 = /name="csrf_token" value="([^"]+)"/.exec(await page.text())[1];
  const cookies = [twoFactorCookie, ...page.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
  const submit = (code) => fetch(`${server.url}/oauth2/two-factor`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies },
    body: form({ ...params, code, csrf_token: csrf2 }),
  });
  const wrong = await submit(String((Number(totp(secret)) + 500_001) % 1_000_000).padStart(6, '0'));
  assert.equal(wrong.status, 200);
  const done = await submit(totp(secret));
  assert.equal(done.status, 302, await done.text());
  const location = new URL(done.headers.get('location'));
  assert.equal(location.searchParams.get('state'), 'tf');
  const { response } = await client.exchangeOAuthCodeForAccessToken(
    location.searchParams.get('code'), app.id, app.oauthConfiguration.clientSecret, REDIRECT);
  assert.equal(typeof response.id_token, 'string');
});
