// Tenant API (spec/tenants-applications.md): CRUD, the Default tenant, defaults, merge patch.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { UUID_PATTERN, expectStatus, makeClient } from './support/client.mjs';
import { startServer } from './support/server.mjs';

let server;
let client;
before(async () => {
  server = await startServer();
  client = makeClient(server);
});
after(async () => { await server?.dispose(); });

test('a fresh database has exactly one tenant, named "Default"', async () => {
  const { response } = await client.retrieveTenants();
  assert.equal(response.tenants.length, 1);
  const [tenant] = response.tenants;
  assert.equal(tenant.name, 'Default');
  assert.match(tenant.id, UUID_PATTERN);
  const single = await client.retrieveTenant(tenant.id);
  assert.equal(single.response.tenant.name, 'Default');
});

test('the Default tenant carries FusionAuth\'s first-start JWT and password defaults', async () => {
  const { response } = await client.retrieveTenants();
  const tenant = response.tenants[0];
  // Not FusionAuth's "acme.com", which is no URL and fails OpenID discovery: the public URL
  // (here the listen address, as no --public-url is given).
  assert.equal(tenant.issuer, server.url);
  assert.equal(tenant.jwtConfiguration.timeToLiveInSeconds, 3600);
  assert.equal(tenant.jwtConfiguration.refreshTokenTimeToLiveInMinutes, 43200);
  assert.equal(tenant.passwordEncryptionConfiguration.encryptionScheme, 'salted-pbkdf2-hmac-sha256');
  assert.equal(tenant.passwordEncryptionConfiguration.encryptionSchemeFactor, 24000);
});

test('creating a tenant with only a name fills in the defaults and generates an id', async () => {
  const { statusCode, response } = await client.createTenant(null, { tenant: { name: 'Defaults Tenant' } });
  assert.equal(statusCode, 200);
  const tenant = response.tenant;
  assert.match(tenant.id, UUID_PATTERN);
  assert.equal(tenant.name, 'Defaults Tenant');
  assert.equal(tenant.issuer, 'acme.com');
  assert.equal(tenant.jwtConfiguration.timeToLiveInSeconds, 3600);
  assert.equal(tenant.jwtConfiguration.refreshTokenTimeToLiveInMinutes, 43200);
  assert.equal(tenant.jwtConfiguration.refreshTokenExpirationPolicy, 'Fixed');
  assert.equal(tenant.jwtConfiguration.refreshTokenUsagePolicy, 'Reusable');
  assert.equal(typeof tenant.insertInstant, 'number');
  assert.ok(Math.abs(tenant.insertInstant - Date.now()) < 5 * 60_000, 'insertInstant is epoch milliseconds');
});

test('a tenant created with an id in the path keeps that id, and its fields round-trip', async () => {
  const id = randomUUID();
  const sent = {
    name: 'Round Trip Tenant',
    issuer: 'https://issuer.example.com',
    data: { foo: { bar: [1, 'two', { three: true }] }, empty: {} },
    jwtConfiguration: { timeToLiveInSeconds: 600, refreshTokenTimeToLiveInMinutes: 120 },
  };
  const created = await client.createTenant(id, { tenant: sent });
  assert.equal(created.response.tenant.id, id);
  const { response } = await client.retrieveTenant(id);
  assert.equal(response.tenant.id, id);
  assert.equal(response.tenant.name, sent.name);
  assert.equal(response.tenant.issuer, sent.issuer);
  assert.deepEqual(response.tenant.data, sent.data);
  assert.equal(response.tenant.jwtConfiguration.timeToLiveInSeconds, 600);
  assert.equal(response.tenant.jwtConfiguration.refreshTokenTimeToLiveInMinutes, 120);
});

test('retrieveTenants lists every tenant', async () => {
  const { response } = await client.retrieveTenants();
  const names = response.tenants.map((tenant) => tenant.name).sort();
  assert.deepEqual(names, ['Default', 'Defaults Tenant', 'Round Trip Tenant']);
});

test('a tenant name must be unique', async () => {
  await expectStatus(client.createTenant(null, { tenant: { name: 'Default' } }), 400);
});

test('creating a tenant whose id already exists is refused', async () => {
  const id = randomUUID();
  await client.createTenant(id, { tenant: { name: 'Id Taken' } });
  await expectStatus(client.createTenant(id, { tenant: { name: 'Id Taken Again' } }), 400);
  const { response } = await client.retrieveTenant(id);
  assert.equal(response.tenant.name, 'Id Taken');
});

test('PUT replaces the tenant: changed fields change, omitted ones go back to defaults', async () => {
  const id = randomUUID();
  await client.createTenant(id, { tenant: { name: 'Before Put', issuer: 'before.example.com', data: { foo: 1 } } });
  const { response } = await client.updateTenant(id, { tenant: { name: 'After Put', issuer: 'after.example.com' } });
  assert.equal(response.tenant.id, id);
  assert.equal(response.tenant.name, 'After Put');
  assert.equal(response.tenant.issuer, 'after.example.com');
  assert.equal(response.tenant.data?.foo ?? undefined, undefined);
  const again = await client.retrieveTenant(id);
  assert.equal(again.response.tenant.name, 'After Put');
  assert.equal(again.response.tenant.data?.foo ?? undefined, undefined);
});

test('PATCH merges: nested objects merge, untouched fields stay', async () => {
  const id = randomUUID();
  await client.createTenant(id, {
    tenant: { name: 'Patch Me', issuer: 'patch.example.com', data: { keep: 'yes', change: 1 },
      jwtConfiguration: { timeToLiveInSeconds: 900 } },
  });
  const { response } = await client.patchTenant(id, { tenant: { data: { change: 2, added: true } } });
  assert.equal(response.tenant.name, 'Patch Me');
  assert.equal(response.tenant.issuer, 'patch.example.com');
  assert.deepEqual(response.tenant.data, { keep: 'yes', change: 2, added: true });
  assert.equal(response.tenant.jwtConfiguration.timeToLiveInSeconds, 900);
  const again = await client.retrieveTenant(id);
  assert.deepEqual(again.response.tenant.data, { keep: 'yes', change: 2, added: true });
});

test('PATCH with null removes a field', async () => {
  const id = randomUUID();
  await client.createTenant(id, { tenant: { name: 'Null Patch', data: { gone: 'soon', stays: 1 } } });
  const { response } = await client.patchTenant(id, { tenant: { data: { gone: null } } });
  assert.deepEqual(response.tenant.data, { stays: 1 });
});

test('updating or patching a tenant that does not exist is 404', async () => {
  const id = randomUUID();
  await expectStatus(client.updateTenant(id, { tenant: { name: 'Ghost' } }), 404);
  await expectStatus(client.patchTenant(id, { tenant: { name: 'Ghost' } }), 404);
});

test('DELETE removes a tenant; retrieving it afterwards is 404', async () => {
  const id = randomUUID();
  await client.createTenant(id, { tenant: { name: 'Short Lived' } });
  const deleted = await client.deleteTenant(id);
  assert.equal(deleted.statusCode, 200);
  await expectStatus(client.retrieveTenant(id), 404);
  await expectStatus(client.deleteTenant(id), 404);
  const { response } = await client.retrieveTenants();
  assert.ok(!response.tenants.some((tenant) => tenant.id === id));
});

test('retrieving a tenant that does not exist is 404 with an empty body', async () => {
  const errors = await expectStatus(client.retrieveTenant(randomUUID()), 404);
  assert.equal(errors, undefined);
});
