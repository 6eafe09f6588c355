// The HTTP edge through real HTTP: who the client is behind a proxy (--trusted-proxies,
// --public-url), the issuer of a first start, routing of encoded and unserved paths, the
// Content-Type a JSON endpoint reads, webhook targets, bytes that cannot begin a request, the
// access log's masking and the hosted pages' form-action.

import assert from 'node:assert/strict';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import * as oidc from 'openid-client';

import { assertFieldError, assertGeneralError, expectStatus, makeClient } from './support/client.mjs';
import { api, rawExchange, statusCodes } from './support/http.mjs';
import { DEFAULT_API_KEY, baseKickstart } from './support/kickstart.mjs';
import { parseSetCookies } from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

const APP_ID = '5a1e9d2c-7b1f-4c8e-9a6d-3f2b1c0e9d8a';
const USER_ID = '7c3f1a2b-9d8e-4f6a-b5c4-d3e2f1a0b9c8';
const EMAIL = 'edge@example.com';
const PASSWORD = 'edge-password-123';
const REDIRECT = 'https://rp.example:8443/callback';

function kickstart() {
  return baseKickstart({ requests: [
    { method: 'POST', url: `/api/application/${APP_ID}`, body: { application: {
      name: 'Edge App',
      loginConfiguration: { generateRefreshTokens: true, allowTokenRefresh: true, requireAuthentication: false },
      oauthConfiguration: {
        authorizedRedirectURLs: [REDIRECT],
        enabledGrants: ['authorization_code', 'refresh_token', 'password'],
        generateRefreshTokens: true,
      },
    } } },
    { method: 'POST', url: `/api/user/registration/${USER_ID}`, body: {
      user: { email: EMAIL, password: PASSWORD }, registration: { applicationId: APP_ID },
    } },
  ] });
}

// node:http, because fetch refuses to send a Host header of our choosing and normalises
// dot-segments and their encodings before they leave the client.
function rawRequest(server, method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: server.port, method, path, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        if ((response.headers['content-type'] ?? '').startsWith('application/json') && text) json = JSON.parse(text);
        resolve({ status: response.statusCode, headers: response.headers, text, json });
      });
    });
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

const FORWARDED = {
  'X-Forwarded-For': '203.0.113.9',
  'X-Forwarded-Proto': 'https',
  'X-Forwarded-Host': 'evil.example',
};

async function loginWith(server, headers) {
  return api(server, 'POST', '/api/login', {
    body: { loginId: EMAIL, password: PASSWORD, applicationId: APP_ID },
    headers,
  });
}

// Access-log lines are written by a buffered sink: wait until `predicate(logs)` holds.
async function logsWhere(server, predicate, timeoutMs = 3_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(server.logs()) && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
  return server.logs();
}

async function lastAccessedAddress(server, response) {
  const tokens = await makeClient(server).retrieveRefreshTokens(USER_ID);
  return tokens.response.refreshTokens.find((t) => t.id === response.json.refreshTokenId)?.metaData?.device?.lastAccessedAddress;
}

describe('a client that is no trusted proxy', () => {
  let server;
  before(async () => { server = await startServer({ kickstart: kickstart() }); });
  after(async () => { await server?.dispose(); });

  test('X-Forwarded-* and a Host header change neither discovery nor the issuer', async () => {
    const res = await rawRequest(server, 'GET', '/.well-known/openid-configuration',
      { headers: { ...FORWARDED, Host: 'evil.example' } });
    assert.equal(res.status, 200);
    assert.equal(res.json.issuer, server.url);
    for (const name of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri']) {
      assert.ok(res.json[name].startsWith(`${server.url}/`), `${name}: ${res.json[name]}`);
    }
    assert.ok(!res.text.includes('evil.example'));
  });

  test('cookies are not Secure and events and logs record the socket address', async () => {
    const res = await loginWith(server, FORWARDED);
    assert.equal(res.status, 200);
    const cookies = parseSetCookies(res.headers);
    assert.ok(cookies.get('access_token'), 'the Login API sets cookies');
    for (const [name, cookie] of cookies) assert.equal(cookie.attributes.secure, undefined, `${name} must not be Secure`);
    assert.equal(await lastAccessedAddress(server, res), '127.0.0.1');
    const logs = await logsWhere(server, (text) => text.includes('POST /api/login 200'));
    const lines = logs.split('\n').filter((line) => line.includes('POST /api/login 200'));
    assert.ok(lines.length > 0, 'the login is in the access log');
    for (const line of lines) {
      assert.ok(line.includes('ip=127.0.0.1'), line);
      assert.ok(!line.includes('203.0.113.9'), line);
    }
  });

  test('the first-start issuer is the public URL, so openid-client discovers without any set-up', async () => {
    const tenants = await makeClient(server).retrieveTenants();
    assert.equal(tenants.response.tenants[0].issuer, server.url);
    const app = (await makeClient(server).retrieveApplication(APP_ID)).response.application;
    const config = await oidc.discovery(new URL(server.url), APP_ID, app.oauthConfiguration.clientSecret,
      undefined, { execute: [oidc.allowInsecureRequests] });
    assert.equal(config.serverMetadata().issuer, server.url);
  });
});

