// Login API with every supported password scheme (spec/users-registrations-login.md "Password
// hashing"). FusionAuth's user create takes a plaintext password and hashes it with the
// requested `encryptionScheme` / `factor`; importing ready-made hashes is the Import API.
// Every test here needs POST /api/login, so each name starts with "login:".
//
// Then the Login API itself (spec/users-registrations-login.md "Login API", jwt-claims.md,
// conventions.md §9 cookies): statuses 200/202/203/400/401/404/409|423/410, token claims and
// lifetime, noJWT, cookies, refresh tokens, lastLoginInstant, requireAuthentication.
// Setup: the base kickstart (one global key-manager API key, nothing else); every application,
// user and tenant setting is made by the tests through the API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { decodeJwt, decodeProtectedHeader } from 'jose';

import {
  UUID_PATTERN, assertFieldError, assertNoSecrets, expectStatus, makeClient, uniqueEmail,
} from './support/client.mjs';
import { parseSetCookies, pollUntil, rawLogin } from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

let server;
let client;
before(async () => {
  server = await startServer();
  client = makeClient(server);
});
after(async () => { await server?.dispose(); });

async function login(loginId, password, extra = {}) {
  return client.login({ loginId, password, ...extra });
}

async function assertLogsIn(user, loginId, password) {
  const { statusCode, response } = await login(loginId, password);
  assert.equal(statusCode, 200);
  assert.equal(response.user.id, user.id);
  assertNoSecrets(response);
  assert.equal(typeof response.token, 'string');
  assert.equal(decodeJwt(response.token).sub, user.id);
  return response;
}

const SCHEMES = [
  { encryptionScheme: 'salted-pbkdf2-hmac-sha256', factor: 24000 },
  { encryptionScheme: 'salted-pbkdf2-hmac-sha256', factor: 10000 },
  { encryptionScheme: 'bcrypt', factor: 10 },
  { encryptionScheme: 'salted-sha256', factor: 1 },
  { encryptionScheme: 'salted-sha256', factor: 5 },
  { encryptionScheme: 'salted-hmac-sha256' },
];

for (const scheme of SCHEMES) {
  const label = `${scheme.encryptionScheme}${scheme.factor ? ` (factor ${scheme.factor})` : ''}`;
  test(`login: a user created with ${label} logs in with its password and not with another`, async () => {
    const password = `pw-${randomUUID()}`;
    const email = uniqueEmail(scheme.encryptionScheme);
    const { response } = await client.createUser(null, { user: { email, password, ...scheme } });
    assertNoSecrets(response);
    await assertLogsIn(response.user, email, password);
    await expectStatus(login(email, `${password}x`), 404);
    await expectStatus(login(email, password.slice(0, -1)), 404);
  });
}

test('login: a user created without a scheme uses the tenant default and logs in', async () => {
  const password = 'default-scheme-password';
  const email = uniqueEmail('default-scheme');
  const { response } = await client.createUser(null, { user: { email, password } });
  await assertLogsIn(response.user, email, password);
  await expectStatus(login(email, 'Default-scheme-password'), 404);
});

test('login: the loginId may be the username or the email in any case', async () => {
  const password = 'login-id-password';
  const username = `Login-${randomUUID()}`;
  const email = uniqueEmail('login-id');
  const { response } = await client.createUser(null, { user: { email, username, password } });
  await assertLogsIn(response.user, username, password);
  await assertLogsIn(response.user, email.toUpperCase(), password);
});

test('login: an unknown loginId is 404 with an empty body', async () => {
  const errors = await expectStatus(login(uniqueEmail('nobody'), 'whatever-password'), 404);
  assert.equal(errors, undefined);
});

test('login: PUT without a password keeps it; PATCH with a password replaces it', async () => {
  const email = uniqueEmail('password-change');
  const { response } = await client.createUser(null, { user: { email, password: 'first-password-1', encryptionScheme: 'bcrypt', factor: 10 } });
  await client.updateUser(response.user.id, { user: { email, firstName: 'Renamed' } });
  await assertLogsIn(response.user, email, 'first-password-1');
  await client.patchUser(response.user.id, { user: { password: 'second-password-2' } });
  await assertLogsIn(response.user, email, 'second-password-2');
  await expectStatus(login(email, 'first-password-1'), 404);
});

