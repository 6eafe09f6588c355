// Wrong types are errors, with FusionAuth's leniency (issue 10 item 11). FusionAuth binds every
// JSON body with Jackson's default coercions: what Jackson can read as the declared type is
// accepted and stored as that type ("true" for a boolean, "60" for an int, a number for a
// String, a role's bare name for an ApplicationRole); what it cannot read is 400 with
// fieldErrors[<path>] code [invalidJSON] (recorded FusionAuth answers, e.g. loginId as an object).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { UUID_PATTERN, assertFieldError, expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
import { api } from './support/http.mjs';
import { splitToken, rawLogin } from './support/jwt.mjs';
import { DEFAULT_API_KEY, baseKickstart } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'typed-fields-password-1';
const appId = randomUUID();
const userId = randomUUID();
const userEmail = uniqueEmail('typed');

let server;
let client;
before(async () => {
  // Coercions real kickstart files rely on: bare role names (fusionauth-example-kickstart
  // get-started), "requireRegistration": "true" (theme-css-only), string booleans elsewhere.
  server = await startServer({
    kickstart: baseKickstart({
      requests: [
        {
          method: 'POST',
          url: `/api/application/${appId}`,
          body: {
            application: {
              name: 'Typed fields',
              roles: ['admin', 'user'],
              oauthConfiguration: { requireRegistration: 'true', authorizedRedirectURLs: ['https://typed.example.com/cb'] },
              loginConfiguration: { requireAuthentication: 'false' },
            },
            role: 'editor',
          },
        },
        {
          method: 'POST',
          url: `/api/user/registration/${userId}`,
          body: {
            user: { email: userEmail, password: PASSWORD, active: 'true' },
            registration: { applicationId: appId.toUpperCase(), roles: ['admin'] },
            skipRegistrationVerification: 'true',
          },
        },
      ],
    }),
  });
  client = makeClient(server);
});
after(async () => { await server?.dispose(); });

const post = (path, body) => api(server, 'POST', path, { apiKey: DEFAULT_API_KEY, body });

test('kickstart: bare role names and string booleans are stored as roles and booleans', async () => {
  const { application } = (await client.retrieveApplication(appId)).response;
  assert.deepEqual(application.roles.map((role) => role.name).sort(), ['admin', 'editor', 'user']);
  for (const role of application.roles) {
    assert.match(role.id, UUID_PATTERN);
    assert.equal(role.isDefault, false);
  }
  assert.equal(application.oauthConfiguration.requireRegistration, true);
  assert.equal(application.loginConfiguration.requireAuthentication, false);
  const { user } = (await client.retrieveUser(userId)).response;
  assert.equal(user.active, true);
  assert.equal(user.registrations[0].applicationId, appId, 'an upper-case UUID is stored lower-case');
});

test('application roles given as plain strings are roles with those names', async () => {
  const id = randomUUID();
  const { response } = await client.createApplication(id, { application: { name: 'Roles as strings', roles: ['admin', 'user'] } });
  assert.deepEqual(response.application.roles.map((role) => role.name).sort(), ['admin', 'user']);
  for (const role of response.application.roles) assert.match(role.id, UUID_PATTERN);
  const errors = await expectStatus(client.createApplication(randomUUID(), { application: { name: 'Bad roles', roles: [5] } }), 400);
  assertFieldError(errors, 'application.roles', '[invalidJSON]');
});

test('vend: a keyId that is not a UUID string is 400, never the default key', async () => {
  for (const keyId of [{}, { id: 'x' }, ['a'], 'not-a-uuid', 5, true]) {
    const res = await post('/api/jwt/vend', { keyId, claims: { sub: 'typed' } });
    assert.equal(res.status, 400, `keyId ${JSON.stringify(keyId)}`);
    assertFieldError(res.json, 'keyId', '[invalidJSON]');
  }
  // A UUID in upper case is the same UUID (Jackson's UUID reader takes either case).
  const { keys } = (await client.retrieveKeys()).response;
  const key = keys.find((candidate) => candidate.algorithm === 'HS256' || candidate.algorithm === 'RS256');
  const res = await post('/api/jwt/vend', { keyId: key.id.toUpperCase(), claims: { sub: 'typed' } });
  assert.equal(res.status, 200, res.text);
  assert.equal(splitToken(res.json.token).header.kid, key.kid);
});

