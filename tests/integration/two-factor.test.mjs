// Two-factor login with a TOTP authenticator (spec/users-registrations-login.md "Two-factor
// completion", "User fields" twoFactor.methods[]): a user whose twoFactor.methods holds an
// `authenticator` method gets 242 {twoFactorId, methods} from POST /api/login, and
// POST /api/two-factor/login with an RFC 6238 code completes it like a login (200 + token).
// Setup: base kickstart only; the tests create the application and users through the API and
// briefly lower the Default tenant's externalIdentifierConfiguration.twoFactorIdTimeToLiveInSeconds
// (restored afterwards).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { decodeJwt } from 'jose';

import { assertNoSecrets, expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
import { api } from './support/http.mjs';
import { DEFAULT_API_KEY } from './support/kickstart.mjs';
import { allKeys, parseSetCookies, sleep, totp } from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'two-factor-password-99';

let server;
let client;
let appId;
before(async () => {
  server = await startServer();
  client = makeClient(server);
  appId = randomUUID();
  await client.createApplication(appId, { application: { name: 'Two Factor App', roles: [{ name: 'user', isDefault: true }] } });
});
after(async () => { await server?.dispose(); });

// A registered user with one TOTP authenticator method; FusionAuth takes the method (secret
// included, base64) on user create — `user.twoFactor.methods[x].secret` is write-only.
async function userWithAuthenticator() {
  const secret = randomBytes(20).toString('base64');
  const { response } = await client.register(null, {
    user: {
      email: uniqueEmail('mfa'),
      password: PASSWORD,
      twoFactor: {
        methods: [{ method: 'authenticator', secret, authenticator: { algorithm: 'HmacSHA1', codeLength: 6, timeStep: 30 } }],
      },
    },
    registration: { applicationId: appId },
  });
  return { user: response.user, secret };
}

async function startLogin(user) {
  const { statusCode, response } = await client.login({ loginId: user.email, password: PASSWORD, applicationId: appId });
  assert.equal(statusCode, 242, `expected 242, got ${statusCode}: ${JSON.stringify(response)}`);
  return response;
}

// A code that differs from the codes of the previous, current and next time steps (FusionAuth
// accepts one step either side), so it is wrong whatever the clock skew.
function wrongCode(secret) {
  const valid = new Set([-30_000, 0, 30_000].map((delta) => totp(secret, { time: Date.now() + delta })));
  for (let n = 0; ; n += 1) {
    const candidate = String((Number(totp(secret)) + 100_003 * (n + 1)) % 1_000_000).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

test('the TOTP helper matches the RFC 6238 appendix B SHA-1 vectors', () => {
  // Secret "12345678901234567890" (ASCII), 8 digits.
  const secret = Buffer.from('12345678901234567890').toString('base64');
  assert.equal(totp(secret, { time: 59_000, digits: 8 }), '94287082');
  assert.equal(totp(secret, { time: 1_111_111_109_000, digits: 8 }), '07081804');
  assert.equal(totp(secret, { time: 2_000_000_000_000, digits: 8 }), '69279037');
});

test('a user with an authenticator method gets 242 with twoFactorId and methods, and no token or cookie', async () => {
  const { user } = await userWithAuthenticator();
  const response = await api(server, 'POST', '/api/login', {
    apiKey: DEFAULT_API_KEY, body: { loginId: user.email, password: PASSWORD, applicationId: appId },
  });
  assert.equal(response.status, 242);
  const body = response.json;
  assert.equal(typeof body.twoFactorId, 'string');
  assert.ok(body.twoFactorId.length > 0);
  assert.ok(Array.isArray(body.methods) && body.methods.length === 1, JSON.stringify(body.methods));
  const [method] = body.methods;
  assert.equal(method.method, 'authenticator');
  assert.equal(typeof method.id, 'string');
  assert.equal(method.authenticator?.algorithm, 'HmacSHA1');
  assert.equal(method.authenticator?.codeLength, 6);
  assert.equal(method.authenticator?.timeStep, 30);
  assert.ok(!allKeys(body).has('secret'), 'the TOTP secret must never be returned');
  assert.equal(body.token, undefined);
  assert.equal(body.refreshToken, undefined);
  assert.equal(parseSetCookies(response.headers).has('access_token'), false);
});

test('the user API never returns the authenticator secret', async () => {
  const { user } = await userWithAuthenticator();
  const fetched = (await client.retrieveUser(user.id)).response.user;
  assertNoSecrets(fetched);
  assert.ok(!allKeys(fetched).has('secret'), JSON.stringify(fetched.twoFactor));
  assert.equal(fetched.twoFactor.methods.length, 1);
  assert.equal(fetched.twoFactor.methods[0].method, 'authenticator');
});

test('twoFactorLogin with the current TOTP code completes the login: 200 with a PASSWORD token for the application', async () => {
  const { user, secret } = await userWithAuthenticator();
  const { twoFactorId } = await startLogin(user);
  const { statusCode, response } = await makeClient(server, null).twoFactorLogin({ twoFactorId, code: totp(secret), applicationId: appId });
  assert.equal(statusCode, 200);
  assertNoSecrets(response);
  assert.equal(response.user.id, user.id);
  const claims = decodeJwt(response.token);
  assert.equal(claims.sub, user.id);
  assert.equal(claims.aud, appId);
  assert.equal(claims.applicationId, appId);
  assert.deepEqual(claims.roles, ['user']);
  // jwt-claims.md "How issuers differ": two-factor login keeps the original authenticationType.
  assert.equal(claims.authenticationType, 'PASSWORD');
  assert.equal(typeof response.tokenExpirationInstant, 'number');
});

test('twoFactorLogin sets the access_token cookie like a login', async () => {
  const { user, secret } = await userWithAuthenticator();
  const { twoFactorId } = await startLogin(user);
  const response = await api(server, 'POST', '/api/two-factor/login', { body: { twoFactorId, code: totp(secret), applicationId: appId } });
  assert.equal(response.status, 200);
  const cookie = parseSetCookies(response.headers).get('access_token');
  assert.ok(cookie, JSON.stringify(response.headers.getSetCookie()));
  assert.equal(cookie.value, response.json.token);
  assert.equal(cookie.attributes.httponly, true);
});

test('a wrong TOTP code is 421 and gives no token', async () => {
  const { user, secret } = await userWithAuthenticator();
  const { twoFactorId } = await startLogin(user);
  const response = await api(server, 'POST', '/api/two-factor/login', { body: { twoFactorId, code: wrongCode(secret), applicationId: appId } });
  assert.equal(response.status, 421);
  assert.equal(response.json?.token, undefined);
  assert.deepEqual(response.headers.getSetCookie(), []);
});

test('an unknown twoFactorId is 404', async () => {
  const { secret } = await userWithAuthenticator();
  await expectStatus(makeClient(server, null).twoFactorLogin({
    twoFactorId: `unknown-${randomUUID()}`, code: totp(secret), applicationId: appId,
  }), 404);
});

test('a twoFactorId is single use: after a completed login it is 404', async () => {
  const { user, secret } = await userWithAuthenticator();
  const { twoFactorId } = await startLogin(user);
  assert.equal((await client.twoFactorLogin({ twoFactorId, code: totp(secret), applicationId: appId })).statusCode, 200);
  await expectStatus(client.twoFactorLogin({ twoFactorId, code: totp(secret), applicationId: appId }), 404);
});

test('an expired twoFactorId is 404 even with a valid code', async () => {
  const tenant = (await client.retrieveTenants()).response.tenants[0];
  const original = tenant.externalIdentifierConfiguration?.twoFactorIdTimeToLiveInSeconds ?? 300;
  await client.patchTenant(tenant.id, { tenant: { externalIdentifierConfiguration: { twoFactorIdTimeToLiveInSeconds: 1 } } });
  try {
    const { user, secret } = await userWithAuthenticator();
    const { twoFactorId } = await startLogin(user);
    await sleep(2_100);
    await expectStatus(client.twoFactorLogin({ twoFactorId, code: totp(secret), applicationId: appId }), 404);
  } finally {
    await client.patchTenant(tenant.id, { tenant: { externalIdentifierConfiguration: { twoFactorIdTimeToLiveInSeconds: original } } });
  }
});

test('a user without two-factor methods is not asked for a second factor', async () => {
  const { response } = await client.register(null, {
    user: { email: uniqueEmail('no-mfa'), password: PASSWORD }, registration: { applicationId: appId },
  });
  const login = await client.login({ loginId: response.user.email, password: PASSWORD, applicationId: appId });
  assert.equal(login.statusCode, 200);
  assert.equal(login.response.twoFactorId, undefined);
});
