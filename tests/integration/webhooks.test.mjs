// Webhooks (spec/webhooks-events.md; seeds/jwt-refresh-event.txt): the Webhook API through
// FusionAuth's official client, the jwt.refresh body and its signature, transactions (504 and
// nothing changed) and the durable outbox (delivered once the receiver is back, also across a
// kill -9). Receivers are real Node http servers on 127.0.0.1 that record every delivery.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, before, test } from 'node:test';

import * as jose from 'jose';

import {
  UUID_PATTERN, assertFieldError, assertGeneralError, expectStatus, makeClient, uniqueEmail,
} from './support/client.mjs';
import { baseKickstart } from './support/kickstart.mjs';
import { pollUntil, sleep } from './support/jwt.mjs';
import { databaseContains } from './support/refresh.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'webhook-test-password-1';
const APP_ID = randomUUID();
const ONE_TIME_APP_ID = randomUUID();
const USER_ID = randomUUID();
const USER_EMAIL = uniqueEmail('webhooks');
// Fast retries so the outbox tests take seconds; nothing asserts on timing.
const ENV = { LATCHKEY_WEBHOOK_RETRY_BASE_MS: '200', LATCHKEY_WEBHOOK_POLL_MS: '100' };

let server;
let client;
let anonymous;
let tenantId;

function application(id, name, jwt = {}) {
  return {
    method: 'POST', url: `/api/application/${id}`, body: { application: {
      name, roles: [{ name: 'user', isDefault: true }],
      loginConfiguration: { generateRefreshTokens: true, allowTokenRefresh: true },
      jwtConfiguration: { enabled: true, timeToLiveInSeconds: 600, refreshTokenTimeToLiveInMinutes: 60, ...jwt },
    } },
  };
}

before(async () => {
  server = await startServer({
    env: ENV,
    // The receivers below listen on 127.0.0.1 (edge.test.mjs shows the default refuses that).
    webhookReceiversOnLoopback: true,
    kickstart: baseKickstart({ requests: [
      application(APP_ID, 'Webhook App'),
      application(ONE_TIME_APP_ID, 'Webhook One-Time App', { refreshTokenUsagePolicy: 'OneTimeUse' }),
      { method: 'POST', url: `/api/user/registration/${USER_ID}`, body: {
        user: { email: USER_EMAIL, password: PASSWORD }, registration: { applicationId: APP_ID },
      } },
      { method: 'POST', url: `/api/user/registration/${USER_ID}`, body: {
        registration: { applicationId: ONE_TIME_APP_ID },
      } },
    ] }),
  });
  connect();
  tenantId = (await client.retrieveApplication(APP_ID)).response.application.tenantId;
});
after(async () => { await server?.dispose(); });

function connect() {
  client = makeClient(server);
  anonymous = makeClient(server, null);
}

// A receiver that records every POST (raw body bytes included) and answers `status` (a number,
// or 'hang' to never answer). It can be closed and reopened on the same port.
async function startReceiver({ status = 200, port = 0 } = {}) {
  const receiver = { status, deliveries: [], port, server: null };
  receiver.open = async () => {
    receiver.server = http.createServer((request, response) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        receiver.deliveries.push({ headers: request.headers, raw, json: JSON.parse(raw.toString('utf8')) });
        if (receiver.status === 'hang') return;
        response.writeHead(receiver.status, { 'Content-Type': 'text/plain' });
        response.end('ok');
      });
    });
    await new Promise((resolve) => receiver.server.listen(receiver.port, '127.0.0.1', resolve));
    receiver.port = receiver.server.address().port;
  };
  receiver.close = async () => {
    receiver.server.closeAllConnections();
    await new Promise((resolve) => receiver.server.close(resolve));
  };
  receiver.url = () => `http://127.0.0.1:${receiver.port}/events`;
  receiver.events = (type) => receiver.deliveries.map((d) => d.json.event).filter((e) => !type || e.type === type);
  await receiver.open();
  return receiver;
}

async function createWebhook(receiver, extra = {}) {
  const { response } = await client.createWebhook(null, { webhook: {
    url: receiver.url(), connectTimeout: 1000, readTimeout: 1000, global: false, tenantIds: [tenantId],
    eventsEnabled: { 'jwt.refresh': true }, ...extra,
  } });
  return response.webhook;
}

async function configureEvents(events) {
  await client.patchTenant(tenantId, { tenant: { eventConfiguration: { events } } });
}

