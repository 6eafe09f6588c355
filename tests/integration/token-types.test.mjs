// Which JWTs count as Latchkey's access tokens (issue 10 items 1, 2 and 7), through real HTTP at
// every endpoint that accepts one: GET /api/jwt/validate, /oauth2/userinfo, /oauth2/introspect,
// GET /api/jwt/issue, DELETE /api/jwt/refresh and GET /api/jwt/refresh with a JWT, the previous
// token of POST /api/jwt/refresh, and POST /oauth2/revoke.
//  - An id token and a webhook's X-FusionAuth-Signature-JWT, signed with the very key that signs
//    access tokens, are refused everywhere (they carry no typ "JWT"; the signature has no exp).
//  - A partner whose public key was imported (as spec/identity-providers-external-jwt.md tells
//    admins to do for reconcile) forges {"sub": <our user>} with its own private key and the
//    imported kid: refused everywhere.
//  - A real access token works everywhere (positive control); a deactivated user's does not
//    where the endpoint acts for the user.
//  - Lifetimes: vend's timeToLiveInSeconds and the jwtConfiguration TTLs are range-checked; a
//    presented exp that would overflow is refused.
import assert from 'node:assert/strict';
import crypto, { randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, before, test } from 'node:test';

import * as jose from 'jose';

import { expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
import { api } from './support/http.mjs';
import { assertAccepted, assertRejected, nowSeconds, pollUntil, splitToken } from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'token-types-password-7';

let server;
let client;
let tenantId;
let signingKey; // RS256, signs this app's access tokens, id tokens and webhook signatures
let app;        // OAuth app whose access and id tokens share signingKey
let target;     // a second application for /api/jwt/issue
let user;
let email;
let receiver;   // records webhook deliveries
let partner;    // {kid, privateKey} of an imported public-only key

let grant;            // password grant: {access_token, id_token, refresh_token, refresh_token_id}
let webhookSignature; // X-FusionAuth-Signature-JWT of a jwt.refresh delivery
let forged;           // the partner's token for our user

const form = (params) => new URLSearchParams(params).toString();
const basic = () => ({
  Authorization: `Basic ${Buffer.from(`${app.id}:${app.oauthConfiguration.clientSecret}`).toString('base64')}`,
});

async function post(path, params, headers = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST', body: form(params),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  });
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, headers: response.headers, text, json };
}

const bearer = (token) => ({ headers: { Authorization: `Bearer ${token}` } });

async function passwordGrant(loginId = email) {
  const response = await post('/oauth2/token', {
    grant_type: 'password', loginId, password: PASSWORD, scope: 'openid offline_access',
  }, basic());
  assert.equal(response.status, 200, response.text);
  assert.equal(typeof response.json.id_token, 'string');
  return response.json;
}

async function startReceiver() {
  const deliveries = [];
  const listener = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(200);
      response.end('ok');
    });
  });
  await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return {
    deliveries,
    url: `http://127.0.0.1:${listener.address().port}/events`,
    close: () => new Promise((resolve) => { listener.closeAllConnections(); listener.close(resolve); }),
  };
}

// POST /api/jwt/refresh with `previous` as the body's token; returns the jwt.refresh event.
async function refreshRelaying(previous) {
  const fresh = await passwordGrant();
  const before = receiver.deliveries.length;
  const response = await api(server, 'POST', '/api/jwt/refresh', { body: { refreshToken: fresh.refresh_token, token: previous } });
  assert.equal(response.status, 200, response.text);
  assert.ok(await pollUntil(() => receiver.deliveries.length > before), 'no jwt.refresh delivery');
  return receiver.deliveries.at(-1);
}

