// OAuth revocation raises jwt.refresh-token.revoke like every other revocation path (FusionAuth
// issue 465; spec/webhooks-events.md): POST /oauth2/revoke with a refresh token,
// GET /oauth2/logout, which revokes the refresh tokens issued through that SSO session, and a
// replayed authorization code, which revokes what its first exchange issued. The
// receiver is a real Node http server on 127.0.0.1 behind a webhook made with the official
// client.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, before, test } from 'node:test';

import { makeClient, uniqueEmail } from './support/client.mjs';
import { pollUntil, sleep } from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

const REDIRECT = 'https://rp.example/callback';
const PASSWORD = 'correct horse battery staple';
const EVENT = 'jwt.refresh-token.revoke';

let server;
let client;
let receiver;
let app;
let email;
let userId;

async function startReceiver() {
  const deliveries = [];
  const httpServer = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push(JSON.parse(Buffer.concat(chunks).toString('utf8')).event);
      response.writeHead(200);
      response.end('ok');
    });
  });
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${httpServer.address().port}/events`,
    events: (type) => deliveries.filter((event) => event.type === type),
    close: () => { httpServer.closeAllConnections(); return new Promise((resolve) => httpServer.close(resolve)); },
  };
}

before(async () => {
  server = await startServer({ webhookReceiversOnLoopback: true, env: { LATCHKEY_WEBHOOK_RETRY_BASE_MS: '200', LATCHKEY_WEBHOOK_POLL_MS: '100' } });
  client = makeClient(server);
  receiver = await startReceiver();
  const { response: tenants } = await client.retrieveTenants();
  const tenant = tenants.tenants.find((t) => t.name === 'Default') ?? tenants.tenants[0];
  await client.patchTenant(tenant.id, {
    tenant: { eventConfiguration: { events: { [EVENT]: { enabled: true, transactionType: 'None' } } } },
  });
  await client.createWebhook(null, { webhook: {
    url: receiver.url, connectTimeout: 1000, readTimeout: 1000, global: false, tenantIds: [tenant.id],
    eventsEnabled: { [EVENT]: true },
  } });
  const { response } = await client.createApplication(null, {
    application: {
      name: `revocation-events-${randomUUID()}`,
      loginConfiguration: { allowTokenRefresh: true },
      oauthConfiguration: {
        authorizedRedirectURLs: [REDIRECT], enabledGrants: ['authorization_code', 'password', 'refresh_token'],
        generateRefreshTokens: true, clientAuthenticationPolicy: 'Required', proofKeyForCodeExchangePolicy: 'NotRequired',
      },
    },
  });
  app = response.application;
  email = uniqueEmail('revocation-events');
  const registered = await client.register(null, {
    user: { email, password: PASSWORD }, registration: { applicationId: app.id },
  });
  userId = registered.response.user.id;
});
after(async () => {
  await receiver?.close();
  await server?.dispose();
});

const basic = () => `Basic ${Buffer.from(`${app.id}:${app.oauthConfiguration.clientSecret}`).toString('base64')}`;

function post(path, params) {
  return fetch(`${server.url}${path}`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(params),
    headers: { Authorization: basic(), 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

// A refresh token through the hosted login (an SSO session): answers it and the SSO cookie.
async function signInThroughSession() {
  const login = await fetch(`${server.url}/oauth2/authorize`, {
    method: 'POST', redirect: 'manual',
    body: new URLSearchParams({
      client_id: app.id, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid offline_access',
      loginId: email, password: PASSWORD,
    }),
  });
  assert.equal(login.status, 302);
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('lk_sso=')).split(';')[0];
  const code = new URL(login.headers.get('location')).searchParams.get('code');
  const token = await post('/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
  const body = await token.json();
  assert.equal(token.status, 200, JSON.stringify(body));
  return { cookie, code, refreshToken: body.refresh_token, refreshTokenId: body.refresh_token_id };
}

async function passwordGrantRefreshToken() {
  const token = await post('/oauth2/token', { grant_type: 'password', loginId: email, password: PASSWORD, scope: 'offline_access' });
  const body = await token.json();
  assert.equal(token.status, 200, JSON.stringify(body));
  return body.refresh_token;
}

const revokedIds = () => receiver.events(EVENT).map((event) => event.refreshToken?.id);
const refreshWorks = async (refreshToken) =>
  (await post('/oauth2/token', { grant_type: 'refresh_token', refresh_token: refreshToken })).status === 200;

test('POST /oauth2/revoke of a refresh token raises jwt.refresh-token.revoke for it', async () => {
  const { refreshToken, refreshTokenId } = await signInThroughSession();
  const { response: listed } = await client.retrieveRefreshTokens(userId);
  assert.ok(listed.refreshTokens.some((t) => t.id === refreshTokenId));

  const revoked = await post('/oauth2/revoke', { token: refreshToken, token_type_hint: 'refresh_token' });
  assert.equal(revoked.status, 200);
  assert.equal(await refreshWorks(refreshToken), false);
  const event = await pollUntil(() => receiver.events(EVENT).find((e) => e.refreshToken?.id === refreshTokenId));
  assert.ok(event, `no ${EVENT} for the revoked token: ${JSON.stringify(receiver.events(EVENT))}`);
  assert.equal(event.applicationId, app.id);
  assert.equal(event.userId ?? event.refreshToken.userId, userId);
  assert.equal(typeof event.applicationTimeToLiveInSeconds?.[app.id], 'number');
});

test('GET /oauth2/logout revokes the session\'s refresh tokens and raises the event for each', async () => {
  const session = await signInThroughSession();
  const unrelated = await passwordGrantRefreshToken();  // no SSO session: logout leaves it alone

  const logout = await fetch(`${server.url}/oauth2/logout?client_id=${app.id}`, {
    redirect: 'manual', headers: { Cookie: session.cookie },
  });
  assert.equal(logout.status, 302);
  assert.equal(await refreshWorks(session.refreshToken), false, 'the session\'s refresh token is dead');
  assert.equal(await refreshWorks(unrelated), true, 'a refresh token from elsewhere lives on');
  const event = await pollUntil(() => receiver.events(EVENT).find((e) => e.refreshToken?.id === session.refreshTokenId));
  assert.ok(event, `no ${EVENT} on logout: ${JSON.stringify(receiver.events(EVENT))}`);
  assert.equal(event.applicationId, app.id);

  // Logging out again (the session is gone) revokes nothing more.
  const count = revokedIds().length;
  await fetch(`${server.url}/oauth2/logout?client_id=${app.id}`, { redirect: 'manual', headers: { Cookie: session.cookie } });
  await sleep(300);
  assert.equal(revokedIds().length, count);
});

test('a replayed authorization code revokes its refresh token and raises the event', async () => {
  const { code, refreshToken, refreshTokenId } = await signInThroughSession();
  const replay = await post('/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
  assert.equal(replay.status, 400);
  assert.equal((await replay.json()).error, 'invalid_grant');
  assert.equal(await refreshWorks(refreshToken), false);
  const event = await pollUntil(() => receiver.events(EVENT).find((e) => e.refreshToken?.id === refreshTokenId));
  assert.ok(event, `no ${EVENT} on code replay: ${JSON.stringify(receiver.events(EVENT))}`);
});