async function login(applicationId = APP_ID) {
  const { statusCode, response } = await client.login({ loginId: USER_EMAIL, password: PASSWORD, applicationId });
  assert.equal(statusCode, 200);
  assert.equal(typeof response.refreshToken, 'string');
  return response;
}

// --- The Webhook API ---------------------------------------------------------------------------

test('createWebhook / retrieveWebhook / patchWebhook / updateWebhook / deleteWebhook round-trip', async () => {
  const id = randomUUID();
  const created = (await client.createWebhook(id, { webhook: {
    url: 'https://hooks.example.com/latchkey', connectTimeout: 1500, readTimeout: 2500,
    description: 'round trip', eventsEnabled: { 'jwt.refresh': true, 'user.create': false },
    global: true, headers: { 'X-Custom': 'one' }, httpAuthenticationUsername: 'hook',
    httpAuthenticationPassword: 'hook-password', data: { team: 'identity' }, futureField: { kept: true },
  } })).response.webhook;
  assert.equal(created.id, id);
  assert.equal(created.url, 'https://hooks.example.com/latchkey');
  assert.equal(created.connectTimeout, 1500);
  assert.deepEqual(created.eventsEnabled, { 'jwt.refresh': true, 'user.create': false });
  assert.deepEqual(created.futureField, { kept: true });
  assert.equal(created.signatureConfiguration.enabled, false);
  assert.equal(typeof created.insertInstant, 'number');

  const retrieved = (await client.retrieveWebhook(id)).response.webhook;
  assert.deepEqual(retrieved, created);
  const all = (await client.retrieveWebhooks()).response.webhooks;
  assert.ok(all.some((w) => w.id === id));

  const patched = (await client.patchWebhook(id, { webhook: { description: 'patched', headers: { 'X-Other': 'two' } } })).response.webhook;
  assert.equal(patched.description, 'patched');
  assert.deepEqual(patched.headers, { 'X-Custom': 'one', 'X-Other': 'two' });
  assert.equal(patched.url, created.url);

  const updated = (await client.updateWebhook(id, { webhook: { url: 'http://127.0.0.1:9/x', connectTimeout: 10, readTimeout: 20 } })).response.webhook;
  assert.equal(updated.url, 'http://127.0.0.1:9/x');
  assert.equal(updated.description, undefined);
  assert.equal(updated.insertInstant, created.insertInstant);

  await client.deleteWebhook(id);
  await expectStatus(client.retrieveWebhook(id), 404);
  await expectStatus(client.deleteWebhook(id), 404);
});

test('PATCH with application/merge-patch+json replaces arrays and removes null members', async () => {
  const webhook = (await client.createWebhook(null, { webhook: {
    url: 'https://a.example.com/', connectTimeout: 1, readTimeout: 1, tenantIds: [tenantId], description: 'x',
  } })).response.webhook;
  const res = await fetch(`${server.url}/api/webhook/${webhook.id}`, {
    method: 'PATCH',
    headers: { Authorization: client.apiKey, 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ webhook: { description: null, tenantIds: [] } }),
  });
  assert.equal(res.status, 200);
  const patched = (await res.json()).webhook;
  assert.equal(patched.description, undefined);
  assert.deepEqual(patched.tenantIds, []);
  await client.deleteWebhook(webhook.id);
});

test('bad webhooks are refused with FusionAuth field errors', async () => {
  const base = { url: 'https://ok.example.com/', connectTimeout: 1000, readTimeout: 1000 };
  const cases = [
    [{ ...base, url: undefined }, 'webhook.url', '[blank]webhook.url'],
    [{ ...base, url: 'ftp://files.example.com/' }, 'webhook.url', '[invalid]webhook.url'],
    [{ ...base, url: 'file:///etc/passwd' }, 'webhook.url', '[invalid]webhook.url'],
    [{ ...base, connectTimeout: undefined }, 'webhook.connectTimeout', '[blank]webhook.connectTimeout'],
    [{ ...base, readTimeout: 0 }, 'webhook.readTimeout', '[invalid]webhook.readTimeout'],
    [{ ...base, global: 'yes' }, 'webhook.global', '[invalidJSON]'],
    [{ ...base, tenantIds: [randomUUID()] }, 'webhook.tenantIds', '[invalid]webhook.tenantIds'],
    [{ ...base, headers: { 'X-A': 'a\r\nX-B: b' } }, 'webhook.headers', '[invalid]webhook.headers'],
    [{ ...base, signatureConfiguration: { enabled: true } }, 'webhook.signatureConfiguration.signingKeyId',
      '[missing]webhook.signatureConfiguration.signingKeyId'],
    [{ ...base, signatureConfiguration: { enabled: true, signingKeyId: randomUUID() } },
      'webhook.signatureConfiguration.signingKeyId', '[invalid]webhook.signatureConfiguration.signingKeyId'],
  ];
  for (const [webhook, field, code] of cases) {
    const errors = await expectStatus(client.createWebhook(null, { webhook }), 400);
    assertFieldError(errors, field, code);
  }
  await expectStatus(makeClient(server, 'not-a-key').retrieveWebhooks(), 401);
});

