// Refresh tokens (seeds/jwt-and-refresh-token-apis.txt "Refresh a JWT", "Retrieve Refresh
// Tokens", "Revoke Refresh Tokens"; spec/tenants-applications.md jwtConfiguration refresh
// policies; conventions.md §4 JWT auth, §9 cookies), driven with FusionAuth's official client.
// Tokens come from POST /api/login on applications with generateRefreshTokens and
// allowTokenRefresh. Also: 64 parallel exchanges of one one-time token, a kill -9 under load,
// and a scan of the database files for token values.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { decodeJwt } from 'jose';

import {
  FusionAuthClient, UUID_PATTERN, assertFieldError, assertGeneralError, expectStatus, makeClient,
  uniqueEmail,
} from './support/client.mjs';
import { DEFAULT_API_KEY, baseKickstart } from './support/kickstart.mjs';
import { parseSetCookies } from './support/jwt.mjs';
import { databaseContains, rawRefresh, revokeByFormBody } from './support/refresh.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'refresh-token-password-1';
const APP_ID = randomUUID();
const USER_ID = randomUUID();
const USER_EMAIL = uniqueEmail('refresh');

let server;
let client;
let anonymous;
const issuedValues = new Set(); // every refresh token value seen, for the database scan

const remember = (value) => { if (value) issuedValues.add(value); return value; };

function kickstart() {
  return baseKickstart({
    requests: [
      {
        method: 'POST', url: `/api/application/${APP_ID}`, body: { application: {
          name: 'Refresh App', roles: [{ name: 'user', isDefault: true }],
          loginConfiguration: { generateRefreshTokens: true, allowTokenRefresh: true },
        } },
      },
      {
        method: 'POST', url: `/api/user/registration/${USER_ID}`, body: {
          user: { email: USER_EMAIL, password: PASSWORD },
          registration: { applicationId: APP_ID },
        },
      },
    ],
  });
}

before(async () => {
  server = await startServer({ kickstart: kickstart() });
  client = makeClient(server);
  anonymous = makeClient(server, null);
});
after(async () => { await server?.dispose(); });

// An application with its own jwtConfiguration (refresh policies) that the kickstarted user,
// and any extra users, are registered for.
async function newApp(jwt = {}, { allowTokenRefresh = true, users = [USER_ID] } = {}) {
  const id = randomUUID();
  await client.createApplication(id, { application: {
    name: `Refresh ${id}`, roles: [{ name: 'user', isDefault: true }],
    loginConfiguration: { generateRefreshTokens: true, allowTokenRefresh },
    jwtConfiguration: { enabled: true, timeToLiveInSeconds: 600, refreshTokenTimeToLiveInMinutes: 60, ...jwt },
  } });
  for (const userId of users) await client.register(userId, { registration: { applicationId: id } });
  return id;
}

async function newUser(applicationId = APP_ID) {
  const email = uniqueEmail('refresh-user');
  const { response } = await client.register(null, {
    user: { email, password: PASSWORD }, registration: { applicationId },
  });
  return { id: response.user.id, email };
}

// A login that must yield a refresh token: {token, refreshToken, refreshTokenId}.
async function login(applicationId = APP_ID, email = USER_EMAIL) {
  const { statusCode, response } = await client.login({ loginId: email, password: PASSWORD, applicationId });
  assert.equal(statusCode, 200);
  assert.equal(typeof response.refreshToken, 'string', 'login must issue a refresh token');
  remember(response.refreshToken);
  return response;
}

async function exchange(refreshToken, token) {
  const { statusCode, response } = await anonymous.exchangeRefreshTokenForJWT({ refreshToken, token });
  assert.equal(statusCode, 200);
  remember(response.refreshToken);
  return response;
}

async function assertDead(refreshToken) {
  const errors = await expectStatus(anonymous.exchangeRefreshTokenForJWT({ refreshToken }), 400);
  assertFieldError(errors, 'refreshToken', '[invalid]refreshToken');
}

// --- POST /api/jwt/refresh ----------------------------------------------------------------------

test('exchangeRefreshTokenForJWT with the body returns token, the same refreshToken and its id (Reusable)', async () => {
  const { refreshToken, refreshTokenId } = await login();
  const response = await exchange(refreshToken);
  assert.equal(response.refreshToken, refreshToken);
  assert.equal(response.refreshTokenId, refreshTokenId);
  assert.match(response.refreshTokenId, UUID_PATTERN);
  const claims = decodeJwt(response.token);
  assert.equal(claims.authenticationType, 'REFRESH_TOKEN');
  assert.equal(claims.sub, USER_ID);
  assert.equal(claims.aud, APP_ID);
  assert.equal(claims.applicationId, APP_ID);
  assert.equal(claims.sid, refreshTokenId);
  assert.deepEqual(claims.roles, ['user']);
  assert.equal(typeof claims.auth_time, 'number');
  // And it validates.
  const validated = await anonymous.validateJWT(response.token);
  assert.equal(validated.response.jwt.sub, USER_ID);
});

