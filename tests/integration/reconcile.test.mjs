// POST /api/jwt/reconcile (seed "Reconcile a JWT Using the External JWT Provider",
// spec/identity-providers-external-jwt.md) driven by FusionAuth's official client, with
// foreign tokens signed by jose: RS256 and ES256 keys imported into Key Master under the
// external kid, then every way a token must be refused (401) and what a success writes.
// Setup: the base kickstart; the application, keys and providers are made through the API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { SignJWT, decodeJwt, exportSPKI, generateKeyPair } from 'jose';

import { assertFieldError, assertNoSecrets, expectStatus, makeClient } from './support/client.mjs';
import { api } from './support/http.mjs';
import { encodeSegment, hmacToken, nowSeconds, parseSetCookies, splitToken } from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

let server;
let client;
let appId;
let providerId;
const rs = {};
const es = {};

before(async () => {
  server = await startServer();
  client = makeClient(server);
  const app = await client.createApplication(null, {
    application: {
      name: 'Reconciled',
      roles: [{ name: 'member', isDefault: true }, { name: 'admin' }],
      loginConfiguration: { generateRefreshTokens: true, allowTokenRefresh: true },
    },
  });
  appId = app.response.application.id;
  for (const [holder, alg, kid] of [[rs, 'RS256', 'corp-rs-1'], [es, 'ES256', 'corp-es-1']]) {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    holder.alg = alg;
    holder.kid = kid;
    holder.privateKey = privateKey;
    holder.publicPem = await exportSPKI(publicKey);
    const imported = await client.importKey(null, { key: { name: `Corp ${alg}`, kid, publicKey: holder.publicPem } });
    holder.keyId = imported.response.key.id;
  }
  const created = await client.createIdentityProvider(null, {
    identityProvider: {
      type: 'ExternalJWT',
      name: 'Corp SSO',
      enabled: true,
      headerKeyParameter: 'kid',
      verificationKeyIds: [rs.keyId, es.keyId],
      domains: ['corp.example'],
      claimMap: {
        given_name: 'firstName',
        family_name: 'lastName',
        dept: 'RegistrationData',
        plan: 'UserData',
        tz: 'timezone',
      },
      applicationConfiguration: { [appId]: { enabled: true, createRegistration: true } },
    },
  });
  providerId = created.response.identityProvider.id;
});
after(async () => { await server?.dispose(); });

function sign(key, claims, { header = {}, exp = '10m' } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key.privateKey);
}

function reconcile(token, extra = {}) {
  return client.reconcileJWT({ applicationId: appId, identityProviderId: providerId, data: { token }, ...extra });
}

test('reconcile: the first token creates, registers and links the user; the second updates the same user', async () => {
  const sub = `ext-${randomUUID()}`;
  const email = `ann-${randomUUID().slice(0, 8)}@Corp.example`;
  const first = await reconcile(await sign(rs, {
    sub, email, given_name: 'Ann', family_name: 'Lee', dept: 'R&D', plan: 'gold', tz: 'Europe/Paris',
  }), { ipAddress: '192.0.2.7' });
  assert.equal(first.statusCode, 200);
  assertNoSecrets(first.response);
  const user = first.response.user;
  assert.equal(user.email, email.toLowerCase());
  assert.equal(user.firstName, 'Ann');
  assert.equal(user.lastName, 'Lee');
  assert.equal(user.data.plan, 'gold');
  assert.equal(typeof user.lastLoginInstant, 'number');
  const registration = user.registrations.find((r) => r.applicationId === appId);
  assert.ok(registration, 'registered for the application');
  assert.deepEqual(registration.roles, ['member']);
  assert.equal(registration.data.dept, 'R&D');
  assert.equal(registration.timezone, 'Europe/Paris');
  const claims = decodeJwt(first.response.token);
  assert.equal(claims.authenticationType, 'FEDERATED_JWT');
  assert.equal(claims.sub, user.id);
  assert.equal(claims.applicationId, appId);
  assert.deepEqual(claims.roles, ['member']);
  assert.equal(typeof first.response.refreshToken, 'string');
  assert.equal(typeof first.response.refreshTokenId, 'string');

  // Same external id, new signing key (ES256), new names and a new email: still the same user.
  const second = await reconcile(await sign(es, { sub, email: `other-${email}`, given_name: 'Annie' }));
  assert.equal(second.statusCode, 200);
  assert.equal(second.response.user.id, user.id);
  assert.equal(second.response.user.firstName, 'Annie');
  assert.equal(second.response.user.lastName, 'Lee');
  const stored = await client.retrieveUser(user.id);
  assert.equal(stored.response.user.firstName, 'Annie');
  assert.equal(stored.response.user.registrations.length, 1);

  // The refresh token it issued is a real one.
  const refreshed = await client.exchangeRefreshTokenForJWT({ refreshToken: first.response.refreshToken });
  assert.equal(decodeJwt(refreshed.response.token).sub, user.id);
});