// --- Delivery ----------------------------------------------------------------------------------

test('jwt.refresh reaches the webhook with the seed body, signed with a verifiable JWS', async () => {
  const receiver = await startReceiver();
  const key = (await client.generateKey(null, { key: { algorithm: 'RS256', name: `webhook signing ${randomUUID()}` } })).response.key;
  const webhook = await createWebhook(receiver, {
    headers: { 'X-Hook-Secret': 'shared' }, httpAuthenticationUsername: 'hooker', httpAuthenticationPassword: 'pw',
    signatureConfiguration: { enabled: true, signingKeyId: key.id },
  });
  try {
    await configureEvents({ 'jwt.refresh': { enabled: true, transactionType: 'None' } });
    const { token: original, refreshToken } = await login();
    const { response } = await anonymous.exchangeRefreshTokenForJWT({ refreshToken, token: original });
    const delivered = await pollUntil(() => receiver.events('jwt.refresh').length > 0);
    assert.ok(delivered, 'the jwt.refresh event was delivered');
    const [delivery] = receiver.deliveries;
    const event = delivery.json.event;

    // The seed's fields, and nothing else but info.
    assert.deepEqual(Object.keys(delivery.json), ['event']);
    assert.deepEqual(Object.keys(event).sort(), ['applicationId', 'createInstant', 'id', 'info', 'original',
      'refreshToken', 'tenantId', 'token', 'type', 'userId'].sort());
    assert.equal(event.type, 'jwt.refresh');
    assert.match(event.id, UUID_PATTERN);
    assert.equal(typeof event.createInstant, 'number');
    assert.ok(Math.abs(event.createInstant - Date.now()) < 60_000);
    assert.equal(event.tenantId, tenantId);
    assert.equal(event.applicationId, APP_ID);
    assert.equal(event.original, original);
    assert.equal(event.token, response.token);
    assert.equal(event.refreshToken, refreshToken);
    assert.equal(event.userId, USER_ID);
    assert.equal(typeof event.info, 'object');

    // Delivery details: JSON, configured headers, Basic auth.
    assert.match(delivery.headers['content-type'], /^application\/json/);
    assert.equal(delivery.headers['x-hook-secret'], 'shared');
    assert.equal(delivery.headers.authorization, `Basic ${Buffer.from('hooker:pw').toString('base64')}`);

    // The signature: a JWS verifiable against the published key, over the exact body bytes.
    const signature = delivery.headers['x-fusionauth-signature-jwt'];
    assert.equal(typeof signature, 'string');
    const jwks = jose.createRemoteJWKSet(new URL('/.well-known/jwks.json', server.url), { cooldownDuration: 0 });
    const { payload, protectedHeader } = await jose.jwtVerify(signature, jwks);
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(protectedHeader.kid, key.kid);
    assert.equal(payload.request_body_sha256, createHash('sha256').update(delivery.raw).digest('base64'));
    // A different body does not match the claim.
    assert.notEqual(payload.request_body_sha256, createHash('sha256').update(Buffer.concat([delivery.raw, Buffer.from(' ')])).digest('base64'));
  } finally {
    await client.deleteWebhook(webhook.id);
    await receiver.close();
  }
});

test('no delivery when the tenant does not enable the event or the webhook is not for the tenant', async () => {
  const receiver = await startReceiver();
  const other = await startReceiver();
  const webhook = await createWebhook(receiver);
  const elsewhere = await createWebhook(other, { tenantIds: [] });
  try {
    await configureEvents({ 'jwt.refresh': { enabled: false } });
    const { refreshToken } = await login();
    await anonymous.exchangeRefreshTokenForJWT({ refreshToken });
    await configureEvents({ 'jwt.refresh': { enabled: true } });
    await anonymous.exchangeRefreshTokenForJWT({ refreshToken });
    assert.ok(await pollUntil(() => receiver.deliveries.length > 0));
    await sleep(500);
    assert.equal(receiver.deliveries.length, 1, 'only the exchange made while the tenant enabled jwt.refresh');
    assert.equal(other.deliveries.length, 0, 'a webhook for no tenant receives nothing');
  } finally {
    await client.deleteWebhook(webhook.id);
    await client.deleteWebhook(elsewhere.id);
    await receiver.close();
    await other.close();
  }
});