before(async () => {
  server = await startServer({ webhookReceiversOnLoopback: true, env: { LATCHKEY_WEBHOOK_RETRY_BASE_MS: '200', LATCHKEY_WEBHOOK_POLL_MS: '100' } });
  client = makeClient(server);
  const tenants = (await client.retrieveTenants()).response.tenants;
  tenantId = (tenants.find((t) => t.name === 'Default') ?? tenants[0]).id;
  signingKey = (await client.generateKey(null, { key: { algorithm: 'RS256', name: `shared ${randomUUID()}` } })).response.key;
  app = (await client.createApplication(null, { application: {
    name: `token types ${randomUUID()}`,
    roles: [{ name: 'user', isDefault: true }],
    loginConfiguration: { generateRefreshTokens: true, allowTokenRefresh: true },
    oauthConfiguration: { enabledGrants: ['password', 'refresh_token'], generateRefreshTokens: true, clientAuthenticationPolicy: 'Required' },
    jwtConfiguration: { enabled: true, timeToLiveInSeconds: 600, refreshTokenTimeToLiveInMinutes: 60,
      accessTokenKeyId: signingKey.id, idTokenKeyId: signingKey.id },
  } })).response.application;
  target = (await client.createApplication(null, { application: { name: `issue target ${randomUUID()}` } })).response.application;
  email = uniqueEmail('types');
  user = (await client.register(null, { user: { email, password: PASSWORD }, registration: { applicationId: app.id } })).response.user;
  await client.register(user.id, { registration: { applicationId: target.id } });

  grant = await passwordGrant();

  receiver = await startReceiver();
  await client.patchTenant(tenantId, { tenant: { eventConfiguration: { events: { 'jwt.refresh': { enabled: true } } } } });
  await client.createWebhook(null, { webhook: {
    url: receiver.url, connectTimeout: 1000, readTimeout: 1000, global: false, tenantIds: [tenantId],
    eventsEnabled: { 'jwt.refresh': true }, signatureConfiguration: { enabled: true, signingKeyId: signingKey.id },
  } });
  const delivery = await refreshRelaying(undefined);
  webhookSignature = delivery.headers['x-fusionauth-signature-jwt'];
  assert.equal(typeof webhookSignature, 'string');

  const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  partner = { kid: `partner-${randomUUID()}`, privateKey: pair.privateKey };
  await client.importKey(null, { key: {
    name: `partner ${randomUUID()}`, algorithm: 'RS256', kid: partner.kid,
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }),
  } });
  // Everything a genuine token of this app carries, and the jti of the real access token.
  const real = splitToken(grant.access_token).payload;
  forged = await new jose.SignJWT({ ...real, roles: ['admin'] })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: partner.kid }).sign(partner.privateKey);
});
after(async () => {
  await receiver?.close();
  await server?.dispose();
});

test('the tokens under test are what they claim to be (signed by our key, FusionAuth-shaped)', async () => {
  const access = splitToken(grant.access_token);
  const id = splitToken(grant.id_token);
  const signature = splitToken(webhookSignature);
  assert.deepEqual(access.header, { alg: 'RS256', typ: 'JWT', kid: signingKey.kid });
  // Id tokens and webhook signatures: same key, no typ (token_type.hpp explains why not a typ
  // such as "id_token+jwt"); clients still verify them against the JWKS.
  assert.deepEqual(id.header, { alg: 'RS256', kid: signingKey.kid });
  assert.deepEqual(signature.header, { alg: 'RS256', kid: signingKey.kid });
  assert.equal(signature.payload.exp, undefined, 'FusionAuth webhook signatures have no exp');
  const jwks = jose.createLocalJWKSet(await (await fetch(`${server.url}/.well-known/jwks.json`)).json());
  await jose.jwtVerify(grant.id_token, jwks, { audience: app.id });
  await jose.jwtVerify(webhookSignature, jwks);
  assert.equal(id.payload.sub, user.id);
  assert.equal(id.payload.aud, app.id);
});

