// Login API with every supported password scheme (spec/users-registrations-login.md "Password
// hashing"). FusionAuth's user create takes a plaintext password and hashes it with the
// requested `encryptionScheme` / `factor`; importing ready-made hashes is the Import API.
// Every test here needs POST /api/login, so each name starts with "login:".
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { decodeJwt } from 'jose';

import { assertNoSecrets, expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
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