test('reconcile: an existing user with the email is linked, not duplicated', async () => {
  const email = `bob-${randomUUID().slice(0, 8)}@corp.example`;
  const existing = await client.createUser(null, { user: { email, password: 'password-123' } });
  const result = await reconcile(await sign(es, { sub: `ext-${randomUUID()}`, email }));
  assert.equal(result.statusCode, 200);
  assert.equal(result.response.user.id, existing.response.user.id);
});

test('reconcile: the deprecated encodedJWT works and data.token wins over it', async () => {
  const email = `cy-${randomUUID().slice(0, 8)}@corp.example`;
  const token = await sign(rs, { sub: `ext-${randomUUID()}`, email });
  const legacy = await client.reconcileJWT({ applicationId: appId, identityProviderId: providerId, encodedJWT: token });
  assert.equal(legacy.statusCode, 200);
  const both = await client.reconcileJWT({
    applicationId: appId, identityProviderId: providerId, encodedJWT: 'garbage', data: { token },
  });
  assert.equal(both.response.user.id, legacy.response.user.id);
});

test('reconcile: cookies like the Login API, and none with noJWT', async () => {
  const email = `dee-${randomUUID().slice(0, 8)}@corp.example`;
  const token = await sign(rs, { sub: `ext-${randomUUID()}`, email });
  const body = { applicationId: appId, identityProviderId: providerId, data: { token } };
  const res = await api(server, 'POST', '/api/jwt/reconcile', {
    body: { ...body, metaData: { device: { name: 'Kiosk 7', type: 'BROWSER' } } },
    headers: { 'X-Forwarded-For': '198.51.100.4, 10.0.0.1' },
  });
  assert.equal(res.status, 200);
  // The address and device land on the refresh token, as for login. The X-Forwarded-For sent
  // by this client is ignored: it is no trusted proxy (edge.test.mjs), so the socket counts.
  const tokens = await client.retrieveRefreshTokens(res.json.user.id);
  const issued = tokens.response.refreshTokens.find((t) => t.id === res.json.refreshTokenId);
  assert.equal(issued.metaData.device.name, 'Kiosk 7');
  assert.equal(issued.metaData.device.lastAccessedAddress, '127.0.0.1');
  const cookies = parseSetCookies(res.headers);
  assert.equal(cookies.get('access_token')?.value, res.json.token);
  assert.equal(cookies.get('refresh_token')?.value, res.json.refreshToken);
  assert.equal(cookies.get('access_token').attributes.httponly, true);
  const quiet = await api(server, 'POST', '/api/jwt/reconcile', { body: { ...body, noJWT: true } });
  assert.equal(quiet.status, 200);
  assert.equal(quiet.json.token, undefined);
  assert.equal(quiet.json.refreshToken, undefined);
  assert.equal(quiet.headers.getSetCookie().length, 0);
  assert.equal(quiet.json.user.email, email);
});

test('reconcile: without createRegistration the user logs in unregistered (202)', async () => {
  const other = await client.createApplication(null, { application: { name: `Unregistered ${randomUUID()}` } });
  const otherId = other.response.application.id;
  await client.patchIdentityProvider(providerId, {
    identityProvider: { applicationConfiguration: { [otherId]: { enabled: true, createRegistration: false } } },
  });
  const result = await client.reconcileJWT({
    applicationId: otherId, identityProviderId: providerId,
    data: { token: await sign(rs, { sub: `ext-${randomUUID()}`, email: `eve-${randomUUID().slice(0, 8)}@corp.example` }) },
  });
  assert.equal(result.statusCode, 202);
  assert.equal(result.response.refreshToken, undefined);
  assert.equal(decodeJwt(result.response.token).applicationId, undefined);
});