// Presents `token` at every JWT-accepting endpoint and asserts each refuses it.
async function assertRefusedEverywhere(token, label) {
  await assertRejected(server, token, `${label} at /api/jwt/validate`);

  const userinfo = await api(server, 'GET', '/oauth2/userinfo', bearer(token));
  assert.equal(userinfo.status, 401, `${label} at userinfo: ${userinfo.text}`);
  assert.equal(userinfo.json?.error, 'invalid_token', `${label} at userinfo`);

  const introspect = await post('/oauth2/introspect', { client_id: app.id, token }, basic());
  assert.equal(introspect.status, 200, `${label} at introspect: ${introspect.text}`);
  assert.deepEqual(introspect.json, { active: false }, `${label} at introspect`);

  const issue = await api(server, 'GET', `/api/jwt/issue?applicationId=${target.id}`, bearer(token));
  assert.equal(issue.status, 401, `${label} at /api/jwt/issue: ${issue.text}`);
  assert.equal(issue.text, '', `${label} at /api/jwt/issue: FusionAuth's empty 401`);

  const fresh = await passwordGrant();
  for (const path of [`/api/jwt/refresh/${fresh.refresh_token_id}`, `/api/jwt/refresh?token=${encodeURIComponent(fresh.refresh_token)}`]) {
    const revoke = await api(server, 'DELETE', path, bearer(token));
    assert.equal(revoke.status, 401, `${label} at DELETE ${path.split('?')[0]}: ${revoke.text}`);
  }
  const retrieve = await api(server, 'GET', `/api/jwt/refresh/${fresh.refresh_token_id}`, bearer(token));
  assert.equal(retrieve.status, 401, `${label} at GET /api/jwt/refresh: ${retrieve.text}`);
  // The refresh token survived every attempt.
  assert.equal((await client.retrieveRefreshTokenById(fresh.refresh_token_id)).response.refreshToken.id, fresh.refresh_token_id);

  const event = (await refreshRelaying(token)).json.event;
  assert.equal(event.type, 'jwt.refresh');
  assert.equal(event.original, undefined, `${label} relayed as the previous access token`);

  // RFC 7009 §2.2: an unknown token is answered 200 ... and nothing is revoked by it.
  const revoked = await post('/oauth2/revoke', { token }, basic());
  assert.equal(revoked.status, 200, `${label} at /oauth2/revoke: ${revoked.text}`);
  await assertAccepted(server, grant.access_token, `the real access token after revoking ${label}`);
}

test('an id token signed with the access-token key is refused at every JWT endpoint', async () => {
  await assertRefusedEverywhere(grant.id_token, 'id token');
});

test('a webhook signature JWT (no typ, no exp) is refused at every JWT endpoint', async () => {
  await assertRefusedEverywhere(webhookSignature, 'webhook signature');
});

test('a partner token signed for an imported public-only key is refused at every JWT endpoint', async () => {
  // Same claims (and jti) as a genuine token: only the signer differs.
  assert.deepEqual({ ...splitToken(forged).payload, roles: undefined }, { ...splitToken(grant.access_token).payload, roles: undefined });
  await assertRefusedEverywhere(forged, 'partner token');
});

test('a real access token works at every JWT endpoint (positive control)', async () => {
  const token = (await passwordGrant()).access_token;
  assert.equal((await assertAccepted(server, token)).sub, user.id);
  const userinfo = await api(server, 'GET', '/oauth2/userinfo', bearer(token));
  assert.equal(userinfo.status, 200, userinfo.text);
  assert.equal(userinfo.json.sub, user.id);
  const introspect = await post('/oauth2/introspect', { client_id: app.id, token }, basic());
  assert.equal(introspect.json.active, true);
  const issue = await api(server, 'GET', `/api/jwt/issue?applicationId=${target.id}`, bearer(token));
  assert.equal(issue.status, 200, issue.text);
  assert.equal(splitToken(issue.json.token).payload.aud, target.id);

  const event = (await refreshRelaying(token)).json.event;
  assert.equal(event.original, token, 'a genuine previous access token is relayed');

  const fresh = await passwordGrant();
  const revoke = await api(server, 'DELETE', `/api/jwt/refresh/${fresh.refresh_token_id}`, bearer(token));
  assert.equal(revoke.status, 200, revoke.text);
  await expectStatus(client.retrieveRefreshTokenById(fresh.refresh_token_id), 404);
});

test('an expired genuine access token is still relayed by /api/jwt/refresh, a foreign one never', async () => {
  // Vended tokens are access tokens too; one for our user that expires in a second.
  const vended = (await client.vendJWT({ claims: { sub: user.id }, keyId: signingKey.id, timeToLiveInSeconds: 1 })).response.token;
  await new Promise((resolve) => { setTimeout(resolve, 2100); });
  await assertRejected(server, vended, 'expired vended token');
  assert.equal((await refreshRelaying(vended)).json.event.original, vended);
  const someoneElse = (await client.vendJWT({ claims: { sub: randomUUID() }, keyId: signingKey.id })).response.token;
  assert.equal((await refreshRelaying(someoneElse)).json.event.original, undefined);
});