test('login: with an applicationId, a registered user gets 200 and an unregistered one 202', async () => {
  const appId = randomUUID();
  await client.createApplication(appId, { application: { name: 'Login App', roles: [{ name: 'user', isDefault: true }] } });
  const password = 'application-login-password';
  const registered = (await client.register(null, {
    user: { email: uniqueEmail('registered'), password }, registration: { applicationId: appId },
  })).response.user;
  const unregistered = (await client.createUser(null, { user: { email: uniqueEmail('unregistered'), password } })).response.user;

  const ok = await login(registered.email, password, { applicationId: appId });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.response.user.id, registered.id);
  const notRegistered = await login(unregistered.email, password, { applicationId: appId });
  assert.equal(notRegistered.statusCode, 202);
  assert.equal(notRegistered.response.user.id, unregistered.id);
});

// ---------------------------------------------------------------------------------------------
// Login API: statuses, token, cookies (spec/users-registrations-login.md "Login API").

const PASSWORD = 'login-api-password-77';

// The single (Default) tenant: its id and issuer are what tokens must carry as tid / iss.
async function defaultTenant() {
  return (await client.retrieveTenants()).response.tenants[0];
}

async function newApplication(application = {}) {
  const id = randomUUID();
  await client.createApplication(id, {
    application: { name: `Login API ${id}`, roles: [{ name: 'admin' }, { name: 'user', isDefault: true }], ...application },
  });
  return id;
}

async function registeredUser(applicationId, { roles, user = {} } = {}) {
  const { response } = await client.register(null, {
    user: { email: uniqueEmail('login-api'), password: PASSWORD, ...user },
    registration: { applicationId, ...(roles ? { roles } : {}) },
  });
  return response.user;
}

async function plainUser(user = {}) {
  return (await client.createUser(null, { user: { email: uniqueEmail('login-plain'), password: PASSWORD, ...user } })).response.user;
}

test('login: 200 for a registered user carries token, tokenExpirationInstant and the user without secrets', async () => {
  const appId = await newApplication();
  const user = await registeredUser(appId);
  const before = Date.now();
  const { statusCode, response } = await login(user.email, PASSWORD, { applicationId: appId });
  assert.equal(statusCode, 200);
  assertNoSecrets(response);
  assert.equal(response.user.id, user.id);
  assert.equal(response.user.email, user.email);
  assert.equal(typeof response.token, 'string');
  assert.equal(response.token.split('.').length, 3);
  assert.equal(typeof response.tokenExpirationInstant, 'number');
  const { exp } = decodeJwt(response.token);
  // tokenExpirationInstant is the token's exp in epoch milliseconds (conventions.md §8).
  assert.ok(Math.abs(response.tokenExpirationInstant - exp * 1000) < 1000,
    `tokenExpirationInstant ${response.tokenExpirationInstant} vs exp ${exp}`);
  assert.ok(response.tokenExpirationInstant > before);
  assert.equal(response.refreshToken, undefined, 'no refresh token unless loginConfiguration.generateRefreshTokens');
  assert.ok(response.user.registrations.some((r) => r.applicationId === appId));
});

test('login: the access token carries aud, sub, iss, applicationId, roles, tid, jti, authenticationType PASSWORD', async () => {
  const tenant = await defaultTenant();
  const appId = await newApplication();
  const user = await registeredUser(appId, { roles: ['admin', 'user'] });
  const { response } = await login(user.email, PASSWORD, { applicationId: appId });
  const header = decodeProtectedHeader(response.token);
  assert.equal(header.typ, 'JWT');
  assert.equal(typeof header.kid, 'string');
  assert.equal(typeof header.alg, 'string');
  const claims = decodeJwt(response.token);
  assert.equal(claims.aud, appId);
  assert.equal(claims.sub, user.id);
  assert.equal(claims.iss, tenant.issuer);
  assert.equal(claims.applicationId, appId);
  assert.deepEqual([...claims.roles].sort(), ['admin', 'user']);
  assert.equal(claims.tid, tenant.id);
  assert.equal(typeof claims.jti, 'string');
  assert.ok(claims.jti.length > 0);
  assert.equal(claims.authenticationType, 'PASSWORD');
  const now = Math.floor(Date.now() / 1000);
  assert.ok(Math.abs(claims.iat - now) <= 5, `iat ${claims.iat} vs now ${now} (epoch seconds)`);
  // Two logins never share a jti.
  const again = decodeJwt((await login(user.email, PASSWORD, { applicationId: appId })).response.token);
  assert.notEqual(again.jti, claims.jti);
});

test('login: the token lives the tenant TTL (3600 s by default)', async () => {
  const tenant = await defaultTenant();
  const appId = await newApplication();
  const user = await registeredUser(appId);
  const claims = decodeJwt((await login(user.email, PASSWORD, { applicationId: appId })).response.token);
  assert.equal(tenant.jwtConfiguration.timeToLiveInSeconds, 3600);
  assert.equal(claims.exp - claims.iat, 3600);
});