describe('behind a trusted proxy (--trusted-proxies 127.0.0.1/32)', () => {
  let server;
  before(async () => {
    server = await startServer({ kickstart: kickstart(), args: ['--trusted-proxies', '127.0.0.1/32'] });
  });
  after(async () => { await server?.dispose(); });

  test('discovery uses https and the forwarded host', async () => {
    const res = await rawRequest(server, 'GET', '/.well-known/openid-configuration',
      { headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'id.example.com', Host: 'ignored.example' } });
    assert.equal(res.json.token_endpoint, 'https://id.example.com/oauth2/token');
    assert.equal(res.json.jwks_uri, 'https://id.example.com/.well-known/jwks.json');
  });

  test('cookies are Secure and the forwarded client is recorded and logged', async () => {
    const res = await loginWith(server, { 'X-Forwarded-For': '198.51.100.1, 203.0.113.9', 'X-Forwarded-Proto': 'https' });
    assert.equal(res.status, 200);
    const cookies = parseSetCookies(res.headers);
    assert.ok(cookies.size > 0);
    for (const [name, cookie] of cookies) assert.equal(cookie.attributes.secure, true, `${name} must be Secure`);
    // Right to left: the proxy appended 203.0.113.9; 198.51.100.1 is the client's own claim.
    assert.equal(await lastAccessedAddress(server, res), '203.0.113.9');
    const logs = await logsWhere(server, (text) => text.includes('ip=203.0.113.9 via=127.0.0.1'));
    assert.ok(logs.includes('ip=203.0.113.9 via=127.0.0.1'), 'the access log names client and proxy');
  });

  test('without X-Forwarded-Proto the scheme stays the public URL\'s', async () => {
    const res = await loginWith(server, { 'X-Forwarded-For': '203.0.113.9' });
    for (const [, cookie] of parseSetCookies(res.headers)) assert.equal(cookie.attributes.secure, undefined);
  });
});

test('--public-url is the issuer of a first start and the base of discovery, whatever the Host', async () => {
  const server = await startServer({ args: ['--public-url', 'https://login.example.org/'] });
  try {
    const res = await rawRequest(server, 'GET', '/.well-known/openid-configuration', { headers: { Host: 'evil.example' } });
    assert.equal(res.json.issuer, 'https://login.example.org');
    assert.equal(res.json.authorization_endpoint, 'https://login.example.org/oauth2/authorize');
  } finally {
    await server.dispose();
  }
});