// --- Transactions ------------------------------------------------------------------------------

test('Any: a receiver answering 500 fails the refresh with 504 and the old token still works', async () => {
  const receiver = await startReceiver({ status: 500 });
  const webhook = await createWebhook(receiver);
  try {
    await configureEvents({ 'jwt.refresh': { enabled: true, transactionType: 'Any' } });
    const { refreshToken } = await login();
    const errors = await expectStatus(anonymous.exchangeRefreshTokenForJWT({ refreshToken }), 504);
    assertGeneralError(errors, '[WebhookTransactionException]');
    assert.equal(receiver.deliveries.length, 1, 'the webhook was asked once, not retried');
    receiver.status = 200;
    const { response } = await anonymous.exchangeRefreshTokenForJWT({ refreshToken });
    assert.equal(response.refreshToken, refreshToken);
    assert.equal(receiver.deliveries.length, 2);
    // The refused event never reaches the outbox: nothing more arrives later.
    await sleep(700);
    assert.equal(receiver.deliveries.length, 2);
  } finally {
    await configureEvents({ 'jwt.refresh': { enabled: true, transactionType: 'None' } });
    await client.deleteWebhook(webhook.id);
    await receiver.close();
  }
});

test('Any under OneTimeUse: a refused exchange does not rotate the refresh token', async () => {
  const receiver = await startReceiver({ status: 500 });
  const webhook = await createWebhook(receiver);
  try {
    await configureEvents({ 'jwt.refresh': { enabled: true, transactionType: 'Any' } });
    const { refreshToken, refreshTokenId } = await login(ONE_TIME_APP_ID);
    await expectStatus(anonymous.exchangeRefreshTokenForJWT({ refreshToken }), 504);
    const stored = (await client.retrieveRefreshTokenById(refreshTokenId)).response.refreshToken;
    assert.equal(stored.token, refreshToken, 'the stored value is still the one presented');
    receiver.status = 200;
    const { response } = await anonymous.exchangeRefreshTokenForJWT({ refreshToken });
    assert.notEqual(response.refreshToken, refreshToken, 'now it rotates');
    assert.equal(response.refreshTokenId, refreshTokenId);
  } finally {
    await configureEvents({ 'jwt.refresh': { enabled: true, transactionType: 'None' } });
    await client.deleteWebhook(webhook.id);
    await receiver.close();
  }
});

test('AbsoluteMajority needs every webhook; SimpleMajority is satisfied by half', async () => {
  const good = await startReceiver();
  const bad = await startReceiver({ status: 503 });
  const webhooks = [await createWebhook(good), await createWebhook(bad)];
  try {
    const { refreshToken } = await login();
    await configureEvents({ 'jwt.refresh': { enabled: true, transactionType: 'AbsoluteMajority' } });
    await expectStatus(anonymous.exchangeRefreshTokenForJWT({ refreshToken }), 504);
    await configureEvents({ 'jwt.refresh': { enabled: true, transactionType: 'SimpleMajority' } });
    await anonymous.exchangeRefreshTokenForJWT({ refreshToken });
    // The failed webhook of a successful transaction is retried from the outbox, same event.id.
    bad.status = 200;
    assert.ok(await pollUntil(() => bad.deliveries.length >= 3, { timeoutMs: 10_000 }));
    const ids = bad.events().map((e) => e.id);
    assert.equal(ids[1], ids[2], 'the retry carries the event id of the transactional attempt');
    assert.equal(good.events().at(-1).id, ids[2]);
  } finally {
    await configureEvents({ 'jwt.refresh': { enabled: true, transactionType: 'None' } });
    for (const webhook of webhooks) await client.deleteWebhook(webhook.id);
    await good.close();
    await bad.close();
  }
});