test('login: an application with jwtConfiguration.enabled and timeToLiveInSeconds 120 issues 120 s tokens', async () => {
  const appId = await newApplication({
    jwtConfiguration: { enabled: true, timeToLiveInSeconds: 120, refreshTokenTimeToLiveInMinutes: 60 },
  });
  const user = await registeredUser(appId);
  const claims = decodeJwt((await login(user.email, PASSWORD, { applicationId: appId })).response.token);
  assert.equal(claims.exp - claims.iat, 120);
});

test('login: 202 for a user not registered for the application, with a token without applicationId and roles', async () => {
  const appId = await newApplication();
  const user = await plainUser();
  const { statusCode, response } = await login(user.email, PASSWORD, { applicationId: appId });
  assert.equal(statusCode, 202);
  assert.equal(response.user.id, user.id);
  assertNoSecrets(response);
  assert.equal(typeof response.token, 'string');
  const claims = decodeJwt(response.token);
  assert.equal(claims.sub, user.id);
  assert.equal(claims.applicationId, undefined);
  assert.equal(claims.roles, undefined);
  assert.equal(response.refreshToken, undefined);
});

test('login: without applicationId a user gets 200 and a token without application claims', async () => {
  const user = await plainUser();
  const { statusCode, response } = await login(user.email, PASSWORD);
  assert.equal(statusCode, 200);
  const claims = decodeJwt(response.token);
  assert.equal(claims.sub, user.id);
  assert.equal(claims.applicationId, undefined);
  assert.equal(claims.roles, undefined);
});

test('login: a wrong password and an unknown loginId are both 404 with an empty body, indistinguishable', async () => {
  const user = await plainUser();
  assert.equal((await login(user.email, PASSWORD)).statusCode, 200, 'control: the right password logs in');
  const wrong = await rawLogin(server, { loginId: user.email, password: `${PASSWORD}-wrong` });
  const unknown = await rawLogin(server, { loginId: uniqueEmail('nobody'), password: `${PASSWORD}-wrong` });
  assert.equal(wrong.status, 404);
  assert.equal(unknown.status, 404);
  assert.equal(wrong.text, '');
  assert.equal(unknown.text, '');
  assert.equal(wrong.headers.get('content-type'), unknown.headers.get('content-type'));
  assert.deepEqual(wrong.headers.getSetCookie(), []);
  assert.equal(await expectStatus(login(user.email, 'not-the-password'), 404), undefined);
});

test('login: a blank loginId is 400 [blank]loginId and a missing password is 400 [blank]password', async () => {
  const user = await plainUser();
  assertFieldError(await expectStatus(login('', PASSWORD), 400), 'loginId', '[blank]loginId');
  assertFieldError(await expectStatus(client.login({ loginId: user.email }), 400), 'password', '[blank]password');
});

test('login: a user whose expiry has passed is 410 with an empty body', async () => {
  const user = await plainUser({ expiry: Date.now() - 60_000 });
  const response = await rawLogin(server, { loginId: user.email, password: PASSWORD });
  assert.equal(response.status, 410);
  assert.equal(response.text, '');
  assert.deepEqual(response.headers.getSetCookie(), []);
});

test('login: passwordChangeRequired gives 203 with a changePasswordId and no token', async () => {
  const user = await plainUser({ passwordChangeRequired: true });
  const { statusCode, response } = await login(user.email, PASSWORD);
  assert.equal(statusCode, 203);
  assert.equal(typeof response.changePasswordId, 'string');
  assert.ok(response.changePasswordId.length > 0);
  // Administrative: an administrator required it (login.mdx, 203 changePasswordReason values).
  assert.equal(response.changePasswordReason, 'Administrative');
  assert.equal(response.token, undefined);
  assert.equal(response.refreshToken, undefined);
});

test('login: a deactivated user cannot log in (404, or 423 as FusionAuth\'s UserLockedException)', async () => {
  // spec/users-registrations-login.md marks "inactive = 404" unconfirmed. FusionAuth's
  // DefaultAuthenticationService.validateUserForAuthentication throws UserLockedException for
  // `!user.active` (decompiled io.fusionauth.api.service.authentication, public code index),
  // which the Login API documents as 423. Either way: no token, no cookie, empty body.
  const user = await plainUser();
  assert.equal((await login(user.email, PASSWORD)).statusCode, 200);
  await client.deactivateUser(user.id);
  const response = await rawLogin(server, { loginId: user.email, password: PASSWORD });
  assert.ok([404, 423].includes(response.status), `expected 404 or 423, got ${response.status} ${response.text}`);
  assert.equal(response.text, '');
  assert.deepEqual(response.headers.getSetCookie(), []);
});