test('refresh sets HttpOnly access_token and refresh_token cookies', async () => {
  const { refreshToken } = await login();
  const res = await rawRefresh(server, { body: { refreshToken } });
  assert.equal(res.status, 200);
  const cookies = parseSetCookies(res.headers);
  assert.equal(cookies.get('access_token')?.value, res.json.token);
  assert.equal(cookies.get('refresh_token')?.value, refreshToken);
  for (const name of ['access_token', 'refresh_token']) {
    assert.equal(cookies.get(name).attributes.httponly, true, `${name} HttpOnly`);
    assert.equal(cookies.get(name).attributes.path, '/');
  }
});

test('the refresh_token cookie takes precedence over the body (seed)', async () => {
  const { refreshToken } = await login();
  const cookieWins = await rawRefresh(server, { cookie: `refresh_token=${refreshToken}`, body: { refreshToken: 'bogus-value' } });
  assert.equal(cookieWins.status, 200);
  const cookieOnly = await rawRefresh(server, { cookie: `refresh_token=${refreshToken}` });
  assert.equal(cookieOnly.status, 200);
  assert.equal(cookieOnly.json.refreshToken, refreshToken);
  const bogusCookie = await rawRefresh(server, { cookie: 'refresh_token=bogus-value', body: { refreshToken } });
  assert.equal(bogusCookie.status, 400);
  assertFieldError(bogusCookie.json, 'refreshToken', '[invalid]refreshToken');
});

test('an unknown refresh token is 400 [invalid]refreshToken; none at all is 400', async () => {
  await assertDead(`unknown-${randomUUID()}`);
  const none = await rawRefresh(server, { body: {} });
  assert.equal(none.status, 400);
});

test('an application without allowTokenRefresh answers 400 [disabled]refreshToken', async () => {
  const appId = await newApp({}, { allowTokenRefresh: false });
  const { refreshToken } = await login(appId);
  const errors = await expectStatus(anonymous.exchangeRefreshTokenForJWT({ refreshToken }), 400);
  assertFieldError(errors, 'refreshToken', '[disabled]refreshToken');
});

test('a deactivated user cannot refresh; an unregistered one gets no applicationId or roles', async () => {
  const user = await newUser();
  const { refreshToken } = await login(APP_ID, user.email);
  await client.deleteRegistration(user.id, APP_ID);
  const claims = decodeJwt((await exchange(refreshToken)).token);
  assert.equal(claims.aud, APP_ID);
  assert.equal(claims.applicationId, undefined);
  assert.equal(claims.roles, undefined);
  await client.deactivateUser(user.id);
  await assertDead(refreshToken);
});

test('OneTimeUse: a new value under the same refreshTokenId; the old value is dead', async () => {
  const appId = await newApp({ refreshTokenUsagePolicy: 'OneTimeUse' });
  const first = await login(appId);
  const second = await exchange(first.refreshToken);
  assert.notEqual(second.refreshToken, first.refreshToken);
  assert.equal(second.refreshTokenId, first.refreshTokenId);
  await assertDead(first.refreshToken);
  const third = await exchange(second.refreshToken);
  assert.equal(third.refreshTokenId, first.refreshTokenId);
});

// --- GET /api/jwt/refresh ----------------------------------------------------------------------

const TOKEN_KEYS = ['applicationId', 'id', 'insertInstant', 'metaData', 'startInstant', 'tenantId', 'token', 'userId'];

test('retrieveRefreshTokenById returns the seed shape with the value, and lastAccessed moves on use', async () => {
  const { refreshToken, refreshTokenId } = await login();
  const before = (await client.retrieveRefreshTokenById(refreshTokenId)).response.refreshToken;
  assert.deepEqual(Object.keys(before).sort(), TOKEN_KEYS);
  assert.equal(before.id, refreshTokenId);
  assert.equal(before.token, refreshToken);
  assert.equal(before.userId, USER_ID);
  assert.equal(before.applicationId, APP_ID);
  assert.equal(typeof before.insertInstant, 'number');
  assert.equal(typeof before.startInstant, 'number');
  assert.equal(typeof before.metaData.device.lastAccessedInstant, 'number');
  assert.ok(Array.isArray(before.metaData.scopes));
  await new Promise((resolve) => { setTimeout(resolve, 5); });
  await exchange(refreshToken);
  const afterUse = (await client.retrieveRefreshTokenById(refreshTokenId)).response.refreshToken;
  assert.ok(afterUse.metaData.device.lastAccessedInstant > before.metaData.device.lastAccessedInstant);
  assert.equal(afterUse.metaData.device.lastAccessedAddress, '127.0.0.1');
});