test('vend: timeToLiveInSeconds is an integer; numeric text counts, other text is 400', async () => {
  for (const ttl of ['abc', '60s', {}, [60], true, 1.5]) {
    const res = await post('/api/jwt/vend', { claims: { sub: 'typed' }, timeToLiveInSeconds: ttl });
    assert.equal(res.status, 400, `timeToLiveInSeconds ${JSON.stringify(ttl)}`);
    assertFieldError(res.json, 'timeToLiveInSeconds', '[invalidJSON]');
  }
  const res = await post('/api/jwt/vend', { claims: { sub: 'typed' }, timeToLiveInSeconds: '60' });
  assert.equal(res.status, 200, res.text);
  const { payload } = splitToken(res.json.token);
  assert.equal(payload.exp - payload.iat, 60);
});

test('vend: claims must be an object', async () => {
  const res = await post('/api/jwt/vend', { claims: 'sub=typed' });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'claims', '[invalidJSON]');
});

test('user: "active": "true" is accepted and stored as true', async () => {
  const email = uniqueEmail('active-text');
  const res = await post('/api/user', { user: { email, password: PASSWORD, active: 'true', data: { n: 1 } } });
  assert.equal(res.status, 200, res.text);
  const { user } = (await client.retrieveUser(res.json.user.id)).response;
  assert.equal(user.active, true);
  assert.equal(typeof user.active, 'boolean');
});

test('user: a number for email is read as its text, then refused as no email address', async () => {
  const res = await post('/api/user', { user: { email: 5, password: PASSWORD } });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'user.email', '[notEmail]user.email');
  assert.ok(!JSON.stringify(res.json).includes('[invalidJSON]'), JSON.stringify(res.json));
});

test('user: every unreadable field is reported at once and nothing is written', async () => {
  const email = uniqueEmail('many-wrong');
  const res = await post('/api/user', {
    user: { email, password: PASSWORD, active: {}, data: 'not an object', preferredLanguages: 'en', expiry: 'tomorrow' },
  });
  assert.equal(res.status, 400);
  for (const field of ['user.active', 'user.data', 'user.preferredLanguages', 'user.expiry']) {
    assertFieldError(res.json, field, '[invalidJSON]');
  }
  await expectStatus(client.retrieveUserByEmail(email), 404);
});

test('login: a malformed applicationId is a field error, an upper-case one is the application', async () => {
  let res = await rawLogin(server, { loginId: userEmail, password: PASSWORD, applicationId: 'not-a-uuid' });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'applicationId', '[invalidJSON]');
  res = await rawLogin(server, { loginId: userEmail, password: PASSWORD, applicationId: appId.toUpperCase() });
  assert.equal(res.status, 200, res.text);
  assert.equal(splitToken(res.json.token).payload.applicationId, appId);
});

test('login: loginId as an object is 400 [invalidJSON]; "noJWT": "true" is true', async () => {
  let res = await rawLogin(server, { loginId: { email: userEmail }, password: PASSWORD });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'loginId', '[invalidJSON]');
  res = await rawLogin(server, { loginId: userEmail, password: PASSWORD, applicationId: appId, noJWT: 'true' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.token, undefined);
  res = await rawLogin(server, { loginId: userEmail, password: PASSWORD, noJWT: 'perhaps' });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'noJWT', '[invalidJSON]');
});

test('refresh, change password and two-factor login refuse unreadable fields', async () => {
  let res = await api(server, 'POST', '/api/jwt/refresh', { body: { refreshToken: { token: 'x' } } });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'refreshToken', '[invalidJSON]');
  res = await api(server, 'POST', '/api/user/change-password', { body: { changePasswordId: ['x'], password: 'new-password-1' } });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'changePasswordId', '[invalidJSON]');
  res = await api(server, 'POST', '/api/two-factor/login', { body: { twoFactorId: 'x', code: {} } });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'code', '[invalidJSON]');
});

test('registration and key requests are read through their types too', async () => {
  let res = await post(`/api/user/registration/${randomUUID()}`, {
    user: { email: uniqueEmail('reg'), password: PASSWORD },
    registration: { applicationId: appId, roles: 'admin' },
    skipRegistrationVerification: 'yes',
  });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'registration.roles', '[invalidJSON]');
  assertFieldError(res.json, 'skipRegistrationVerification', '[invalidJSON]');
  res = await post(`/api/key/generate/${randomUUID()}`, { key: { algorithm: 'RS256', name: 'typed', length: 'long' } });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'key.length', '[invalidJSON]');
  res = await post(`/api/key/generate/${randomUUID()}`, { key: { algorithm: 'HS256', name: { n: 1 } } });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'key.name', '[invalidJSON]');
});
