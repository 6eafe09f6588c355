// The JWT APIs of seeds/jwt-and-refresh-token-apis.txt: Validate (GET /api/jwt/validate),
// Vend (POST /api/jwt/vend), Retrieve Public Keys (GET /api/jwt/public-key), the JWKS
// (GET /.well-known/jwks.json, spec/keys-apikeys.md) and Issue (GET /api/jwt/issue), plus the
// JWT authentication rules of spec/conventions.md §4.
// Setup: base kickstart only. before() generates RS256, ES256, HS256 and Ed25519 keys with the
// Key API and creates applications (A: own 120 s TTL; B: tenant TTL; one per key) and users.
import assert from 'node:assert/strict';
import crypto, { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import * as jose from 'jose';

import { expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
import { api } from './support/http.mjs';
import { DEFAULT_API_KEY } from './support/kickstart.mjs';
import {
  assertFieldErrorOn, nowSeconds, pollUntil, samePublicKey, splitToken, validateRaw, x5tOf,
} from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'jwt-api-password-31';

let server;
let client;
let anonymous;
let tenant;
let defaultKey;
const keys = {};
const apps = {};
let user; // registered for A and B
let onlyA; // registered for A only

async function generate(algorithm, extra = {}) {
  const { response } = await client.generateKey(null, { key: { algorithm, name: `jwt.test ${algorithm} ${randomUUID()}`, ...extra } });
  return response.key;
}

async function newApp(name, application = {}) {
  const id = randomUUID();
  await client.createApplication(id, { application: { name: `${name} ${id}`, roles: [{ name: 'user', isDefault: true }, { name: 'admin' }], ...application } });
  return id;
}

// An application whose access tokens are signed by `keyId` (jwtConfiguration overrides the tenant).
const signedBy = (keyId, extra = {}) => ({
  jwtConfiguration: { enabled: true, accessTokenKeyId: keyId, timeToLiveInSeconds: 3600, refreshTokenTimeToLiveInMinutes: 60, ...extra },
});

async function newUser(...applicationIds) {
  const created = (await client.createUser(null, { user: { email: uniqueEmail('jwt'), password: PASSWORD } })).response.user;
  for (const applicationId of applicationIds) await client.register(created.id, { registration: { applicationId } });
  return created;
}

async function loginTo(who, applicationId) {
  const { statusCode, response } = await client.login({ loginId: who.email, password: PASSWORD, applicationId });
  assert.ok(statusCode === 200 || statusCode === 202, `login: ${statusCode}`);
  return response;
}

before(async () => {
  server = await startServer();
  client = makeClient(server);
  anonymous = makeClient(server, null);
  tenant = (await client.retrieveTenants()).response.tenants[0];
  defaultKey = (await client.retrieveKey(tenant.jwtConfiguration.accessTokenKeyId)).response.key;
  keys.rs256 = await generate('RS256', { length: 2048 });
  keys.es256 = await generate('ES256');
  keys.hs256 = await generate('HS256');
  keys.ed25519 = await generate('Ed25519');
  apps.A = await newApp('App A', { jwtConfiguration: { enabled: true, timeToLiveInSeconds: 120, refreshTokenTimeToLiveInMinutes: 60 } });
  apps.B = await newApp('App B');
  apps.rsa = await newApp('RSA App', signedBy(keys.rs256.id));
  apps.hmac = await newApp('HMAC App', signedBy(keys.hs256.id));
  user = await newUser(apps.A, apps.B);
  onlyA = await newUser(apps.A);
});
after(async () => { await server?.dispose(); });

// ---------------------------------------------------------------------------------------------
// Validate

test('validateJWT of a login token is 200 {jwt: claims} equal to the token payload (exp/iat in seconds)', async () => {
  const { token } = await loginTo(user, apps.A);
  const { statusCode, response } = await anonymous.validateJWT(token);
  assert.equal(statusCode, 200);
  assert.deepEqual(response.jwt, jose.decodeJwt(token));
  assert.equal(response.jwt.sub, user.id);
  assert.equal(response.jwt.aud, apps.A);
  assert.ok(response.jwt.exp < 10_000_000_000, 'exp is epoch seconds');
});

test('validate accepts the token in the access_token cookie', async () => {
  const { token } = await loginTo(user, apps.A);
  const response = await validateRaw(server, { cookie: `access_token=${token}` });
  assert.equal(response.status, 200);
  assert.equal(response.json.jwt.sub, user.id);
});

test('validate accepts the legacy "JWT <token>" Authorization scheme', async () => {
  const { token } = await loginTo(user, apps.A);
  const response = await validateRaw(server, { authorization: `JWT ${token}` });
  assert.equal(response.status, 200);
  assert.equal(response.json.jwt.sub, user.id);
});

test('validate without any token is 401 with an empty body', async () => {
  const response = await validateRaw(server);
  assert.equal(response.status, 401);
  assert.equal(response.text, '');
  assert.equal(await expectStatus(anonymous.validateJWT(''), 401), undefined);
});

test('validate with an API key instead of a JWT is 401', async () => {
  const response = await validateRaw(server, { authorization: DEFAULT_API_KEY });
  assert.equal(response.status, 401);
  assert.equal((await validateRaw(server, { authorization: `Bearer ${DEFAULT_API_KEY}` })).status, 401);
});

test('validate of a token past its exp is 401 (no leeway for Latchkey\'s own tokens)', async () => {
  // TTL 2 (not 1) so the token is certainly still valid when first checked: exp = floor(now) + 2.
  const { token } = (await client.vendJWT({ claims: { sub: user.id }, timeToLiveInSeconds: 2 })).response;
  assert.equal((await anonymous.validateJWT(token)).statusCode, 200);
  const { exp } = jose.decodeJwt(token);
  const rejected = await pollUntil(async () => (await validateRaw(server, { authorization: `Bearer ${token}` })).status === 401,
    { timeoutMs: 5_000, intervalMs: 100 });
  assert.ok(rejected, 'token still valid 5 s after vend with timeToLiveInSeconds 2');
  // Without leeway, it must be rejected as soon as now >= exp: never later than exp + 1 s.
  assert.ok(Date.now() / 1000 < exp + 1.5, `rejected only at ${Date.now() / 1000}, exp ${exp}`);
});

test('a JWT does not authenticate API-key endpoints', async () => {
  const { token } = await loginTo(user, apps.A);
  const response = await api(server, 'GET', '/api/key', { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 401);
  assert.equal((await api(server, 'GET', `/api/user/${user.id}`, { headers: { Cookie: `access_token=${token}` } })).status, 401);
});

test('when an API key and an access_token cookie are both sent, the API key wins', async () => {
  // conventions.md §4. GET /api/user?email= is an API-key search; the cookie belongs to another
  // user. If the JWT won, the answer would be that user ("retrieve me") or 401.
  const { token } = await loginTo(onlyA, apps.A);
  const response = await api(server, 'GET', `/api/user?email=${encodeURIComponent(user.email)}`, {
    apiKey: DEFAULT_API_KEY, headers: { Cookie: `access_token=${token}` },
  });
  assert.equal(response.status, 200);
  assert.equal(response.json.user.id, user.id);
});

// ---------------------------------------------------------------------------------------------
// Vend

test('vendJWT ignores exp and iat from claims, applies timeToLiveInSeconds, keeps other claims and adds a jti', async () => {
  const before = nowSeconds();
  const { statusCode, response } = await client.vendJWT({ claims: { foo: 'bar', exp: 1, iat: 1, nested: { a: [1, 2] } }, timeToLiveInSeconds: 60 });
  assert.equal(statusCode, 200);
  const claims = jose.decodeJwt(response.token);
  assert.notEqual(claims.exp, 1);
  assert.notEqual(claims.iat, 1);
  assert.ok(claims.iat >= before - 1 && claims.iat <= nowSeconds() + 1, `iat ${claims.iat}`);
  assert.equal(claims.exp - claims.iat, 60);
  assert.equal(claims.foo, 'bar');
  assert.deepEqual(claims.nested, { a: [1, 2] });
  assert.equal(typeof claims.jti, 'string');
  assert.ok(claims.jti.length > 0);
});

test('vendJWT without keyId signs with the tenant access-token key, and without TTL uses the tenant TTL', async () => {
  const { response } = await client.vendJWT({ claims: { foo: 'default' } });
  const header = jose.decodeProtectedHeader(response.token);
  assert.equal(header.kid, defaultKey.kid);
  assert.equal(header.alg, defaultKey.algorithm);
  assert.equal(header.typ, 'JWT');
  const claims = jose.decodeJwt(response.token);
  assert.equal(claims.exp - claims.iat, tenant.jwtConfiguration.timeToLiveInSeconds);
});

test('a vended token validates and its custom claims come back from validate', async () => {
  const { token } = (await client.vendJWT({ claims: { foo: 'bar', sub: user.id }, timeToLiveInSeconds: 60 })).response;
  const { response } = await anonymous.validateJWT(token);
  assert.equal(response.jwt.foo, 'bar');
  assert.equal(response.jwt.sub, user.id);
});

test('vendJWT with a generated RS256 keyId signs RS256 with that key\'s kid, verifiable with its public key', async () => {
  const { response } = await client.vendJWT({ claims: { foo: 'rsa' }, keyId: keys.rs256.id, timeToLiveInSeconds: 60 });
  const header = jose.decodeProtectedHeader(response.token);
  assert.equal(header.alg, 'RS256');
  assert.equal(header.kid, keys.rs256.kid);
  const { payload } = await jose.jwtVerify(response.token, await jose.importSPKI(keys.rs256.publicKey, 'RS256'), { algorithms: ['RS256'] });
  assert.equal(payload.foo, 'rsa');
});

test('vendJWT with an unknown keyId is 400 with a field error on keyId', async () => {
  const errors = await expectStatus(client.vendJWT({ claims: { foo: 'bar' }, keyId: randomUUID(), timeToLiveInSeconds: 60 }), 400);
  assertFieldErrorOn(errors, 'keyId');
});

for (const ttl of [0, -5]) {
  test(`vendJWT with timeToLiveInSeconds ${ttl} is 400 with a field error on timeToLiveInSeconds`, async () => {
    const errors = await expectStatus(client.vendJWT({ claims: { foo: 'bar' }, timeToLiveInSeconds: ttl }), 400);
    assertFieldErrorOn(errors, 'timeToLiveInSeconds');
  });
}

test('vendJWT requires an API key', async () => {
  await expectStatus(anonymous.vendJWT({ claims: { foo: 'bar' } }), 401);
});

// ---------------------------------------------------------------------------------------------
// Retrieve Public Keys

test('retrieveJWTPublicKeys maps kid to PEM for every asymmetric key and never lists HMAC keys', async () => {
  const { statusCode, response } = await anonymous.retrieveJWTPublicKeys();
  assert.equal(statusCode, 200);
  const { publicKeys } = response;
  assert.ok(publicKeys && typeof publicKeys === 'object');
  for (const key of [keys.rs256, keys.es256, keys.ed25519]) {
    assert.ok(publicKeys[key.kid], `kid ${key.kid} (${key.algorithm}) missing from ${Object.keys(publicKeys)}`);
    assert.ok(samePublicKey(publicKeys[key.kid], key.publicKey), `${key.algorithm} PEM differs`);
  }
  for (const pem of Object.values(publicKeys)) assert.match(pem, /^-----BEGIN PUBLIC KEY-----\n/);
  assert.equal(publicKeys[keys.hs256.kid], undefined, 'an HMAC key must never be exposed');
  assert.equal(publicKeys[defaultKey.kid], undefined, 'the HS256 default signing key must never be exposed');
});

test('retrieveJWTPublicKey by kid returns that key\'s PEM for RSA and EC keys', async () => {
  for (const key of [keys.rs256, keys.es256]) {
    const { statusCode, response } = await anonymous.retrieveJWTPublicKey(key.kid);
    assert.equal(statusCode, 200);
    assert.ok(samePublicKey(response.publicKey, key.publicKey), key.algorithm);
  }
});

test('retrieveJWTPublicKey of an unknown kid or an HMAC kid is 404', async () => {
  await expectStatus(anonymous.retrieveJWTPublicKey('no-such-kid'), 404);
  await expectStatus(anonymous.retrieveJWTPublicKey(keys.hs256.kid), 404);
  await expectStatus(anonymous.retrieveJWTPublicKey(defaultKey.kid), 404);
});

test('retrieveJWTPublicKeyByApplicationId returns the PEM of the application\'s RS256 access-token key', async () => {
  const { statusCode, response } = await anonymous.retrieveJWTPublicKeyByApplicationId(apps.rsa);
  assert.equal(statusCode, 200);
  assert.ok(samePublicKey(response.publicKey, keys.rs256.publicKey));
});

test('retrieveJWTPublicKeyByApplicationId is 404 for an application signing with HMAC or with the tenant\'s HMAC key', async () => {
  await expectStatus(anonymous.retrieveJWTPublicKeyByApplicationId(apps.hmac), 404);
  await expectStatus(anonymous.retrieveJWTPublicKeyByApplicationId(apps.B), 404);
  await expectStatus(anonymous.retrieveJWTPublicKeyByApplicationId(randomUUID()), 404);
});

// ---------------------------------------------------------------------------------------------
// JWKS

test('the JWKS lists every asymmetric key with kid, kty, alg, use and its public parameters, and no HMAC key', async () => {
  const { statusCode, response } = await anonymous.retrieveJsonWebKeySet();
  assert.equal(statusCode, 200);
  assert.ok(Array.isArray(response.keys));
  for (const jwk of response.keys) {
    assert.notEqual(jwk.kty, 'oct', 'HMAC keys are never published');
    for (const secret of ['k', 'd', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(jwk[secret], undefined, `JWK member ${secret} leaks private material`);
  }
  const byKid = new Map(response.keys.map((jwk) => [jwk.kid, jwk]));
  assert.equal(byKid.has(keys.hs256.kid), false);
  assert.equal(byKid.has(defaultKey.kid), false);

  const rsa = byKid.get(keys.rs256.kid);
  assert.ok(rsa, 'RS256 key missing');
  assert.deepEqual([rsa.kty, rsa.alg, rsa.use], ['RSA', 'RS256', 'sig']);
  assert.match(rsa.n, /^[A-Za-z0-9_-]+$/);
  assert.equal(rsa.e, 'AQAB');
  const ec = byKid.get(keys.es256.kid);
  assert.ok(ec, 'ES256 key missing');
  assert.deepEqual([ec.kty, ec.alg, ec.use, ec.crv], ['EC', 'ES256', 'sig', 'P-256']);
  // Coordinates padded to the field size: 32 bytes = 43 base64url characters.
  assert.equal(ec.x.length, 43);
  assert.equal(ec.y.length, 43);
  const ed = byKid.get(keys.ed25519.kid);
  assert.ok(ed, 'Ed25519 key missing');
  assert.deepEqual([ed.kty, ed.use, ed.crv], ['OKP', 'sig', 'Ed25519']);
  assert.ok(['Ed25519', 'EdDSA'].includes(ed.alg), `OKP alg ${ed.alg}`);
  assert.equal(ed.y, undefined);

  // Each JWK is the same public key as the Key API's PEM.
  for (const key of [keys.rs256, keys.es256, keys.ed25519]) {
    const jwk = byKid.get(key.kid);
    const { kty, n, e, crv, x, y } = jwk;
    const fromJwk = crypto.createPublicKey({ key: Object.fromEntries(Object.entries({ kty, n, e, crv, x, y }).filter(([, v]) => v !== undefined)), format: 'jwk' });
    assert.ok(fromJwk.export({ type: 'spki', format: 'der' }).equals(crypto.createPublicKey(key.publicKey).export({ type: 'spki', format: 'der' })), key.algorithm);
  }
});

test('JWKS entries of keys with a certificate carry x5c and its x5t thumbprint', async () => {
  const { response } = await anonymous.retrieveJsonWebKeySet();
  const rsa = response.keys.find((jwk) => jwk.kid === keys.rs256.kid);
  assert.ok(Array.isArray(rsa.x5c) && rsa.x5c.length >= 1, JSON.stringify(rsa));
  const certificate = new crypto.X509Certificate(Buffer.from(rsa.x5c[0], 'base64'));
  assert.ok(samePublicKey(certificate.publicKey.export({ type: 'spki', format: 'pem' }), keys.rs256.publicKey));
  assert.equal(rsa.x5t, crypto.createHash('sha1').update(certificate.raw).digest('base64url'));
  assert.equal(rsa.x5t, x5tOf(keys.rs256.certificate));
});

test('GET /.well-known/jwks.json needs no authentication and is JSON', async () => {
  const response = await api(server, 'GET', '/.well-known/jwks.json');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  assert.ok(Array.isArray(response.json.keys));
});

// ---------------------------------------------------------------------------------------------
// Issue (single sign-on hop)

test('issueJWT for application B with a token of A gives a JWT_SSO token for B expiring with the presented token', async () => {
  const tokenA = (await loginTo(user, apps.A)).token;
  const claimsA = jose.decodeJwt(tokenA);
  assert.equal(claimsA.exp - claimsA.iat, 120);
  const { statusCode, response } = await anonymous.issueJWT(apps.B, tokenA);
  assert.equal(statusCode, 200);
  const claims = jose.decodeJwt(response.token);
  assert.equal(claims.sub, user.id);
  assert.equal(claims.applicationId, apps.B);
  assert.equal(claims.aud, apps.B);
  assert.deepEqual(claims.roles, ['user']);
  assert.equal(claims.authenticationType, 'JWT_SSO');
  assert.equal(claims.iss, tenant.issuer);
  assert.equal(claims.tid, tenant.id);
  // "The returned access token will have the same expiration of the one provided": B's TTL is
  // 3600 s, A's 120 s, so exp = min(now + 3600, exp of A) = exp of A.
  assert.equal(claims.exp, claimsA.exp);
  assert.notEqual(claims.jti, claimsA.jti);
  assert.equal((await anonymous.validateJWT(response.token)).statusCode, 200);
});

test('issueJWT never extends the expiry beyond the target application\'s own TTL', async () => {
  const shortB = await newApp('Short B', { jwtConfiguration: { enabled: true, timeToLiveInSeconds: 60, refreshTokenTimeToLiveInMinutes: 60 } });
  await client.register(user.id, { registration: { applicationId: shortB } });
  const tokenB = (await loginTo(user, apps.B)).token; // 3600 s
  const { response } = await anonymous.issueJWT(shortB, tokenB);
  const claims = jose.decodeJwt(response.token);
  assert.ok(claims.exp <= claims.iat + 60, `exp ${claims.exp} iat ${claims.iat}`);
  assert.ok(claims.exp <= jose.decodeJwt(tokenB).exp);
});

test('issueJWT for an application the user is not registered for is 202 without applicationId and roles', async () => {
  const tokenA = (await loginTo(onlyA, apps.A)).token;
  const { statusCode, response } = await anonymous.issueJWT(apps.B, tokenA);
  assert.equal(statusCode, 202);
  const claims = jose.decodeJwt(response.token);
  assert.equal(claims.sub, onlyA.id);
  assert.equal(claims.applicationId, undefined);
  assert.equal(claims.roles, undefined);
  assert.equal(response.refreshToken, undefined);
});

test('issueJWT with a bad, tampered or missing token is 401 with an empty body', async () => {
  const tokenA = (await loginTo(user, apps.A)).token;
  const { h, p, s } = splitToken(tokenA);
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...jose.decodeJwt(tokenA), sub: onlyA.id })).toString('base64url')}.${s}`;
  for (const token of ['not-a-jwt', forged, `${h}.${p}.`]) {
    assert.equal(await expectStatus(anonymous.issueJWT(apps.B, token), 401), undefined);
  }
  const missing = await api(server, 'GET', `/api/jwt/issue?applicationId=${apps.B}`);
  assert.equal(missing.status, 401);
});

test('issueJWT accepts the JWT from the access_token cookie', async () => {
  const tokenA = (await loginTo(user, apps.A)).token;
  const response = await api(server, 'GET', `/api/jwt/issue?applicationId=${apps.B}`, { headers: { Cookie: `access_token=${tokenA}` } });
  assert.equal(response.status, 200);
  assert.equal(jose.decodeJwt(response.json.token).applicationId, apps.B);
});

// Refresh tokens on issue: only with a valid refresh token, when the target application has
// loginConfiguration.generateRefreshTokens and the same refreshTokenExpirationPolicy (seed).
async function refreshSetup() {
  const rtConfig = (policy, generate = true) => ({
    loginConfiguration: { generateRefreshTokens: generate },
    jwtConfiguration: { enabled: true, timeToLiveInSeconds: 3600, refreshTokenTimeToLiveInMinutes: 600, refreshTokenExpirationPolicy: policy },
  });
  const source = await newApp('RT Source', rtConfig('Fixed'));
  const target = await newApp('RT Target', rtConfig('Fixed'));
  const sliding = await newApp('RT Sliding', rtConfig('SlidingWindow'));
  const noRefresh = await newApp('RT Off', rtConfig('Fixed', false));
  const who = await newUser(source, target, sliding, noRefresh);
  const login = await loginTo(who, source);
  assert.equal(typeof login.refreshToken, 'string', 'source application must issue a refresh token');
  return { source, target, sliding, noRefresh, who, token: login.token, refreshToken: login.refreshToken };
}

test('issueJWT with a valid refresh token parameter returns a refresh token for a target with the same policy', async () => {
  const { target, token, refreshToken } = await refreshSetup();
  const { statusCode, response } = await anonymous.issueJWT(target, token, refreshToken);
  assert.equal(statusCode, 200);
  assert.equal(typeof response.refreshToken, 'string');
  assert.ok(response.refreshToken.length > 0);
  assert.equal(jose.decodeJwt(response.token).applicationId, target);
});

test('issueJWT with the refresh_token cookie returns a refresh token', async () => {
  const { target, token, refreshToken } = await refreshSetup();
  const response = await api(server, 'GET', `/api/jwt/issue?applicationId=${target}`, {
    headers: { Authorization: `Bearer ${token}`, Cookie: `refresh_token=${encodeURIComponent(refreshToken)}` },
  });
  assert.equal(response.status, 200);
  assert.equal(typeof response.json.refreshToken, 'string');
});

test('issueJWT: the refresh_token cookie takes precedence over the refreshToken parameter', async () => {
  const { target, token, refreshToken } = await refreshSetup();
  const cookieWins = await api(server, 'GET', `/api/jwt/issue?applicationId=${target}&refreshToken=garbage-${randomUUID()}`, {
    headers: { Authorization: `Bearer ${token}`, Cookie: `refresh_token=${encodeURIComponent(refreshToken)}` },
  });
  assert.equal(cookieWins.status, 200);
  assert.equal(typeof cookieWins.json.refreshToken, 'string', 'valid cookie + garbage parameter must still give a refresh token');
  // And the other way round: a garbage cookie hides a valid parameter.
  const garbageCookie = await api(server, 'GET', `/api/jwt/issue?applicationId=${target}&refreshToken=${encodeURIComponent(refreshToken)}`, {
    headers: { Authorization: `Bearer ${token}`, Cookie: `refresh_token=garbage-${randomUUID()}` },
  });
  assert.equal(garbageCookie.status, 200);
  assert.equal(garbageCookie.json.refreshToken, undefined);
});

test('issueJWT gives no refresh token without one, to a target without generateRefreshTokens, or with another expiration policy', async () => {
  const { target, sliding, noRefresh, token, refreshToken } = await refreshSetup();
  const none = await api(server, 'GET', `/api/jwt/issue?applicationId=${target}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(none.status, 200);
  assert.equal(none.json.refreshToken, undefined);
  const off = await anonymous.issueJWT(noRefresh, token, refreshToken);
  assert.equal(off.statusCode, 200);
  assert.equal(off.response.refreshToken, undefined);
  const otherPolicy = await anonymous.issueJWT(sliding, token, refreshToken);
  assert.equal(otherPolicy.statusCode, 200);
  assert.equal(otherPolicy.response.refreshToken, undefined);
});

test('issueJWT does not return a refresh token to an unregistered user (202)', async () => {
  const { target, who, token, refreshToken } = await refreshSetup();
  await client.deleteRegistration(who.id, target);
  const { statusCode, response } = await anonymous.issueJWT(target, token, refreshToken);
  assert.equal(statusCode, 202);
  assert.equal(response.refreshToken, undefined);
  assert.equal(jose.decodeJwt(response.token).applicationId, undefined);
});