test('retrieveRefreshTokens lists the user\'s tokens; unknown ids are 404', async () => {
  const user = await newUser();
  const a = await login(APP_ID, user.email);
  const b = await login(APP_ID, user.email);
  const { response } = await client.retrieveRefreshTokens(user.id);
  assert.deepEqual(response.refreshTokens.map((t) => t.id).sort(), [a.refreshTokenId, b.refreshTokenId].sort());
  for (const token of response.refreshTokens) assert.deepEqual(Object.keys(token).sort(), TOKEN_KEYS);
  await expectStatus(client.retrieveRefreshTokenById(randomUUID()), 404);
  await expectStatus(client.retrieveRefreshTokens(randomUUID()), 404);
});

// --- DELETE /api/jwt/refresh -------------------------------------------------------------------

test('revokeRefreshTokenById and revokeRefreshTokenByToken kill exactly that token', async () => {
  const a = await login();
  const b = await login();
  const c = await login();
  assert.equal((await client.revokeRefreshTokenById(a.refreshTokenId)).statusCode, 200);
  await assertDead(a.refreshToken);
  assert.equal((await client.revokeRefreshTokenByToken(b.refreshToken)).statusCode, 200);
  await assertDead(b.refreshToken);
  assert.equal((await client.revokeRefreshToken(c.refreshToken)).statusCode, 200);
  await assertDead(c.refreshToken);
  await expectStatus(client.retrieveRefreshTokenById(a.refreshTokenId), 404);
});

test('a refresh token in an x-www-form-urlencoded body is revoked', async () => {
  const { refreshToken } = await login();
  const res = await revokeByFormBody(server, DEFAULT_API_KEY, refreshToken);
  assert.equal(res.status, 200);
  await assertDead(refreshToken);
});

test('revoke by user, by application and by user-and-application', async () => {
  const appId = await newApp();
  const ann = await newUser(appId);
  const bob = await newUser(appId);
  await client.register(ann.id, { registration: { applicationId: APP_ID } });
  const annOnApp = await login(appId, ann.email);
  const annOnMain = await login(APP_ID, ann.email);
  const bobOnApp = await login(appId, bob.email);

  await client.revokeRefreshTokensByUserIdForApplication(ann.id, appId);
  await assertDead(annOnApp.refreshToken);
  await exchange(annOnMain.refreshToken);
  await exchange(bobOnApp.refreshToken);

  await client.revokeRefreshTokensByApplicationId(appId);
  await assertDead(bobOnApp.refreshToken);
  await exchange(annOnMain.refreshToken);

  await client.revokeRefreshTokensByUserId(ann.id);
  await assertDead(annOnMain.refreshToken);
  assert.deepEqual((await client.retrieveRefreshTokens(ann.id)).response.refreshTokens, []);
});

test('revoking what does not exist is 404; no selector is 400 [invalid]', async () => {
  await expectStatus(client.revokeRefreshTokenById(randomUUID()), 404);
  await expectStatus(client.revokeRefreshTokenByToken(`nope-${randomUUID()}`), 404);
  await expectStatus(client.revokeRefreshTokensByUserId(randomUUID()), 404);
  await expectStatus(client.revokeRefreshTokensByApplicationId(randomUUID()), 404);
  const errors = await expectStatus(client.revokeRefreshToken(null, null, null), 400);
  assertGeneralError(errors, '[invalid]');
});

test('a JWT revokes its owner\'s own token and gets 404 for another user\'s', async () => {
  const bob = await newUser();
  const mine = await login();
  const bobs = await login(APP_ID, bob.email);
  const asMe = new FusionAuthClient(`Bearer ${mine.token}`, server.url);
  await expectStatus(asMe.revokeRefreshTokenById(bobs.refreshTokenId), 404);
  await expectStatus(asMe.revokeRefreshTokenByToken(bobs.refreshToken), 404);
  await exchange(bobs.refreshToken);
  await expectStatus(asMe.revokeRefreshTokensByUserId(bob.id), 401);
  assert.equal((await asMe.revokeRefreshTokenById(mine.refreshTokenId)).statusCode, 200);
  await assertDead(mine.refreshToken);
  const again = await login();
  const res = await fetch(`${server.url}/api/jwt/refresh?token=${encodeURIComponent(again.refreshToken)}`, {
    method: 'DELETE', headers: { Cookie: `access_token=${again.token}` },
  });
  assert.equal(res.status, 200, 'the access_token cookie authenticates too');
  await assertDead(again.refreshToken);
});

