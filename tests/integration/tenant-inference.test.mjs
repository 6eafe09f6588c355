// FusionAuth's tenant rules with two tenants (issue 12 item 2; caller.hpp resolve_tenant): a
// request naming an application of one tenant is placed in that tenant without
// X-FusionAuth-TenantId; a tenant-locked key or a header naming another tenant is refused; a
// request that names nothing tenant-specific is still 400 [TenantIdRequired].
// Setup: a kickstart creates tenant T2 and an application in it, then registers a user for that
// application without a tenantId, as real kickstart files do.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import {
  assertFieldError, assertGeneralError, expectStatus, makeClient, uniqueEmail,
} from './support/client.mjs';
import { baseKickstart, DEFAULT_API_KEY } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'tenant-inference-password-1';
const NEW_PASSWORD = 'tenant-inference-password-2';
const T2 = randomUUID();
const T2_APP = randomUUID();
const KICKSTARTED_EMAIL = uniqueEmail('kickstarted-t2');
const DEFAULT_LOCKED_KEY = `default-locked-${randomUUID()}`;

let server;
let client; // global key, no tenant header
let defaultTenantId;
let defaultApp;
before(async () => {
  server = await startServer({
    kickstart: baseKickstart({
      variables: { t2: T2, t2App: T2_APP },
      apiKeys: [{ key: DEFAULT_LOCKED_KEY, tenantId: '#{FUSIONAUTH_TENANT_ID}' }],
      requests: [
        { method: 'POST', url: '/api/tenant/#{t2}', body: { tenant: { name: 'Inference T2' } } },
        { method: 'POST', url: '/api/application/#{t2App}', tenantId: '#{t2}', body: {
          application: { name: 'T2 App', roles: [{ name: 'member', isDefault: true }] },
        } },
        // No tenantId: the registration's application places the new user in T2.
        { method: 'POST', url: '/api/user/registration', body: {
          user: { email: KICKSTARTED_EMAIL, password: PASSWORD },
          registration: { applicationId: '#{t2App}' },
        } },
      ],
    }),
  });
  client = makeClient(server);
  defaultTenantId = (await client.retrieveTenants()).response.tenants
    .find((tenant) => tenant.name === 'Default').id;
  defaultApp = (await makeClient(server, DEFAULT_API_KEY, defaultTenantId).createApplication(null, {
    application: { name: `Default App ${randomUUID()}` },
  })).response.application;
});
after(async () => { await server?.dispose(); });

const inT2 = () => makeClient(server, DEFAULT_API_KEY, T2);
const inDefault = () => makeClient(server, DEFAULT_API_KEY, defaultTenantId);

async function registerInT2(label) {
  const email = uniqueEmail(label);
  const { response } = await client.register(null, {
    user: { email, password: PASSWORD }, registration: { applicationId: T2_APP },
  });
  return { email, user: response.user };
}

test('a kickstart registration naming a T2 application, without tenantId, starts and lands in T2', async () => {
  const { response } = await inT2().retrieveUserByEmail(KICKSTARTED_EMAIL);
  assert.equal(response.user.tenantId, T2);
  assert.deepEqual(response.user.registrations.map((r) => [r.applicationId, r.roles]), [[T2_APP, ['member']]]);
  await expectStatus(inDefault().retrieveUserByEmail(KICKSTARTED_EMAIL), 404);
});

test('the combined user + registration create without a tenant header is placed in the application\'s tenant', async () => {
  const { email, user } = await registerInT2('combined-t2');
  assert.equal(user.tenantId, T2);
  assert.equal((await inT2().retrieveUserByEmail(email)).response.user.id, user.id);
  const inDefaultTenant = await client.register(null, {
    user: { email: uniqueEmail('combined-default'), password: PASSWORD },
    registration: { applicationId: defaultApp.id },
  });
  assert.equal(inDefaultTenant.response.user.tenantId, defaultTenantId);
});

test('a registration for an existing user by id needs no tenant header', async () => {
  const user = (await inT2().createUser(null, { user: { email: uniqueEmail('existing-t2'), password: PASSWORD } })).response.user;
  const { statusCode, response } = await client.register(user.id, { registration: { applicationId: T2_APP } });
  assert.equal(statusCode, 200);
  assert.equal(response.registration.applicationId, T2_APP);
});

test('login with a T2 applicationId and no tenant header finds the T2 user', async () => {
  const { email, user } = await registerInT2('login-t2');
  const { statusCode, response } = await client.login({ loginId: email, password: PASSWORD, applicationId: T2_APP });
  assert.equal(statusCode, 200);
  assert.equal(response.user.id, user.id);
  assert.equal(response.user.tenantId, T2);
  // The application's tenant is searched, not every tenant: the Default app does not find them.
  await expectStatus(client.login({ loginId: email, password: PASSWORD, applicationId: defaultApp.id }), 404);
});