test('login: noJWT true answers 200 without token, refresh token or cookies', async () => {
  const appId = await newApplication({ loginConfiguration: { generateRefreshTokens: true } });
  const user = await registeredUser(appId);
  const response = await rawLogin(server, { loginId: user.email, password: PASSWORD, applicationId: appId, noJWT: true });
  assert.equal(response.status, 200);
  assert.equal(response.json.user.id, user.id);
  assert.equal(response.json.token, undefined);
  assert.equal(response.json.tokenExpirationInstant, undefined);
  assert.equal(response.json.refreshToken, undefined);
  assert.equal(response.json.refreshTokenId, undefined);
  assert.deepEqual(response.headers.getSetCookie(), []);
});

test('login: success sets the access_token cookie, HttpOnly, session-only, holding the same token', async () => {
  const appId = await newApplication();
  const user = await registeredUser(appId);
  const response = await rawLogin(server, { loginId: user.email, password: PASSWORD, applicationId: appId });
  assert.equal(response.status, 200);
  const cookies = parseSetCookies(response.headers);
  const cookie = cookies.get('access_token');
  assert.ok(cookie, `expected an access_token cookie, got ${JSON.stringify(response.headers.getSetCookie())}`);
  assert.equal(cookie.value, response.json.token);
  assert.equal(cookie.attributes.httponly, true, cookie.raw);
  assert.equal(cookie.attributes.path, '/', cookie.raw);
  // A session cookie: no Max-Age / Expires (login.mdx "HTTPOnly session cookie"); no Domain.
  assert.equal(cookie.attributes['max-age'], undefined, cookie.raw);
  assert.equal(cookie.attributes.expires, undefined, cookie.raw);
  assert.equal(cookie.attributes.domain, undefined, cookie.raw);
  assert.equal(cookies.has('refresh_token'), false, 'no refresh_token cookie without generateRefreshTokens');
});

test('login: loginConfiguration.generateRefreshTokens adds refreshToken, refreshTokenId and an HttpOnly persistent refresh_token cookie', async () => {
  const appId = await newApplication({ loginConfiguration: { generateRefreshTokens: true } });
  const user = await registeredUser(appId);
  const response = await rawLogin(server, { loginId: user.email, password: PASSWORD, applicationId: appId });
  assert.equal(response.status, 200);
  assert.equal(typeof response.json.refreshToken, 'string');
  assert.ok(response.json.refreshToken.length >= 16);
  assert.match(response.json.refreshTokenId, UUID_PATTERN);
  const cookies = parseSetCookies(response.headers);
  const cookie = cookies.get('refresh_token');
  assert.ok(cookie, `expected a refresh_token cookie, got ${JSON.stringify(response.headers.getSetCookie())}`);
  assert.equal(decodeURIComponent(cookie.value), response.json.refreshToken);
  assert.equal(cookie.attributes.httponly, true, cookie.raw);
  assert.ok(cookie.attributes['max-age'] !== undefined || cookie.attributes.expires !== undefined,
    `refresh_token must be a persistent cookie: ${cookie.raw}`);
  assert.equal(cookies.get('access_token')?.value, response.json.token);
});

test('login: a user not registered for a refresh-token application gets 202 and no refresh token', async () => {
  const appId = await newApplication({ loginConfiguration: { generateRefreshTokens: true } });
  const user = await plainUser();
  const response = await rawLogin(server, { loginId: user.email, password: PASSWORD, applicationId: appId });
  assert.equal(response.status, 202);
  assert.equal(response.json.refreshToken, undefined);
  assert.equal(parseSetCookies(response.headers).has('refresh_token'), false);
});

test('login: lastLoginInstant is updated on the user', async () => {
  const appId = await newApplication();
  const user = await registeredUser(appId);
  const before = Date.now() - 1000;
  assert.equal((await login(user.email, PASSWORD, { applicationId: appId })).statusCode, 200);
  // FusionAuth may record logins asynchronously: poll with a deadline.
  const fetched = await pollUntil(async () => {
    const current = (await client.retrieveUser(user.id)).response.user;
    return current.lastLoginInstant >= before ? current : null;
  });
  assert.ok(fetched, 'user.lastLoginInstant was not updated within 5 s');
  assert.ok(fetched.lastLoginInstant <= Date.now() + 1000);
});

