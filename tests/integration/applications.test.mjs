// Application API (spec/tenants-applications.md): CRUD, roles, JWT/login/OAuth configuration,
// soft delete (deactivate) and hard delete.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { UUID_PATTERN, expectStatus, makeClient } from './support/client.mjs';
import { startServer } from './support/server.mjs';

let server;
let client;
let defaultTenantId;
before(async () => {
  server = await startServer();
  client = makeClient(server);
  defaultTenantId = (await client.retrieveTenants()).response.tenants[0].id;
});
after(async () => { await server?.dispose(); });

function fullApplication(name) {
  return {
    name,
    data: { team: 'platform', nested: { list: [1, 2, 3] } },
    roles: [
      { name: 'admin', description: 'Administrators', isSuperRole: true },
      { name: 'user', description: 'Everyone', isDefault: true },
    ],
    jwtConfiguration: { enabled: true, timeToLiveInSeconds: 600, refreshTokenTimeToLiveInMinutes: 120 },
    loginConfiguration: { generateRefreshTokens: true, allowTokenRefresh: true, requireAuthentication: false },
    oauthConfiguration: {
      authorizedRedirectURLs: ['http://localhost:3000/oauth-redirect', 'com.example.app:/callback'],
      authorizedOriginURLs: ['http://localhost:3000'],
      enabledGrants: ['authorization_code', 'refresh_token'],
      generateRefreshTokens: true,
      logoutURL: 'http://localhost:3000/logout',
    },
  };
}

function roleByName(application, name) {
  return application.roles.find((role) => role.name === name);
}

test('creating an application generates its id, lands in the only tenant and is active', async () => {
  const { statusCode, response } = await client.createApplication(null, { application: fullApplication('Generated Id App') });
  assert.equal(statusCode, 200);
  const app = response.application;
  assert.match(app.id, UUID_PATTERN);
  assert.equal(app.tenantId, defaultTenantId);
  assert.equal(app.name, 'Generated Id App');
  assert.equal(app.active, true);
  assert.equal(typeof app.insertInstant, 'number');
});

test('an application created with an id keeps it; every configuration block round-trips', async () => {
  const id = randomUUID();
  const sent = fullApplication('Round Trip App');
  await client.createApplication(id, { application: sent });
  const { response } = await client.retrieveApplication(id);
  const app = response.application;
  assert.equal(app.id, id);
  assert.equal(app.name, sent.name);
  assert.deepEqual(app.data, sent.data);
  assert.equal(app.jwtConfiguration.enabled, true);
  assert.equal(app.jwtConfiguration.timeToLiveInSeconds, 600);
  assert.equal(app.jwtConfiguration.refreshTokenTimeToLiveInMinutes, 120);
  assert.equal(app.loginConfiguration.generateRefreshTokens, true);
  assert.equal(app.loginConfiguration.allowTokenRefresh, true);
  assert.equal(app.loginConfiguration.requireAuthentication, false);
  assert.deepEqual(app.oauthConfiguration.authorizedRedirectURLs, sent.oauthConfiguration.authorizedRedirectURLs);
  assert.deepEqual(app.oauthConfiguration.authorizedOriginURLs, sent.oauthConfiguration.authorizedOriginURLs);
  assert.deepEqual([...app.oauthConfiguration.enabledGrants].sort(), ['authorization_code', 'refresh_token']);
  assert.equal(app.oauthConfiguration.generateRefreshTokens, true);
  assert.equal(app.oauthConfiguration.logoutURL, sent.oauthConfiguration.logoutURL);
});

test('roles get ids and keep their flags', async () => {
  const id = randomUUID();
  const { response } = await client.createApplication(id, { application: fullApplication('Roles App') });
  const app = response.application;
  assert.equal(app.roles.length, 2);
  const admin = roleByName(app, 'admin');
  const user = roleByName(app, 'user');
  assert.match(admin.id, UUID_PATTERN);
  assert.match(user.id, UUID_PATTERN);
  assert.notEqual(admin.id, user.id);
  assert.equal(admin.isSuperRole, true);
  assert.equal(admin.description, 'Administrators');
  assert.equal(user.isDefault, true);
  assert.notEqual(admin.isDefault, true);
});