// --- Concurrency ---------------------------------------------------------------------------------

async function exchangeInParallel(refreshToken, count) {
  return Promise.all(Array.from({ length: count }, () => rawRefresh(server, { body: { refreshToken } })));
}

test('64 parallel exchanges of one one-time token: exactly one 200 and one live successor', async () => {
  const appId = await newApp({ refreshTokenUsagePolicy: 'OneTimeUse' });
  const { refreshToken, refreshTokenId } = await login(appId);
  const answers = await exchangeInParallel(refreshToken, 64);
  const ok = answers.filter((res) => res.status === 200);
  assert.equal(ok.length, 1, `statuses: ${answers.map((res) => res.status).join(',')}`);
  for (const res of answers.filter((r) => r.status !== 200)) assert.equal(res.status, 400);
  const successor = remember(ok[0].json.refreshToken);
  const stored = (await client.retrieveRefreshTokenById(refreshTokenId)).response.refreshToken;
  assert.equal(stored.token, successor);
  await exchange(successor);
});

test('64 parallel exchanges inside a grace window: every answer carries the same successor', async () => {
  const appId = await newApp({
    refreshTokenUsagePolicy: 'OneTimeUse', refreshTokenOneTimeUseConfiguration: { gracePeriodInSeconds: 60 },
  });
  const { refreshToken, refreshTokenId } = await login(appId);
  const answers = await exchangeInParallel(refreshToken, 64);
  assert.deepEqual([...new Set(answers.map((res) => res.status))], [200]);
  const successors = new Set(answers.map((res) => remember(res.json.refreshToken)));
  assert.equal(successors.size, 1);
  const stored = (await client.retrieveRefreshTokenById(refreshTokenId)).response.refreshToken;
  assert.equal(stored.token, [...successors][0]);
});

// --- Durability -----------------------------------------------------------------------------------

test('kill -9 under load: answered revocations stay revoked, answered exchanges\' successors work', async () => {
  const appId = await newApp({ refreshTokenUsagePolicy: 'OneTimeUse' });
  const tokens = [];
  for (let i = 0; i < 60; i += 1) tokens.push(await login(appId));
  const toRevoke = tokens.filter((_, i) => i % 2 === 0);
  const toExchange = tokens.filter((_, i) => i % 2 === 1);
  const revoked = [];
  const successors = [];
  let answered = 0;
  let killed;
  const killAfter = 30;
  const maybeKill = () => {
    answered += 1;
    if (answered === killAfter) killed = server.kill9();
  };
  const work = [
    ...toRevoke.map(async (t) => {
      try {
        const res = await fetch(`${server.url}/api/jwt/refresh/${t.refreshTokenId}`, {
          method: 'DELETE', headers: { Authorization: DEFAULT_API_KEY },
        });
        if (res.status === 200) { revoked.push(t); maybeKill(); }
      } catch { /* killed mid-flight: unknown outcome */ }
    }),
    ...toExchange.map(async (t) => {
      try {
        const res = await rawRefresh(server, { body: { refreshToken: t.refreshToken } });
        if (res.status === 200) { successors.push(remember(res.json.refreshToken)); maybeKill(); }
      } catch { /* killed mid-flight */ }
    }),
  ];
  await Promise.all(work);
  if (!killed) killed = server.kill9();
  await killed;
  assert.ok(revoked.length > 0 && successors.length > 0, `revoked ${revoked.length}, exchanged ${successors.length}`);

  await server.restart();
  client = makeClient(server);
  anonymous = makeClient(server, null);
  for (const t of revoked) {
    await assertDead(t.refreshToken);
    await expectStatus(client.retrieveRefreshTokenById(t.refreshTokenId), 404);
  }
  for (const value of successors) await exchange(value);
});

// Last: every value any test saw must be absent from the database files.
test('the database files hold none of the issued refresh token values', async () => {
  assert.ok(issuedValues.size > 50, `only ${issuedValues.size} values collected`);
  const { files, found } = await databaseContains(server.dataDir, [...issuedValues]);
  assert.ok(files.includes('latchkey.db'), `files: ${files.join(', ')}`);
  assert.deepEqual(found, [], 'refresh token values found in the clear in the database files');
  // The scan itself works: the kickstarted user's email is stored in the clear.
  assert.equal((await databaseContains(server.dataDir, [USER_EMAIL])).found.length, 1);
});