test('change password by loginId with a T2 applicationId and no tenant header changes the T2 user\'s password', async () => {
  const { email, user } = await registerInT2('change-t2');
  const changed = await client.changePasswordByIdentity({ loginId: email, password: NEW_PASSWORD, applicationId: T2_APP });
  assert.equal(changed.statusCode, 200);
  const { response } = await client.login({ loginId: email, password: NEW_PASSWORD, applicationId: T2_APP });
  assert.equal(response.user.id, user.id);
  await expectStatus(client.login({ loginId: email, password: PASSWORD, applicationId: T2_APP }), 404);
});

test('a Default-locked key naming a T2 application is refused and creates nothing', async () => {
  const locked = makeClient(server, DEFAULT_LOCKED_KEY);
  const email = uniqueEmail('locked-refused');
  const errors = await expectStatus(locked.register(null, {
    user: { email, password: PASSWORD }, registration: { applicationId: T2_APP },
  }), 400);
  assertFieldError(errors, 'registration.applicationId', '[invalid]registration.applicationId');
  for (const scoped of [inT2(), inDefault()]) await expectStatus(scoped.retrieveUserByEmail(email), 404);

  assertFieldError(await expectStatus(locked.login({ loginId: KICKSTARTED_EMAIL, password: PASSWORD, applicationId: T2_APP }), 400),
    'applicationId', '[invalid]applicationId');
  assertFieldError(await expectStatus(locked.changePasswordByIdentity({ loginId: KICKSTARTED_EMAIL, password: NEW_PASSWORD, applicationId: T2_APP }), 400),
    'applicationId', '[invalid]applicationId');
  // Its own tenant's application still works, with or without naming it.
  const own = await locked.register(null, { user: { email: uniqueEmail('locked-own'), password: PASSWORD }, registration: { applicationId: defaultApp.id } });
  assert.equal(own.response.user.tenantId, defaultTenantId);
});

test('a Default-locked key with a T2 tenant header is 401, as before', async () => {
  const locked = makeClient(server, DEFAULT_LOCKED_KEY, T2);
  await expectStatus(locked.register(null, {
    user: { email: uniqueEmail('locked-header'), password: PASSWORD }, registration: { applicationId: T2_APP },
  }), 401);
});

test('a tenant header that disagrees with the named application is refused: the application is not found in that tenant', async () => {
  const email = uniqueEmail('header-disagrees');
  const errors = await expectStatus(inDefault().register(null, {
    user: { email, password: PASSWORD }, registration: { applicationId: T2_APP },
  }), 400);
  assertFieldError(errors, 'registration.applicationId', '[invalid]registration.applicationId');
  await expectStatus(inT2().retrieveUserByEmail(email), 404);
  assertFieldError(await expectStatus(inDefault().login({ loginId: KICKSTARTED_EMAIL, password: PASSWORD, applicationId: T2_APP }), 400),
    'applicationId', '[invalid]applicationId');
  assertFieldError(await expectStatus(inDefault().changePasswordByIdentity({ loginId: KICKSTARTED_EMAIL, password: NEW_PASSWORD, applicationId: T2_APP }), 400),
    'applicationId', '[invalid]applicationId');
  // The agreeing header is accepted.
  const agreeing = await inT2().register(null, { user: { email: uniqueEmail('header-agrees'), password: PASSWORD }, registration: { applicationId: T2_APP } });
  assert.equal(agreeing.response.user.tenantId, T2);
});

test('a request that names nothing of one tenant is still 400 [TenantIdRequired]', async () => {
  assertGeneralError(await expectStatus(client.login({ loginId: KICKSTARTED_EMAIL, password: PASSWORD }), 400), '[TenantIdRequired]');
  assertGeneralError(await expectStatus(client.changePasswordByIdentity({ loginId: KICKSTARTED_EMAIL, password: NEW_PASSWORD }), 400), '[TenantIdRequired]');
  assertGeneralError(await expectStatus(client.createUser(null, { user: { email: uniqueEmail('plain'), password: PASSWORD } }), 400), '[TenantIdRequired]');
  assertGeneralError(await expectStatus(client.retrieveUserByEmail(KICKSTARTED_EMAIL), 400), '[TenantIdRequired]');
});

test('a registration naming an application that does not exist is [invalid]registration.applicationId, not [TenantIdRequired]', async () => {
  const errors = await expectStatus(client.register(null, {
    user: { email: uniqueEmail('ghost-app'), password: PASSWORD }, registration: { applicationId: randomUUID() },
  }), 400);
  assertFieldError(errors, 'registration.applicationId', '[invalid]registration.applicationId');
  assert.equal(errors.generalErrors, undefined);
});