describe('routing, Content-Type, webhooks and the wire', () => {
  let server;
  let client;
  before(async () => {
    server = await startServer({ kickstart: kickstart() });
    client = makeClient(server);
  });
  after(async () => { await server?.dispose(); });

  test('an encoded slash inside an id never selects another route', async () => {
    const direct = await api(server, 'GET', `/api/user/registration/${USER_ID}/${APP_ID}`, { apiKey: DEFAULT_API_KEY });
    assert.equal(direct.status, 200);
    // Decoded before splitting, this was the registration route above.
    const encoded = await rawRequest(server, 'GET', `/api/user/registration%2F${USER_ID}%2F${APP_ID}`,
      { headers: { Authorization: DEFAULT_API_KEY } });
    assert.equal(encoded.status, 400);
    assertFieldError(encoded.json, 'userId', '[couldNotConvert]userId');
  });

  test('dot-segments, however encoded, are not found', async () => {
    for (const path of ['/api/user/..', '/api/user/%2e%2e', '/api/user/%2E.', '/api/user/.',
      `/api/user/x/..%2F${USER_ID}`, `/api/user/%2e%2e/registration/${USER_ID}/${APP_ID}`]) {
      for (const method of ['GET', 'DELETE']) {
        const res = await rawRequest(server, method, path, { headers: { Authorization: DEFAULT_API_KEY } });
        assert.equal(res.status, 404, `${method} ${path}: ${res.text}`);
      }
    }
    assert.equal((await client.retrieveUser(USER_ID)).statusCode, 200, 'nobody was deleted');
  });

  test('FusionAuth endpoints we do not serve answer 501, not couldNotConvert, 401 or 405', async () => {
    const cases = [
      ['GET', '/api/user/search?queryString=*'], ['POST', '/api/user/search'], ['POST', '/api/user/import'],
      ['DELETE', '/api/user/bulk?userId=x'], ['POST', '/api/user/verify-email'], ['PUT', '/api/user/verify-email/abc'],
      ['POST', '/api/user/forgot-password'], ['PUT', '/api/login'], ['PUT', `/api/login/${USER_ID}/${APP_ID}`],
      ['GET', `/api/user/change-password/${randomUUID()}`], ['GET', '/api/user/change-password?loginId=x'],
      ['POST', '/api/user/action'], ['GET', `/api/user/comment/${USER_ID}`], ['POST', '/api/user/two-factor/x'],
      ['POST', '/api/tenant/search'], ['POST', '/api/application/search'], ['POST', '/api/key/search'],
      ['POST', '/api/webhook/search'], ['POST', '/api/identity-provider/link'],
    ];
    for (const [method, path] of cases) {
      for (const apiKey of [DEFAULT_API_KEY, undefined]) {
        const res = await api(server, method, path, { apiKey, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
        assert.equal(res.status, 501, `${method} ${path} (${apiKey ? 'with' : 'without'} key): ${res.text}`);
        assertGeneralError(res.json, '[notImplemented]');
      }
    }
    // The served endpoints beside them still answer as before.
    await expectStatus(client.retrieveUser('not-a-uuid'), 400);
    const wrongMethod = await api(server, 'PATCH', '/api/login', { body: {} });
    assert.equal(wrongMethod.status, 405);
  });

  test('POST /api/login with a text/plain or form body logs nobody in', async () => {
    const credentials = JSON.stringify({ loginId: EMAIL, password: PASSWORD, applicationId: APP_ID });
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      const res = await api(server, 'POST', '/api/login', { rawBody: credentials, headers: { 'Content-Type': type } });
      assert.equal(res.status, 400, `${type}: ${res.text}`);
      assertGeneralError(res.json, '[invalidJSON]');
      assert.equal(res.headers.getSetCookie().length, 0, `${type}: no cookie`);
    }
    const form = await api(server, 'POST', '/api/login', {
      rawBody: new URLSearchParams({ loginId: EMAIL, password: PASSWORD, applicationId: APP_ID }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 400);
    const json = await api(server, 'POST', '/api/login', { rawBody: credentials, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    assert.equal(json.status, 200, 'parameters such as charset are allowed');
  });

  test('POST /api/user and /api/jwt/vend with text/plain create nothing', async () => {
    const email = `plain-${randomUUID().slice(0, 8)}@example.com`;
    const res = await api(server, 'POST', '/api/user', {
      apiKey: DEFAULT_API_KEY, rawBody: JSON.stringify({ user: { email, password: PASSWORD } }), headers: { 'Content-Type': 'text/plain' },
    });
    assert.equal(res.status, 400);
    assertGeneralError(res.json, '[invalidJSON]');
    await expectStatus(client.retrieveUserByEmail(email), 404);
    const vend = await api(server, 'POST', '/api/jwt/vend', {
      apiKey: DEFAULT_API_KEY, rawBody: JSON.stringify({ claims: { sub: 'x' } }), headers: { 'Content-Type': 'text/plain' },
    });
    assert.equal(vend.status, 400);
    // Merge patch stays allowed on PATCH.
    const patched = await api(server, 'PATCH', `/api/user/${USER_ID}`, {
      apiKey: DEFAULT_API_KEY, rawBody: JSON.stringify({ user: { firstName: 'Patched' } }),
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    assert.equal(patched.status, 200, patched.text);
  });

  test('webhook URLs to loopback, private and link-local addresses are refused by default', async () => {
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost:3000/hook', 'http://0x7f.1/hook',
      'http://2130706433/hook', 'http://[::ffff:127.0.0.1]/hook', 'http://[::1]:8080/', 'http://10.1.2.3/',
      'http://169.254.169.254/latest/meta-data', 'http://[fe80::1]/']) {
      const errors = await expectStatus(client.createWebhook(null, {
        webhook: { url, connectTimeout: 1000, readTimeout: 1000, global: true, eventsEnabled: { 'user.create': true } },
      }), 400);
      assertFieldError(errors, 'webhook.url', '[invalid]webhook.url');
    }
    const created = await client.createWebhook(null, {
      webhook: { url: 'https://hooks.example.com/latchkey', connectTimeout: 1000, readTimeout: 1000 },
    });
    assert.equal(created.statusCode, 200);
    const errors = await expectStatus(client.updateWebhook(created.response.webhook.id, {
      webhook: { url: 'http://192.168.0.10/hook', connectTimeout: 1000, readTimeout: 1000 },
    }), 400);
    assertFieldError(errors, 'webhook.url', '[invalid]webhook.url');
  });

  test('a TLS ClientHello or garbage on the plain port is answered 400 and closed at once', async () => {
    const clientHello = Buffer.from('16030100a5010000a10303', 'hex');
    for (const payload of [clientHello, Buffer.from([0, 0xff, 0x13, 0x37]), 'GET /a\x01b HTTP/1.1\r\n']) {
      // The header deadline is 10 s: closing within 3 s proves nobody waited for it.
      const started = Date.now();
      const { text, timedOut } = await rawExchange(server.port, payload, { timeoutMs: 3_000 });
      assert.equal(timedOut, false, `closed by the server (${Date.now() - started} ms)`);
      assert.deepEqual(statusCodes(text), [400]);
    }
  });

  test('the access log masks a changePasswordId however the target is spelled', async () => {
    const secret = `SECRET${randomUUID().replaceAll('-', '')}`;
    for (const target of [`/password/change/${secret}`, `/password/%63hange/${secret}`,
      `http://127.0.0.1:${server.port}/api/user/change-password/${secret}`, `/API/User/Change-Password/${secret}`]) {
      const { text } = await rawExchange(server.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.ok(statusCodes(text).length === 1, text);
    }
    const logs = await logsWhere(server, (text) => text.split('/***').length > 4);
    assert.ok(logs.includes('GET /password/change/***'), 'the route is logged');
    assert.ok(logs.includes('GET /api/user/change-password/***'), 'the route is logged');
    assert.ok(!logs.includes(secret), 'the secret never reaches the log');
  });

  test('the hosted login page allows forms to post only to itself and the validated redirect origin', async () => {
    const query = new URLSearchParams({ client_id: APP_ID, redirect_uri: REDIRECT, response_type: 'code' });
    const page = await fetch(`${server.url}/oauth2/authorize?${query}`, { headers: { Accept: 'text/html' } });
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy');
    assert.match(csp, /form-action 'self' https:\/\/rp\.example:8443(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
  });
});

test('with --webhook-allow-private-addresses a loopback webhook is accepted (refused by default, above)', async () => {
  const allowed = await startServer({ webhookReceiversOnLoopback: true });
  try {
    const created = await makeClient(allowed).createWebhook(null, {
      webhook: { url: 'http://127.0.0.1:9/hook', connectTimeout: 1000, readTimeout: 1000 },
    });
    assert.equal(created.statusCode, 200);
  } finally {
    await allowed.dispose();
  }
});