test('login: with requireAuthentication true an anonymous login is 401; with false it is 200', async () => {
  const anonymous = makeClient(server, null);
  const locked = await newApplication({ loginConfiguration: { requireAuthentication: true } });
  const open = await newApplication({ loginConfiguration: { requireAuthentication: false } });
  const lockedUser = await registeredUser(locked);
  const openUser = await registeredUser(open);
  const refused = await rawLogin(server, { loginId: lockedUser.email, password: PASSWORD, applicationId: locked }, { apiKey: null });
  assert.equal(refused.status, 401);
  assert.equal(refused.text, '');
  const { statusCode, response } = await anonymous.login({ loginId: openUser.email, password: PASSWORD, applicationId: open });
  assert.equal(statusCode, 200);
  assert.equal(decodeJwt(response.token).sub, openUser.id);
  // The API key is still accepted where it is optional.
  assert.equal((await login(openUser.email, PASSWORD, { applicationId: open })).statusCode, 200);
});

test('login: an invalid API key is 401 for an application that requires authentication', async () => {
  // conventions.md §2. Only the requireAuthentication case is asserted: whether an invalid key is
  // ignored where the key is optional is unconfirmed.
  const locked = await newApplication();
  const user = await registeredUser(locked);
  const response = await rawLogin(server, { loginId: user.email, password: PASSWORD, applicationId: locked }, { apiKey: 'not-a-key' });
  assert.equal(response.status, 401);
});

test('login: ipAddress in the request is accepted', async () => {
  const appId = await newApplication();
  const user = await registeredUser(appId);
  const { statusCode, response } = await login(user.email, PASSWORD, { applicationId: appId, ipAddress: '203.0.113.9' });
  assert.equal(statusCode, 200);
  assert.equal(decodeJwt(response.token).sub, user.id);
});

test('login: after tooManyAttempts failures the failed-authentication user action blocks even the right password (409 or 423)', async (t) => {
  // FusionAuth applies tenant.failedAuthenticationConfiguration.userActionId (a login-preventing,
  // temporal User Action) when the count is reached; login then answers 409 with `actions`
  // (LoginPreventedException) — the docs also list 423 "user is locked", so both are accepted.
  const tenant = await defaultTenant();
  let userActionId;
  try {
    userActionId = (await client.createUserAction(null, {
      userAction: { name: `Lockout ${randomUUID()}`, preventLogin: true, temporal: true },
    })).response.userAction.id;
  } catch (error) {
    // The User Action API is not part of issue 3; without it the test uses an arbitrary id.
    userActionId = randomUUID();
    t.diagnostic(`createUserAction failed (${error.message}); using an arbitrary userActionId`);
  }
  const original = tenant.failedAuthenticationConfiguration;
  await client.patchTenant(tenant.id, {
    tenant: {
      failedAuthenticationConfiguration: {
        userActionId, tooManyAttempts: 3, resetCountInSeconds: 120, actionDuration: 3, actionDurationUnit: 'MINUTES',
      },
    },
  });
  try {
    const appId = await newApplication();
    const user = await registeredUser(appId);
    const bystander = await registeredUser(appId);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const failed = await rawLogin(server, { loginId: user.email, password: 'wrong-password-x', applicationId: appId });
      assert.ok([404, 409, 423].includes(failed.status), `failure ${attempt}: ${failed.status}`);
      if (attempt < 3) assert.equal(failed.status, 404, `failure ${attempt} is below the threshold`);
    }
    const blocked = await rawLogin(server, { loginId: user.email, password: PASSWORD, applicationId: appId });
    assert.ok([409, 423].includes(blocked.status), `right password after lockout: expected 409 or 423, got ${blocked.status} ${blocked.text}`);
    assert.equal(blocked.json?.token, undefined);
    assert.deepEqual(blocked.headers.getSetCookie(), []);
    if (blocked.status === 409) {
      assert.ok(Array.isArray(blocked.json.actions) && blocked.json.actions.length > 0, blocked.text);
      assert.ok(blocked.json.actions.some((action) => action.actionId === userActionId), blocked.text);
    } else {
      assert.equal(blocked.text, '');
    }
    // Counting is per user: another user of the tenant still logs in.
    assert.equal((await login(bystander.email, PASSWORD, { applicationId: appId })).statusCode, 200);
  } finally {
    await client.patchTenant(tenant.id, { tenant: { failedAuthenticationConfiguration: { ...original, userActionId: null } } });
  }
});
