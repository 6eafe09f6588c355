// The System Configuration API (apis/system.mdx) through FusionAuth's official client —
// retrieveSystemConfiguration, updateSystemConfiguration, patchSystemConfiguration — with
// FusionAuth's defaults, validation and error codes, durability across a restart, API-key
// rules; and its corsConfiguration applied at the HTTP edge (operate/secure/cors.mdx): a
// preflight and an actual request from an allowed origin get the CORS headers, others 403.
// Kickstart: a PATCH /api/system-configuration request, as FusionAuth's example kickstarts do.
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { assertFieldError, expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
import { DEFAULT_API_KEY, baseKickstart } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const LOCKED_KEY = 'system-configuration-tenant-locked-key-0123456789';
const USERS_ONLY_KEY = 'system-configuration-users-only-key-0123456789ab';
const APP_ORIGIN = 'http://app.example:3000';
const PASSWORD = 'system-configuration-password';

let server;
let client;

// One request over node:http, which (unlike fetch) lets a test send Origin and the preflight
// headers exactly as a browser would.
function request(path, { method = 'GET', headers = {}, body } = {}) {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(url, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function preflight(path, origin, method = 'POST', requestHeaders = 'content-type') {
  return request(path, {
    method: 'OPTIONS',
    headers: {
      Origin: origin, 'Access-Control-Request-Method': method,
      ...(requestHeaders ? { 'Access-Control-Request-Headers': requestHeaders } : {}),
    },
  });
}

before(async () => {
  server = await startServer({
    kickstart: baseKickstart({ apiKeys: [
      { key: LOCKED_KEY, tenantId: '#{FUSIONAUTH_TENANT_ID}' },
      { key: USERS_ONLY_KEY, permissions: { endpoints: { '/api/user': ['GET', 'POST'] } } },
    ] }),
  });
  client = makeClient(server);
});
after(() => server?.dispose());

test('retrieveSystemConfiguration: a fresh install has FusionAuth\'s defaults', async () => {
  const { statusCode, response } = await client.retrieveSystemConfiguration();
  assert.equal(statusCode, 200);
  const configuration = response.systemConfiguration;
  assert.equal(configuration.reportTimezone, 'America/Denver');
  assert.deepEqual(configuration.corsConfiguration, {
    allowCredentials: false,
    allowedHeaders: ['Accept', 'Access-Control-Request-Headers', 'Access-Control-Request-Method',
      'Authorization', 'Content-Type', 'Last-Modified', 'Origin', 'X-FusionAuth-TenantId',
      'X-Requested-With'],
    allowedMethods: ['GET', 'OPTIONS'],
    allowedOrigins: [],
    debug: false,
    enabled: false,
    exposedHeaders: ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials'],
    preflightMaxAgeInSeconds: 1800,
  });
  assert.deepEqual(configuration.auditLogConfiguration, { delete: { enabled: false, numberOfDaysToRetain: 365 } });
  assert.deepEqual(configuration.loginRecordConfiguration, { delete: { enabled: false, numberOfDaysToRetain: 365 } });
  assert.deepEqual(configuration.eventLogConfiguration, { numberToRetain: 10000 });
  assert.deepEqual(configuration.uiConfiguration, {});
  assert.deepEqual(configuration.data, {});
  assert.equal(configuration.trustedProxyConfiguration.trustPolicy, 'All');
  assert.equal(typeof configuration.insertInstant, 'number');
  assert.equal(typeof configuration.lastUpdateInstant, 'number');
});

test('CORS is off by default: no CORS headers, OPTIONS answers 204 with Allow', async () => {
  const answer = await preflight('/oauth2/token', APP_ORIGIN);
  assert.equal(answer.status, 204);
  assert.equal(answer.headers['access-control-allow-origin'], undefined);
  assert.match(answer.headers.allow, /POST/);
  assert.match(answer.headers.allow, /OPTIONS/);
  const status = await request('/api/status', { headers: { Origin: APP_ORIGIN } });
  assert.equal(status.status, 200);
  assert.equal(status.headers['access-control-allow-origin'], undefined);
});

test('updateSystemConfiguration replaces the configuration; left-out members take the defaults', async () => {
  const before = (await client.retrieveSystemConfiguration()).response.systemConfiguration;
  const { statusCode, response } = await client.updateSystemConfiguration({ systemConfiguration: {
    reportTimezone: 'Europe/Paris',
    uiConfiguration: { headerColor: '303030', menuFontColor: 'F0F0F0' },
    data: { owner: 'ops' },
    corsConfiguration: { enabled: true, allowedOrigins: [APP_ORIGIN], allowedMethods: ['GET', 'POST', 'OPTIONS'] },
  } });
  assert.equal(statusCode, 200);
  const updated = response.systemConfiguration;
  assert.equal(updated.reportTimezone, 'Europe/Paris');
  assert.deepEqual(updated.uiConfiguration, { headerColor: '303030', menuFontColor: 'F0F0F0' });
  assert.deepEqual(updated.data, { owner: 'ops' });
  assert.equal(updated.corsConfiguration.preflightMaxAgeInSeconds, 1800);
  assert.equal(updated.eventLogConfiguration.numberToRetain, 10000);
  assert.equal(updated.insertInstant, before.insertInstant);
  assert.ok(updated.lastUpdateInstant >= before.lastUpdateInstant);
  assert.deepEqual((await client.retrieveSystemConfiguration()).response.systemConfiguration, updated);
});

test('updateSystemConfiguration: FusionAuth\'s validation and error codes; a refusal changes nothing', async () => {
  const before = (await client.retrieveSystemConfiguration()).response.systemConfiguration;
  const invalid = async (systemConfiguration, field, code) => {
    const errors = await expectStatus(client.updateSystemConfiguration({ systemConfiguration }), 400);
    assertFieldError(errors, field, code);
  };
  await invalid({ data: {} }, 'systemConfiguration.reportTimezone', '[missing]systemConfiguration.reportTimezone');
  await invalid({ reportTimezone: 'Mars/Olympus_Mons' }, 'systemConfiguration.reportTimezone',
    '[invalid]systemConfiguration.reportTimezone');
  await invalid({ reportTimezone: 'UTC', corsConfiguration: { allowedOrigins: ['*', APP_ORIGIN] } },
    'systemConfiguration.corsConfiguration.allowedOrigins',
    '[invalid]systemConfiguration.corsConfiguration.allowedOrigins');
  await invalid({ reportTimezone: 'UTC', corsConfiguration: { preflightMaxAgeInSeconds: -2 } },
    'systemConfiguration.corsConfiguration.preflightMaxAgeInSeconds',
    '[tooSmall]systemConfiguration.corsConfiguration.preflightMaxAgeInSeconds');
  await invalid({ reportTimezone: 'UTC', corsConfiguration: { allowedMethods: ['CONNECT'] } },
    'systemConfiguration.corsConfiguration.allowedMethods',
    '[invalid]systemConfiguration.corsConfiguration.allowedMethods');
  await invalid({ reportTimezone: 'UTC', eventLogConfiguration: { numberToRetain: 0 } },
    'systemConfiguration.eventLogConfiguration.numberToRetain',
    '[invalid]systemConfiguration.eventLogConfiguration.numberToRetain');
  await invalid({ reportTimezone: 'UTC', loginRecordConfiguration: { delete: { enabled: true, numberOfDaysToRetain: 0 } } },
    'systemConfiguration.loginRecordConfiguration.delete.numberOfDaysToRetain',
    '[invalid]systemConfiguration.loginRecordConfiguration.delete.numberOfDaysToRetain');
  await invalid({ reportTimezone: 'UTC', corsConfiguration: { enabled: 'maybe' } },
    'systemConfiguration.corsConfiguration.enabled', '[invalidJSON]');
  const missing = await expectStatus(client.updateSystemConfiguration({}), 400);
  assertFieldError(missing, 'systemConfiguration', '[missing]systemConfiguration');
  assert.deepEqual((await client.retrieveSystemConfiguration()).response.systemConfiguration, before);
});

test('patchSystemConfiguration merges into the stored configuration', async () => {
  const { statusCode, response } = await client.patchSystemConfiguration({ systemConfiguration: {
    corsConfiguration: { allowCredentials: true, preflightMaxAgeInSeconds: 600 },
    data: { team: 'identity' },
  } });
  assert.equal(statusCode, 200);
  const patched = response.systemConfiguration;
  assert.equal(patched.reportTimezone, 'Europe/Paris');
  assert.equal(patched.corsConfiguration.enabled, true);
  assert.equal(patched.corsConfiguration.allowCredentials, true);
  assert.equal(patched.corsConfiguration.preflightMaxAgeInSeconds, 600);
  assert.deepEqual(patched.corsConfiguration.allowedOrigins, [APP_ORIGIN]);
  assert.deepEqual(patched.data, { owner: 'ops', team: 'identity' });
  const errors = await expectStatus(client.patchSystemConfiguration({ systemConfiguration: { reportTimezone: 'Nowhere' } }), 400);
  assertFieldError(errors, 'systemConfiguration.reportTimezone', '[invalid]systemConfiguration.reportTimezone');
});

test('a tenant-locked key can neither read nor change the system configuration', async () => {
  const before = (await client.retrieveSystemConfiguration()).response.systemConfiguration;
  const locked = makeClient(server, LOCKED_KEY);
  await expectStatus(locked.retrieveSystemConfiguration(), 401);
  await expectStatus(locked.updateSystemConfiguration({ systemConfiguration: { reportTimezone: 'UTC' } }), 401);
  await expectStatus(locked.patchSystemConfiguration({ systemConfiguration: { corsConfiguration: { allowedOrigins: ['*'] } } }), 401);
  const usersOnly = makeClient(server, USERS_ONLY_KEY);
  await expectStatus(usersOnly.retrieveSystemConfiguration(), 401);
  await expectStatus(usersOnly.patchSystemConfiguration({ systemConfiguration: { reportTimezone: 'UTC' } }), 401);
  await expectStatus(makeClient(server, 'not-a-key').retrieveSystemConfiguration(), 401);
  assert.deepEqual((await client.retrieveSystemConfiguration()).response.systemConfiguration, before);
});

test('CORS on: an allowed origin gets a preflight and the headers on the actual answer', async () => {
  const answer = await preflight('/oauth2/token', APP_ORIGIN, 'POST', 'authorization, content-type');
  assert.equal(answer.status, 200);
  assert.equal(answer.headers['access-control-allow-origin'], APP_ORIGIN);
  assert.equal(answer.headers['access-control-allow-credentials'], 'true');
  assert.equal(answer.headers['access-control-allow-methods'], 'GET, POST, OPTIONS');
  assert.match(answer.headers['access-control-allow-headers'], /Authorization/);
  assert.equal(answer.headers['access-control-max-age'], '600');
  assert.match(answer.headers.vary, /Origin/);

  const token = await request('/oauth2/token', {
    method: 'POST',
    headers: { Origin: APP_ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&client_id=nobody',
  });
  assert.equal(token.status, 401);  // the endpoint ran and refused the client; CORS let it through
  assert.equal(token.headers['access-control-allow-origin'], APP_ORIGIN);
  assert.equal(token.headers['access-control-allow-credentials'], 'true');
  assert.equal(token.headers['access-control-expose-headers'],
    'Access-Control-Allow-Origin, Access-Control-Allow-Credentials');
  assert.match(token.headers.vary, /Origin/);
  // The configuration API itself and discovery are CORS-filtered as well.
  const discovery = await request('/.well-known/openid-configuration', { headers: { Origin: APP_ORIGIN } });
  assert.equal(discovery.status, 200);
  assert.equal(discovery.headers['access-control-allow-origin'], APP_ORIGIN);
});

test('CORS on: other origins, methods and headers are refused with 403 and the endpoint never runs', async () => {
  for (const answer of [
    await preflight('/oauth2/token', 'http://evil.example'),
    await preflight('/oauth2/token', APP_ORIGIN, 'DELETE'),
    await preflight('/oauth2/token', APP_ORIGIN, 'POST', 'x-not-allowed'),
  ]) {
    assert.equal(answer.status, 403);
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
  }
  const email = uniqueEmail('cors-refused');
  const created = await request('/api/user', {
    method: 'POST',
    headers: { Origin: 'http://evil.example', Authorization: DEFAULT_API_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: { email, password: PASSWORD } }),
  });
  assert.equal(created.status, 403);
  assert.equal(created.headers['access-control-allow-origin'], undefined);
  await expectStatus(client.retrieveUserByEmail(email), 404);
  // PUT is not in allowedMethods, so even the allowed origin cannot send it.
  const put = await request('/api/system-configuration', {
    method: 'PUT',
    headers: { Origin: APP_ORIGIN, Authorization: DEFAULT_API_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({ systemConfiguration: { reportTimezone: 'UTC' } }),
  });
  assert.equal(put.status, 403);
  // Without an Origin (a server-side client) nothing changes.
  const plain = await request('/api/status');
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['access-control-allow-origin'], undefined);
});

test('CORS on: the server\'s own origin is not CORS (the hosted pages post their forms)', async () => {
  const answer = await request('/oauth2/token', {
    method: 'POST',
    headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&client_id=nobody',
  });
  assert.equal(answer.status, 401);
  assert.equal(answer.headers['access-control-allow-origin'], undefined);
  // A no-referrer page's own form: Chromium sends Origin: null with Sec-Fetch-Site.
  const ownForm = await request('/oauth2/token', {
    method: 'POST',
    headers: { Origin: 'null', 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'navigate',
      'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&client_id=nobody',
  });
  assert.equal(ownForm.status, 401);
  const nullFetch = await request('/oauth2/token', {
    method: 'POST',
    headers: { Origin: 'null', 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors',
      'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&client_id=nobody',
  });
  assert.equal(nullFetch.status, 403);
});

test('CORS with * and allowCredentials answers * and never the credentialed combination', async () => {
  await client.patchSystemConfiguration({ systemConfiguration: { corsConfiguration: { allowedOrigins: null } } });
  const { response } = await client.patchSystemConfiguration({ systemConfiguration: {
    corsConfiguration: { allowedOrigins: ['*'], allowCredentials: true },
  } });
  assert.deepEqual(response.systemConfiguration.corsConfiguration.allowedOrigins, ['*']);
  const answer = await preflight('/oauth2/token', 'http://anyone.example');
  assert.equal(answer.status, 200);
  assert.equal(answer.headers['access-control-allow-origin'], '*');
  assert.equal(answer.headers['access-control-allow-credentials'], undefined);
  const actual = await request('/api/status', { headers: { Origin: 'http://anyone.example' } });
  assert.equal(actual.headers['access-control-allow-origin'], '*');
  assert.equal(actual.headers['access-control-allow-credentials'], undefined);
});

test('the configuration is durable and applied again after a restart', async () => {
  await client.patchSystemConfiguration({ systemConfiguration: { corsConfiguration: { allowedOrigins: null } } });
  await client.patchSystemConfiguration({ systemConfiguration: { corsConfiguration: { allowedOrigins: [APP_ORIGIN] } } });
  const before = (await client.retrieveSystemConfiguration()).response.systemConfiguration;
  await server.restart();
  client = makeClient(server);
  assert.deepEqual((await client.retrieveSystemConfiguration()).response.systemConfiguration, before);
  const answer = await preflight('/oauth2/token', APP_ORIGIN);
  assert.equal(answer.status, 200);
  assert.equal(answer.headers['access-control-allow-origin'], APP_ORIGIN);
  assert.equal((await preflight('/oauth2/token', 'http://evil.example')).status, 403);
});

test('kickstart: PATCH /api/system-configuration with a corsConfiguration, as FusionAuth\'s examples do', async () => {
  const kickstarted = await startServer({ kickstart: baseKickstart({ requests: [
    { method: 'PATCH', url: '/api/system-configuration', body: { systemConfiguration: {
      corsConfiguration: {
        allowCredentials: true,
        allowedMethods: ['GET', 'POST', 'OPTIONS'],
        allowedOrigins: ['http://localhost:3000'],
        debug: false,
        enabled: true,
        preflightMaxAgeInSeconds: 0,
      },
    } } },
    // Without the leading slash, as some kickstarts write it.
    { method: 'PATCH', url: 'api/system-configuration', body: { systemConfiguration: { reportTimezone: 'America/New_York' } } },
  ] }) });
  try {
    const { response } = await makeClient(kickstarted).retrieveSystemConfiguration();
    assert.equal(response.systemConfiguration.reportTimezone, 'America/New_York');
    assert.equal(response.systemConfiguration.corsConfiguration.enabled, true);
    assert.deepEqual(response.systemConfiguration.corsConfiguration.allowedMethods, ['GET', 'OPTIONS', 'POST']);
    const saved = server;
    server = kickstarted;
    try {
      const answer = await preflight('/oauth2/token', 'http://localhost:3000');
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['access-control-allow-origin'], 'http://localhost:3000');
      assert.equal(answer.headers['access-control-max-age'], '0');
    } finally {
      server = saved;
    }
  } finally {
    await kickstarted.dispose();
  }
});

test('kickstart: an invalid system configuration stops start-up naming the request', async () => {
  await assert.rejects(startServer({ kickstart: baseKickstart({ requests: [
    { method: 'PATCH', url: '/api/system-configuration', body: { systemConfiguration: { corsConfiguration: { allowedOrigins: ['*', 'http://a.example'] } } } },
  ] }) }), (error) => {
    assert.match(String(error.message ?? error), /system-configuration/);
    assert.match(String(error.message ?? error), /allowedOrigins/);
    return true;
  });
});