test('reconcile: POST /api/identity-provider/login completes the same login', async () => {
  const email = `fay-${randomUUID().slice(0, 8)}@corp.example`;
  const token = await sign(es, { sub: `ext-${randomUUID()}`, email });
  const res = await api(server, 'POST', '/api/identity-provider/login', {
    body: { applicationId: appId, identityProviderId: providerId, data: { token } },
  });
  assert.equal(res.status, 200);
  assert.equal(res.json.user.email, email);
  assert.equal(decodeJwt(res.json.token).authenticationType, 'FEDERATED_JWT');
});

test('reconcile: a missing token is 400 [missing]encodedJWT', async () => {
  const errors = await expectStatus(client.reconcileJWT({ applicationId: appId, identityProviderId: providerId }), 400);
  assertFieldError(errors, 'encodedJWT', '[missing]encodedJWT');
});

// data is a Map<String, String> in FusionAuth: a number would be read as its text, but an object
// cannot be read as a string at all.
test('reconcile: wrong JSON types are 400, never 500', async () => {
  const res = await api(server, 'POST', '/api/jwt/reconcile', {
    body: { applicationId: appId, identityProviderId: providerId, data: { token: { jwt: 'x' } }, noJWT: 'maybe' },
  });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'data.token', '[invalidJSON]');
  assertFieldError(res.json, 'noJWT', '[invalidJSON]');
});

// --- every token that must be refused ------------------------------------------------------

async function refused(token, extra = {}) {
  const body = await expectStatus(reconcile(token, extra), 401);
  assert.equal(body, undefined, '401 has an empty body');
}

const victim = () => ({ sub: `ext-${randomUUID()}`, email: `zed-${randomUUID().slice(0, 8)}@corp.example` });

test('reconcile 401: a forged signature (another key, same kid)', async () => {
  const { privateKey } = await generateKeyPair('RS256');
  await refused(await sign({ ...rs, privateKey }, victim()));
});

test('reconcile 401: an unknown kid', async () => {
  await refused(await sign(rs, victim(), { header: { kid: 'nobody-knows' } }));
});

test('reconcile 401: an expired token', async () => {
  await refused(await sign(es, victim(), { exp: nowSeconds() - 60 }));
});

test('reconcile 401: a token not valid yet (nbf in the future)', async () => {
  const token = await new SignJWT(victim()).setProtectedHeader({ alg: 'ES256', kid: es.kid })
    .setNotBefore(nowSeconds() + 600).setExpirationTime('20m').sign(es.privateKey);
  await refused(token);
});

test('reconcile 401: alg swapped to HS256 with the public key bytes as the HMAC secret', async () => {
  const now = nowSeconds();
  await refused(hmacToken({ alg: 'HS256', kid: rs.kid, typ: 'JWT' }, { ...victim(), iat: now, exp: now + 600 }, rs.publicPem));
});

test('reconcile 401: alg none', async () => {
  const signed = await sign(rs, victim());
  await refused(`${encodeSegment({ alg: 'none', kid: rs.kid })}.${splitToken(signed).p}.`);
});

test('reconcile 401: an email outside the provider\'s domains', async () => {
  await refused(await sign(rs, { sub: `ext-${randomUUID()}`, email: 'mallory@elsewhere.example' }));
});

test('reconcile 401: unknown application, unknown provider, disabled provider', async () => {
  const token = await sign(rs, victim());
  await expectStatus(client.reconcileJWT({ applicationId: randomUUID(), identityProviderId: providerId, data: { token } }), 401);
  await expectStatus(client.reconcileJWT({ applicationId: appId, identityProviderId: randomUUID(), data: { token } }), 401);
  const disabled = await client.createIdentityProvider(null, {
    identityProvider: {
      type: 'ExternalJWT', name: `Disabled ${randomUUID()}`, enabled: false, headerKeyParameter: 'kid',
      verificationKeyIds: [rs.keyId], applicationConfiguration: { [appId]: { enabled: true } },
    },
  });
  await expectStatus(client.reconcileJWT({
    applicationId: appId, identityProviderId: disabled.response.identityProvider.id, data: { token },
  }), 401);
});

test('reconcile: refused tokens create no user', async () => {
  const email = `ghost-${randomUUID().slice(0, 8)}@corp.example`;
  const { privateKey } = await generateKeyPair('RS256');
  await refused(await sign({ ...rs, privateKey }, { sub: `ext-${randomUUID()}`, email }));
  await expectStatus(client.retrieveUserByEmail(email), 404);
});