test('revoking the access token leaves nothing of that login usable, the id token included', async () => {
  const login = await passwordGrant();
  await assertAccepted(server, login.access_token);
  const revoked = await post('/oauth2/revoke', { token: login.access_token, token_type_hint: 'access_token' }, basic());
  assert.equal(revoked.status, 200, revoked.text);
  await assertRejected(server, login.access_token, 'revoked access token');
  await assertRejected(server, login.id_token, 'id token of the revoked login');
  const userinfo = await api(server, 'GET', '/oauth2/userinfo', bearer(login.id_token));
  assert.equal(userinfo.status, 401);
});

test('a deactivated user\'s still-unexpired token no longer acts for them', async () => {
  const other = (await client.register(null, {
    user: { email: uniqueEmail('gone'), password: PASSWORD }, registration: { applicationId: app.id },
  })).response.user;
  const login = await passwordGrant(other.email);
  const token = login.access_token;
  await client.deactivateUser(other.id);
  const userinfo = await api(server, 'GET', '/oauth2/userinfo', bearer(token));
  assert.equal(userinfo.status, 401);
  assert.equal(userinfo.json?.error, 'invalid_token');
  const issue = await api(server, 'GET', `/api/jwt/issue?applicationId=${target.id}`, bearer(token));
  assert.equal(issue.status, 401);
  const revoke = await api(server, 'DELETE', `/api/jwt/refresh/${login.refresh_token_id}`, bearer(token));
  assert.equal(revoke.status, 401, revoke.text);
});

test('vended tokens keep the caller\'s claims, their own iss included, and validate', async () => {
  const vended = (await client.vendJWT({ claims: { sub: randomUUID(), iss: 'https://partner.example', custom: [1, 2] } })).response.token;
  const claims = await assertAccepted(server, vended, 'vended token');
  assert.equal(claims.iss, 'https://partner.example');
  assert.deepEqual(claims.custom, [1, 2]);
});

// --- Item 7: integer arithmetic never wraps -----------------------------------------------------

// A 400 whose field errors name `field`; with `code`, that exact code among them.
function assertRefusedField(response, field, code, label) {
  assert.equal(response.status, 400, `${label}: ${response.text}`);
  const list = response.json?.fieldErrors?.[field];
  assert.ok(Array.isArray(list) && list.length > 0, `${label}: expected fieldErrors["${field}"], got ${response.text}`);
  if (code) assert.ok(list.some((error) => error.code === code), `${label}: expected ${code}, got ${JSON.stringify(list)}`);
}

test('vend refuses a timeToLiveInSeconds no arithmetic can hold, and the largest accepted one keeps exp >= iat', async () => {
  const vend = (raw) => api(server, 'POST', '/api/jwt/vend', {
    apiKey: client.apiKey, rawBody: `{"claims":{"sub":"${user.id}"},"timeToLiveInSeconds":${raw}}`,
  });
  // Readable as a long (FusionAuth's type), so the lifetime rule answers: today's exp: -1.
  for (const raw of ['9223372036854775807', '2147483648', '-1', '0']) {
    assertRefusedField(await vend(raw), 'timeToLiveInSeconds', '[invalid]timeToLiveInSeconds', `ttl ${raw}`);
  }
  // Not even a long: the typed field reader refuses it (FusionAuth's Jackson error).
  for (const raw of ['18446744073709551615', '1e300']) {
    assertRefusedField(await vend(raw), 'timeToLiveInSeconds', undefined, `ttl ${raw}`);
  }
  const longest = (await client.vendJWT({ claims: { sub: user.id }, timeToLiveInSeconds: 2147483647 })).response.token;
  const { payload } = splitToken(longest);
  assert.equal(payload.exp - payload.iat, 2147483647);
  await assertAccepted(server, longest, 'longest vended token');
});

