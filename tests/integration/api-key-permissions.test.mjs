// API key permissions (issue 10 item 4): an entry of permissions.endpoints names one FusionAuth
// endpoint (a route with its path parameters removed), never the endpoints below it; and a key
// manager creates or widens keys only up to what it holds itself ("an API key with equal or
// greater permissions must be used", apis/api-keys.mdx), tenant lock included.
// Setup: kickstart with the global manager, a limited manager and a manager locked to Default.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { assertFieldError, expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
import { api } from './support/http.mjs';
import { baseKickstart } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'api-key-permissions-password';
const LIMITED_MANAGER = 'limited-manager-key-0123456789abcdefghij';
const LOCKED_MANAGER = 'locked-manager-key-0123456789abcdefghijk';
const EXPIRING_MANAGER = 'expiring-manager-key-0123456789abcdefgh';
const EXPIRING_MANAGER_ENDS = Date.now() + 3_600_000;
const LIMITED_PERMISSIONS = {
  '/api/user': ['GET', 'POST'],
  '/api/api-key': ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
};

let server;
let manager;
let defaultTenantId;
let user;
let app;
before(async () => {
  server = await startServer({
    kickstart: baseKickstart({
      apiKeys: [
        { key: LIMITED_MANAGER, keyManager: true, permissions: { endpoints: LIMITED_PERMISSIONS } },
        { key: LOCKED_MANAGER, keyManager: true, tenantId: '#{FUSIONAUTH_TENANT_ID}' },
        { key: EXPIRING_MANAGER, keyManager: true, expirationInstant: EXPIRING_MANAGER_ENDS },
      ],
    }),
  });
  manager = makeClient(server);
  defaultTenantId = (await manager.retrieveTenants()).response.tenants[0].id;
  app = (await manager.createApplication(null, { application: { name: `perm app ${randomUUID()}`, roles: [{ name: 'user' }] } })).response.application;
  user = (await manager.register(null, {
    user: { email: uniqueEmail('perm'), password: PASSWORD },
    registration: { applicationId: app.id },
  })).response.user;
});
after(async () => { await server?.dispose(); });

async function keyWith(endpoints) {
  return (await manager.createAPIKey(null, { apiKey: { permissions: { endpoints } } })).response.apiKey.key;
}

async function status(key, method, path, body) {
  return (await api(server, method, path, { apiKey: key, body })).status;
}

// ---------------------------------------------------------------------------------------------
// Endpoint names, not path prefixes

test('{"/api/user": ["GET"]} reads users but not registrations or change-password below /api/user', async () => {
  const key = await keyWith({ '/api/user': ['GET'] });
  assert.equal(await status(key, 'GET', `/api/user/${user.id}`), 200, '/api/user/{userId} is /api/user');
  assert.equal(await status(key, 'GET', `/api/user?email=${encodeURIComponent(user.email)}`), 200);
  assert.equal(await status(key, 'GET', `/api/user/registration/${user.id}/${app.id}`), 401,
    '/api/user/registration is its own endpoint');
  assert.equal(await status(key, 'DELETE', `/api/user/registration/${user.id}/${app.id}`), 401);
  assert.equal(await status(key, 'POST', '/api/user/change-password', { loginId: user.email, currentPassword: PASSWORD, password: 'x-new-password-1' }), 401);
  assert.equal((await manager.retrieveRegistration(user.id, app.id)).statusCode, 200, 'the registration survived');
});

test('{"/api/user/registration": ["GET"]} reads registrations and nothing at /api/user', async () => {
  const key = await keyWith({ '/api/user/registration': ['GET'] });
  assert.equal(await status(key, 'GET', `/api/user/registration/${user.id}/${app.id}`), 200);
  assert.equal(await status(key, 'GET', `/api/user/${user.id}`), 401);
});

test('application roles are the /api/application/role endpoint, not covered by /api/application', async () => {
  const appKey = await keyWith({ '/api/application': ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] });
  assert.equal(await status(appKey, 'GET', `/api/application/${app.id}`), 200);
  assert.equal(await status(appKey, 'POST', `/api/application/${app.id}/role`, { role: { name: `r-${randomUUID()}` } }), 401);
  const roleKey = await keyWith({ '/api/application/role': ['POST'] });
  assert.equal(await status(roleKey, 'POST', `/api/application/${app.id}/role`, { role: { name: `r-${randomUUID()}` } }), 200);
  assert.equal(await status(roleKey, 'GET', `/api/application/${app.id}`), 401);
});

test('refresh tokens: /api/jwt/refresh/{tokenId} is /api/jwt/refresh', async () => {
  const key = await keyWith({ '/api/jwt/refresh': ['DELETE'] });
  assert.notEqual(await status(key, 'DELETE', `/api/jwt/refresh/${randomUUID()}`), 401);
  assert.equal(await status(key, 'GET', `/api/user/${user.id}`), 401);
});

// ---------------------------------------------------------------------------------------------
// Key managers grant at most what they hold