test('jwt.public-key.update is raised when an application changes its signing key', async () => {
  const receiver = await startReceiver();
  const webhook = await createWebhook(receiver, { eventsEnabled: { 'jwt.public-key.update': true } });
  try {
    await configureEvents({ 'jwt.public-key.update': { enabled: true, transactionType: 'None' } });
    const key = (await client.generateKey(null, { key: { algorithm: 'ES256', name: `rotation ${randomUUID()}` } })).response.key;
    await client.patchApplication(APP_ID, { application: { name: 'Webhook App renamed' } });
    await client.patchApplication(APP_ID, { application: { jwtConfiguration: { accessTokenKeyId: key.id } } });
    assert.ok(await pollUntil(() => receiver.events('jwt.public-key.update').length > 0));
    await sleep(300);
    const events = receiver.events('jwt.public-key.update');
    assert.equal(events.length, 1, 'a rename changes no key; the key change raises one event');
    assert.deepEqual(events[0].applicationIds, [APP_ID]);
    assert.equal(events[0].tenantId, tenantId);
    assert.match(events[0].id, UUID_PATTERN);
  } finally {
    await client.patchApplication(APP_ID, { application: { name: 'Webhook App', jwtConfiguration: { accessTokenKeyId: null } } });
    await client.deleteWebhook(webhook.id);
    await receiver.close();
  }
});

// --- The outbox ---------------------------------------------------------------------------------

// Deliveries per event id once they have settled.
async function settledCounts(receiver, expectedIds) {
  assert.ok(await pollUntil(() => expectedIds.every((id) => receiver.events().some((e) => e.id === id)), { timeoutMs: 15_000 }),
    'every event was delivered');
  await sleep(800);  // several poll intervals and retry delays: a duplicate would show up
  const counts = new Map();
  for (const event of receiver.events()) counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
  return counts;
}

test('None: refresh succeeds while the receiver is down; it gets each event exactly once when back', async () => {
  const receiver = await startReceiver();
  const webhook = await createWebhook(receiver);
  try {
    await configureEvents({ 'jwt.refresh': { enabled: true, transactionType: 'None' } });
    await receiver.close();
    const { refreshToken } = await login();
    const first = await anonymous.exchangeRefreshTokenForJWT({ refreshToken });
    const second = await anonymous.exchangeRefreshTokenForJWT({ refreshToken });
    await sleep(300);  // at least one failed attempt
    await receiver.open();
    assert.ok(await pollUntil(() => receiver.events().length >= 2, { timeoutMs: 15_000 }));
    const settled = await settledCounts(receiver, receiver.events().map((e) => e.id));
    assert.equal(settled.size, 2, 'two exchanges, two events');
    for (const [id, count] of settled) assert.equal(count, 1, `event ${id} delivered once`);
    const tokens = receiver.events().map((e) => e.token).sort();
    assert.deepEqual(tokens, [first.response.token, second.response.token].sort());
  } finally {
    await client.deleteWebhook(webhook.id);
    await receiver.close();
  }
});

test('None: deliveries owed when latchkey is kill -9ed are made after the restart, once each', async () => {
  const receiver = await startReceiver();
  const webhook = await createWebhook(receiver);
  try {
    await configureEvents({ 'jwt.refresh': { enabled: true, transactionType: 'None' } });
    await receiver.close();
    const { refreshToken } = await login();
    const exchanged = await anonymous.exchangeRefreshTokenForJWT({ refreshToken });
    await server.kill9();
    // Security: the owed delivery carries both tokens; the outbox keeps them sealed.
    const scan = await databaseContains(server.dataDir, [refreshToken, exchanged.response.token]);
    assert.deepEqual(scan.found, [], `token values in ${scan.files.join(', ')}`);
    await receiver.open();
    await sleep(300);
    assert.equal(receiver.deliveries.length, 0, 'nothing is delivered while latchkey is down');
    await server.restart();
    connect();
    assert.ok(await pollUntil(() => receiver.events().length >= 1, { timeoutMs: 15_000 }));
    const settled = await settledCounts(receiver, [receiver.events()[0].id]);
    assert.equal(settled.size, 1);
    assert.equal([...settled.values()][0], 1);
    assert.equal(receiver.events()[0].token, exchanged.response.token);
  } finally {
    await client.deleteWebhook(webhook.id);
    await receiver.close();
  }
});

test('GET /metrics counts deliveries and needs an API key', async () => {
  const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: client.apiKey } });
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.match(text, /latchkey_webhook_deliveries_total\{result="delivered"\} \d+/);
  assert.match(text, /latchkey_webhook_dead_total \d+/);
  const anonymousRes = await fetch(`${server.url}/metrics`);
  assert.equal(anonymousRes.status, 401);
});

test('GET /metrics refuses a tenant-locked API key: the counters span every tenant', async () => {
  const key = `metrics-locked-${randomUUID()}`;
  await client.createAPIKey(null, { apiKey: { key, tenantId } });
  const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: key } });
  assert.equal(res.status, 401);
  assert.equal(await res.text(), '');
});
