// Tenant scoping (spec/conventions.md §3): one tenant needs no header; with two, a request
// that cannot infer its tenant is 400 [TenantIdRequired]; ids that are globally unique infer it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { assertGeneralError, expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
import { DEFAULT_API_KEY } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'tenancy-password-123';

let server;
let client;
let defaultTenantId;
let secondTenantId;
let firstUser;
before(async () => {
  server = await startServer();
  client = makeClient(server);
  defaultTenantId = (await client.retrieveTenants()).response.tenants[0].id;
});
after(async () => { await server?.dispose(); });

test('with a single tenant, a user created without a tenant lands in it', async () => {
  const { response } = await client.createUser(null, { user: { email: uniqueEmail('single'), password: PASSWORD } });
  assert.equal(response.user.tenantId, defaultTenantId);
  firstUser = response.user;
});

test('with a single tenant, lookups by email need no tenant', async () => {
  assert.equal((await client.retrieveUserByEmail(firstUser.email)).response.user.id, firstUser.id);
});

test('with two tenants, creating a user without a tenant is 400 [TenantIdRequired] and creates nothing', async () => {
  secondTenantId = (await client.createTenant(null, { tenant: { name: 'Tenant Two' } })).response.tenant.id;
  const email = uniqueEmail('ambiguous');
  const errors = await expectStatus(client.createUser(null, { user: { email, password: PASSWORD } }), 400);
  assertGeneralError(errors, '[TenantIdRequired]');
  for (const tenantId of [defaultTenantId, secondTenantId]) {
    await expectStatus(makeClient(server, DEFAULT_API_KEY, tenantId).retrieveUserByEmail(email), 404);
  }
});

test('with two tenants, the X-FusionAuth-TenantId header picks the tenant', async () => {
  for (const tenantId of [defaultTenantId, secondTenantId]) {
    const scoped = makeClient(server, DEFAULT_API_KEY, tenantId);
    const { statusCode, response } = await scoped.createUser(null, { user: { email: uniqueEmail('scoped'), password: PASSWORD } });
    assert.equal(statusCode, 200);
    assert.equal(response.user.tenantId, tenantId);
  }
});

test('with two tenants, the combined user + registration create is placed in the application\'s tenant', async () => {
  // FusionAuth infers the tenant from the registration's applicationId (tenant-inference.test.mjs).
  const appId = randomUUID();
  await makeClient(server, DEFAULT_API_KEY, defaultTenantId).createApplication(appId, { application: { name: 'Tenancy App' } });
  const email = uniqueEmail('combined');
  const { response } = await client.register(null, {
    user: { email, password: PASSWORD }, registration: { applicationId: appId },
  });
  assert.equal(response.user.tenantId, defaultTenantId);
  const scoped = makeClient(server, DEFAULT_API_KEY, defaultTenantId);
  assert.equal((await scoped.retrieveUserByEmail(email)).response.user.id, response.user.id);
  await expectStatus(makeClient(server, DEFAULT_API_KEY, secondTenantId).retrieveUserByEmail(email), 404);
});

test('with two tenants, creating an application without a tenant is 400 [TenantIdRequired]', async () => {
  const id = randomUUID();
  const errors = await expectStatus(client.createApplication(id, { application: { name: 'Ambiguous App' } }), 400);
  assertGeneralError(errors, '[TenantIdRequired]');
  await expectStatus(client.retrieveApplication(id), 404);
  const scoped = makeClient(server, DEFAULT_API_KEY, secondTenantId);
  const { response } = await scoped.createApplication(id, { application: { name: 'Scoped App' } });
  assert.equal(response.application.tenantId, secondTenantId);
});

test('with two tenants, a lookup by email without a tenant is 400 [TenantIdRequired]', async () => {
  const errors = await expectStatus(client.retrieveUserByEmail(firstUser.email), 400);
  assertGeneralError(errors, '[TenantIdRequired]');
  const scoped = makeClient(server, DEFAULT_API_KEY, defaultTenantId);
  assert.equal((await scoped.retrieveUserByEmail(firstUser.email)).response.user.id, firstUser.id);
});

test('a user addressed by id needs no tenant: the id is globally unique', async () => {
  assert.equal((await client.retrieveUser(firstUser.id)).response.user.id, firstUser.id);
  const { response } = await client.patchUser(firstUser.id, { user: { firstName: 'Inferred' } });
  assert.equal(response.user.firstName, 'Inferred');
});

test('a user of one tenant is not found through the other tenant\'s header', async () => {
  const other = makeClient(server, DEFAULT_API_KEY, secondTenantId);
  await expectStatus(other.retrieveUserByEmail(firstUser.email), 404);
});

test('a tenant header naming no tenant is 400', async () => {
  const ghost = makeClient(server, DEFAULT_API_KEY, randomUUID());
  const email = uniqueEmail('ghost-tenant');
  await expectStatus(ghost.createUser(null, { user: { email, password: PASSWORD } }), 400);
  const notUuid = makeClient(server, DEFAULT_API_KEY, 'not-a-uuid');
  await expectStatus(notUuid.createUser(null, { user: { email, password: PASSWORD } }), 400);
  for (const tenantId of [defaultTenantId, secondTenantId]) {
    await expectStatus(makeClient(server, DEFAULT_API_KEY, tenantId).retrieveUserByEmail(email), 404);
  }
});