test('jwtConfiguration and external-identifier TTLs outside 1 .. 2^31-1 are refused at create and update', async () => {
  const patchTenant = (rawTenant) => api(server, 'PATCH', `/api/tenant/${tenantId}`, {
    apiKey: client.apiKey, rawBody: `{"tenant":${rawTenant}}`,
  });
  const ttlField = 'tenant.jwtConfiguration.timeToLiveInSeconds';
  assertRefusedField(await patchTenant('{"jwtConfiguration":{"timeToLiveInSeconds":9223372036854775807}}'), ttlField, undefined, 'tenant ttl 2^63-1');
  assertRefusedField(await patchTenant('{"jwtConfiguration":{"timeToLiveInSeconds":-3600}}'), ttlField, `[invalid]${ttlField}`, 'tenant ttl -3600');
  const minutes = 'tenant.jwtConfiguration.refreshTokenTimeToLiveInMinutes';
  assertRefusedField(await patchTenant('{"jwtConfiguration":{"refreshTokenTimeToLiveInMinutes":0}}'), minutes, `[invalid]${minutes}`, 'tenant refresh ttl 0');
  const twoFactor = 'tenant.externalIdentifierConfiguration.twoFactorIdTimeToLiveInSeconds';
  assertRefusedField(await patchTenant('{"externalIdentifierConfiguration":{"twoFactorIdTimeToLiveInSeconds":-5}}'), twoFactor, `[invalid]${twoFactor}`, 'twoFactorId ttl -5');

  const createApp = (jwt) => api(server, 'POST', '/api/application', {
    apiKey: client.apiKey, rawBody: `{"application":{"name":"ttl ${randomUUID()}","jwtConfiguration":{"enabled":true,${jwt}}}}`,
  });
  for (const [jwt, field, exact] of [
    ['"refreshTokenTimeToLiveInMinutes":9223372036854775807', 'refreshTokenTimeToLiveInMinutes', false],
    ['"refreshTokenTimeToLiveInMinutes":-1', 'refreshTokenTimeToLiveInMinutes', true],
    ['"timeToLiveInSeconds":0', 'timeToLiveInSeconds', true],
    ['"refreshTokenSlidingWindowConfiguration":{"maximumTimeToLiveInMinutes":-60}',
      'refreshTokenSlidingWindowConfiguration.maximumTimeToLiveInMinutes', true],
  ]) {
    const name = `application.jwtConfiguration.${field}`;
    assertRefusedField(await createApp(jwt), name, exact ? `[invalid]${name}` : undefined, jwt);
  }
  // Nothing was written: this app's tokens still live 600 s.
  const { payload } = splitToken((await passwordGrant()).access_token);
  assert.equal(payload.exp - payload.iat, 600);
});

test('a presented exp that would overflow is refused, never turned into a token by /api/jwt/issue', async () => {
  // An imported key pair whose private half we hold signs "our" tokens: only the exp is wrong.
  const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `own-${randomUUID()}`;
  await client.importKey(null, { key: {
    name: `own ${randomUUID()}`, algorithm: 'RS256', type: 'RSA', kid,
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }),
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
  } });
  const sign = (claims) => new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(pair.privateKey);
  const fine = await sign({ sub: user.id, iat: nowSeconds(), exp: nowSeconds() + 300 });
  assert.equal((await api(server, 'GET', `/api/jwt/issue?applicationId=${target.id}`, bearer(fine))).status, 200);
  for (const exp of [9223372036854775807n, 253402300800, 1e300]) {
    const input = `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid })).toString('base64url')}.${
      Buffer.from(`{"sub":"${user.id}","exp":${exp}}`).toString('base64url')}`;
    const token = `${input}.${crypto.sign('sha256', Buffer.from(input), pair.privateKey).toString('base64url')}`;
    await assertRejected(server, token, `exp ${exp}`);
    const issue = await api(server, 'GET', `/api/jwt/issue?applicationId=${target.id}`, bearer(token));
    assert.equal(issue.status, 401, `exp ${exp}: ${issue.text}`);
  }
  const noExp = await sign({ sub: user.id, iat: nowSeconds() });
  await assertRejected(server, noExp, 'no exp');
  const iatAfterExp = await sign({ sub: user.id, iat: nowSeconds() + 600, exp: nowSeconds() + 300 });
  await assertRejected(server, iatAfterExp, 'iat after exp');
});