test('a limited key manager creates a key within its permissions', async () => {
  const limited = makeClient(server, LIMITED_MANAGER);
  const { statusCode, response } = await limited.createAPIKey(null, { apiKey: { permissions: { endpoints: { '/api/user': ['GET'] } } } });
  assert.equal(statusCode, 200);
  assert.equal(await status(response.apiKey.key, 'GET', `/api/user/${user.id}`), 200);
  assert.equal(await status(response.apiKey.key, 'POST', '/api/user', { user: { email: uniqueEmail(), password: PASSWORD } }), 401);
});

test('a limited key manager cannot create a super key, a wider method list or another endpoint', async () => {
  const limited = makeClient(server, LIMITED_MANAGER);
  for (const endpoints of [undefined, {}, { '/api/user': ['GET', 'DELETE'] }, { '/api/tenant': ['GET'] }, { '/api/user/registration': ['GET'] }]) {
    const key = `escalated-${randomUUID()}`;
    const apiKey = { key, ...(endpoints === undefined ? {} : { permissions: { endpoints } }) };
    assertFieldError(await expectStatus(limited.createAPIKey(null, { apiKey }), 400),
      'apiKey.permissions.endpoints', '[invalid]apiKey.permissions.endpoints');
    assert.equal(await status(key, 'GET', '/api/tenant'), 401, `no key was stored for ${JSON.stringify(endpoints)}`);
  }
});

test('a limited key manager cannot widen a key it manages, nor touch a key with more permissions', async () => {
  const limited = makeClient(server, LIMITED_MANAGER);
  const own = (await limited.createAPIKey(null, { apiKey: { permissions: { endpoints: { '/api/user': ['GET'] } } } })).response.apiKey;
  assertFieldError(await expectStatus(limited.updateAPIKey(own.id, { apiKey: { permissions: { endpoints: { '/api/user': ['GET', 'DELETE'] } } } }), 400),
    'apiKey.permissions.endpoints', '[invalid]apiKey.permissions.endpoints');
  assertFieldError(await expectStatus(limited.patchAPIKey(own.id, { apiKey: { permissions: { endpoints: { '/api/tenant': ['GET'] } } } }), 400),
    'apiKey.permissions.endpoints', '[invalid]apiKey.permissions.endpoints');
  assert.deepEqual((await manager.retrieveAPIKey(own.id)).response.apiKey.permissions.endpoints, { '/api/user': ['GET'] });

  const superKey = (await manager.createAPIKey(null, { apiKey: {} })).response.apiKey;
  await expectStatus(limited.retrieveAPIKey(superKey.id), 401);
  await expectStatus(limited.updateAPIKey(superKey.id, { apiKey: { permissions: { endpoints: { '/api/user': ['GET'] } } } }), 401);
  await expectStatus(limited.deleteAPIKey(superKey.id), 401);
  assert.equal(await status(superKey.key, 'GET', '/api/tenant'), 200, 'the super key is untouched');
});

test('a tenant-locked key manager cannot create an unlocked key or one locked to another tenant', async () => {
  const other = (await manager.createTenant(null, { tenant: { name: `other ${randomUUID()}` } })).response.tenant;
  const locked = makeClient(server, LOCKED_MANAGER);
  const unlockedKey = `unlocked-${randomUUID()}`;
  assertFieldError(await expectStatus(locked.createAPIKey(null, { apiKey: { key: unlockedKey } }), 400),
    'apiKey.tenantId', '[missing]apiKey.tenantId');
  const crossKey = `cross-${randomUUID()}`;
  assertFieldError(await expectStatus(locked.createAPIKey(null, { apiKey: { key: crossKey, tenantId: other.id } }), 400),
    'apiKey.tenantId', '[invalid]apiKey.tenantId');
  for (const key of [unlockedKey, crossKey]) {
    assert.equal(await status(key, 'GET', '/api/tenant'), 401, 'nothing was stored');
  }
  const { statusCode, response } = await locked.createAPIKey(null, { apiKey: { tenantId: defaultTenantId } });
  assert.equal(statusCode, 200, 'its own tenant is fine');
  assert.equal(response.apiKey.tenantId, defaultTenantId);
});

test('the global manager still creates unlocked and locked keys of any permissions', async () => {
  const created = (await manager.createAPIKey(null, { apiKey: {} })).response.apiKey;
  assert.equal(created.tenantId ?? undefined, undefined);
  const locked = (await manager.createAPIKey(null, { apiKey: { tenantId: defaultTenantId, permissions: { endpoints: { '/api/tenant': ['GET'] } } } })).response.apiKey;
  assert.equal(locked.tenantId, defaultTenantId);
  assert.equal(await status(locked.key, 'GET', `/api/tenant/${defaultTenantId}`), 200);
});

test('an expiring key manager creates only keys that expire no later than itself', async () => {
  const expiring = makeClient(server, EXPIRING_MANAGER);
  for (const apiKey of [{}, { expirationInstant: EXPIRING_MANAGER_ENDS + 1000 }]) {
    const errors = await expectStatus(expiring.createAPIKey(null, { apiKey }), 400);
    assertFieldError(errors, 'apiKey.expirationInstant', '[invalid]apiKey.expirationInstant');
  }
  const { response } = await expiring.createAPIKey(null, { apiKey: { expirationInstant: EXPIRING_MANAGER_ENDS - 1000 } });
  assert.equal(response.apiKey.expirationInstant, EXPIRING_MANAGER_ENDS - 1000);
});