test('oauthConfiguration.clientId is the application id and a blank clientSecret is generated', async () => {
  const id = randomUUID();
  const { response } = await client.createApplication(id, { application: { name: 'OAuth App' } });
  const oauth = response.application.oauthConfiguration;
  assert.equal(oauth.clientId, id);
  assert.equal(typeof oauth.clientSecret, 'string');
  assert.ok(oauth.clientSecret.length >= 32, `clientSecret too short: ${oauth.clientSecret}`);
  const other = await client.createApplication(null, { application: { name: 'OAuth App 2' } });
  assert.notEqual(other.response.application.oauthConfiguration.clientSecret, oauth.clientSecret);
});

test('a clientSecret given on create is kept', async () => {
  const id = randomUUID();
  const secret = 'a-client-secret-chosen-by-the-caller-0123456789';
  const { response } = await client.createApplication(id, {
    application: { name: 'Chosen Secret App', oauthConfiguration: { clientSecret: secret } },
  });
  assert.equal(response.application.oauthConfiguration.clientSecret, secret);
  assert.equal((await client.retrieveApplication(id)).response.application.oauthConfiguration.clientSecret, secret);
});

test('retrieveApplications lists active applications', async () => {
  const { response } = await client.retrieveApplications();
  const names = response.applications.map((app) => app.name);
  for (const name of ['Generated Id App', 'Round Trip App', 'Roles App', 'OAuth App']) {
    assert.ok(names.includes(name), `${name} missing from ${JSON.stringify(names)}`);
  }
});

// Roles are not part of PUT: FusionAuth documents application.roles only for create
// (fusionauth-site apis/_application-request-body.mdx, renderif is_create); roles change
// through the Application Role API.
test('PUT replaces the application, keeps a blank clientSecret and leaves roles alone', async () => {
  const id = randomUUID();
  const created = await client.createApplication(id, { application: fullApplication('Before Put') });
  const secret = created.response.application.oauthConfiguration.clientSecret;
  const { response } = await client.updateApplication(id, {
    application: {
      name: 'After Put',
      oauthConfiguration: { authorizedRedirectURLs: ['http://localhost:4000/cb'], enabledGrants: ['authorization_code'] },
    },
  });
  const app = response.application;
  assert.equal(app.id, id);
  assert.equal(app.name, 'After Put');
  assert.deepEqual(app.oauthConfiguration.authorizedRedirectURLs, ['http://localhost:4000/cb']);
  assert.equal(app.oauthConfiguration.clientId, id);
  assert.equal(app.oauthConfiguration.clientSecret, secret);
  assert.equal(app.data?.team ?? undefined, undefined, 'PUT replaces: data not sent is gone');
  assert.deepEqual(app.roles.map((role) => role.name).sort(), ['admin', 'user']);
  const again = (await client.retrieveApplication(id)).response.application;
  assert.equal(again.name, 'After Put');
  assert.equal(again.oauthConfiguration.clientSecret, secret);
});

test('PATCH merges: a changed login flag leaves the name, roles and OAuth settings alone', async () => {
  const id = randomUUID();
  await client.createApplication(id, { application: fullApplication('Patch App') });
  const { response } = await client.patchApplication(id, {
    application: { loginConfiguration: { allowTokenRefresh: false }, data: { added: 'x' } },
  });
  const app = response.application;
  assert.equal(app.name, 'Patch App');
  assert.equal(app.loginConfiguration.allowTokenRefresh, false);
  assert.equal(app.loginConfiguration.generateRefreshTokens, true);
  assert.equal(app.roles.length, 2);
  assert.deepEqual(app.oauthConfiguration.authorizedRedirectURLs, fullApplication('x').oauthConfiguration.authorizedRedirectURLs);
  assert.equal(app.data.team, 'platform');
  assert.equal(app.data.added, 'x');
});

test('createApplicationRole adds a role that retrieveApplication then shows', async () => {
  const id = randomUUID();
  await client.createApplication(id, { application: fullApplication('Role Add App') });
  const { statusCode, response } = await client.createApplicationRole(id, null, {
    role: { name: 'editor', description: 'Edits things' },
  });
  assert.equal(statusCode, 200);
  assert.equal(response.role.name, 'editor');
  assert.match(response.role.id, UUID_PATTERN);
  const app = (await client.retrieveApplication(id)).response.application;
  assert.deepEqual(app.roles.map((role) => role.name).sort(), ['admin', 'editor', 'user']);
  assert.equal(roleByName(app, 'editor').description, 'Edits things');
});

test('a role name must be unique within its application', async () => {
  const id = randomUUID();
  await client.createApplication(id, { application: fullApplication('Duplicate Role App') });
  await expectStatus(client.createApplicationRole(id, null, { role: { name: 'admin' } }), 400);
  const app = (await client.retrieveApplication(id)).response.application;
  assert.equal(app.roles.filter((role) => role.name === 'admin').length, 1);
});

test('updateApplicationRole and deleteApplicationRole change the role list', async () => {
  const id = randomUUID();
  const created = await client.createApplication(id, { application: fullApplication('Role Edit App') });
  const user = roleByName(created.response.application, 'user');
  await client.updateApplicationRole(id, user.id, { role: { name: 'user', description: 'Changed', isDefault: false } });
  let app = (await client.retrieveApplication(id)).response.application;
  assert.equal(roleByName(app, 'user').id, user.id);
  assert.equal(roleByName(app, 'user').description, 'Changed');
  assert.notEqual(roleByName(app, 'user').isDefault, true);
  await client.deleteApplicationRole(id, user.id);
  app = (await client.retrieveApplication(id)).response.application;
  assert.deepEqual(app.roles.map((role) => role.name), ['admin']);
});

test('deactivateApplication is a soft delete: the application stays, inactive, and can be reactivated', async () => {
  const id = randomUUID();
  await client.createApplication(id, { application: fullApplication('Soft Delete App') });
  const deactivated = await client.deactivateApplication(id);
  assert.equal(deactivated.statusCode, 200);

  const app = (await client.retrieveApplication(id)).response.application;
  assert.equal(app.active, false);
  const active = (await client.retrieveApplications()).response.applications.map((a) => a.id);
  assert.ok(!active.includes(id), 'an inactive application is not listed by default');
  const inactive = (await client.retrieveInactiveApplications()).response.applications.map((a) => a.id);
  assert.ok(inactive.includes(id), 'retrieveInactiveApplications (?inactive=true) lists it');

  const reactivated = await client.reactivateApplication(id);
  assert.equal(reactivated.response.application.active, true);
  assert.equal((await client.retrieveApplication(id)).response.application.active, true);
});

test('deleteApplication (hardDelete=true) removes the application: 404 afterwards', async () => {
  const id = randomUUID();
  await client.createApplication(id, { application: fullApplication('Hard Delete App') });
  const deleted = await client.deleteApplication(id);
  assert.equal(deleted.statusCode, 200);
  await expectStatus(client.retrieveApplication(id), 404);
  const listed = (await client.retrieveApplications()).response.applications.map((a) => a.id);
  assert.ok(!listed.includes(id));
  const inactive = (await client.retrieveInactiveApplications()).response.applications.map((a) => a.id);
  assert.ok(!inactive.includes(id));
});

test('an application id that is already taken is refused on create', async () => {
  const id = randomUUID();
  await client.createApplication(id, { application: { name: 'First Owner' } });
  await expectStatus(client.createApplication(id, { application: { name: 'Second Owner' } }), 400);
  assert.equal((await client.retrieveApplication(id)).response.application.name, 'First Owner');
});

test('retrieving, updating or deleting an application that does not exist is 404', async () => {
  const id = randomUUID();
  await expectStatus(client.retrieveApplication(id), 404);
  await expectStatus(client.updateApplication(id, { application: { name: 'Ghost' } }), 404);
  await expectStatus(client.deleteApplication(id), 404);
});
