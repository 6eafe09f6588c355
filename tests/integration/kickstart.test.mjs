// Kickstart (spec/kickstart.md): variables, #{ENV.X}, #{UUID()}, built-ins, apiKeys, requests
// (with a per-request tenantId); a failing request stops start-up, names the request and
// leaves nothing half-applied; the shipped demo kickstart works.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { after, test } from 'node:test';

import { UUID_PATTERN, expectStatus, makeClient } from './support/client.mjs';
import { makeTempDir, runUntilExit, startServer } from './support/server.mjs';

const servers = [];
const tempDirs = [];
after(async () => {
  await Promise.all(servers.map((server) => server.dispose()));
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function start(options) {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

async function tempDir() {
  const dir = await makeTempDir('latchkey-kickstart-');
  tempDirs.push(dir);
  return dir;
}

test('a kickstart with variables, ENV, UUID(), built-ins, apiKeys and requests is applied in order', async () => {
  const adminKey = `env-admin-key-${randomUUID()}`;
  const readOnlyKey = `read-only-key-${randomUUID()}`;
  const secondTenantId = randomUUID();
  const env = {
    LK_IT_ADMIN_KEY: adminKey,
    LK_IT_ISSUER: 'https://kickstarted.example.com',
    LK_IT_PASSWORD: 'kickstart-password-9',
  };
  const server = await start({
    env,
    kickstart: {
      variables: {
        adminKey: '#{ENV.LK_IT_ADMIN_KEY}',
        issuer: '#{ENV.LK_IT_ISSUER}',
        password: '#{ENV.LK_IT_PASSWORD}',
        appId: '#{UUID()}',
        otherUuid: '#{UUID()}',
        adminEmail: 'admin@kickstart.example.com',
        secondTenantId,
      },
      apiKeys: [
        { key: '#{adminKey}', description: 'bootstrap key', keyManager: true },
        { key: readOnlyKey, description: 'read-only users', permissions: { endpoints: { '/api/user': ['GET'] } } },
      ],
      requests: [
        { method: 'PATCH', url: '/api/tenant/#{FUSIONAUTH_TENANT_ID}', body: { tenant: { issuer: '#{issuer}' } } },
        { method: 'POST', url: '/api/application/#{appId}', body: { application: {
          name: 'Kickstarted App', data: { other: '#{otherUuid}' },
          roles: [{ name: 'admin' }, { name: 'user', isDefault: true }],
        } } },
        { method: 'POST', url: '/api/user/registration', body: {
          user: { email: '#{adminEmail}', password: '#{password}', firstName: 'Kick' },
          registration: { applicationId: '#{appId}', roles: ['admin'] },
        } },
        { method: 'POST', url: '/api/tenant/#{secondTenantId}', body: { tenant: { name: 'Kickstarted Tenant' } } },
        { method: 'POST', url: '/api/user', tenantId: '#{secondTenantId}', body: {
          user: { email: '#{adminEmail}', password: '#{password}', firstName: 'Second' },
        } },
      ],
    },
  });

  const admin = makeClient(server, adminKey);
  const tenants = (await admin.retrieveTenants()).response.tenants;
  const defaultTenant = tenants.find((tenant) => tenant.name === 'Default');
  assert.equal(defaultTenant.issuer, 'https://kickstarted.example.com', '#{ENV.X} and #{FUSIONAUTH_TENANT_ID}');
  assert.ok(tenants.some((tenant) => tenant.id === secondTenantId && tenant.name === 'Kickstarted Tenant'));

  const app = (await admin.retrieveApplications()).response.applications.find((a) => a.name === 'Kickstarted App');
  assert.ok(app, 'the application request ran');
  assert.match(app.id, UUID_PATTERN, '#{UUID()} made the id');
  assert.match(app.data.other, UUID_PATTERN);
  assert.notEqual(app.data.other, app.id, 'each #{UUID()} is a fresh UUID');
  assert.equal(app.tenantId, defaultTenant.id);

  const inDefault = makeClient(server, adminKey, defaultTenant.id);
  const user = (await inDefault.retrieveUserByEmail('admin@kickstart.example.com')).response.user;
  assert.equal(user.firstName, 'Kick');
  assert.deepEqual(user.registrations.map((r) => [r.applicationId, r.roles]), [[app.id, ['admin']]]);

  const inSecond = makeClient(server, adminKey, secondTenantId);
  const second = (await inSecond.retrieveUserByEmail('admin@kickstart.example.com')).response.user;
  assert.equal(second.firstName, 'Second', 'the request-level tenantId was sent as X-FusionAuth-TenantId');
  assert.equal(second.tenantId, secondTenantId);

  const readOnly = makeClient(server, readOnlyKey);
  assert.equal((await readOnly.retrieveUser(user.id)).response.user.id, user.id);
  await expectStatus(readOnly.retrieveTenants(), 401);
  await expectStatus(readOnly.createAPIKey(null, { apiKey: {} }), 401);

  const created = await admin.createAPIKey(null, { apiKey: {} });
  assert.equal(created.statusCode, 200, 'the kickstart key is a key manager');

  assert.ok(!server.logs().includes('kickstart-password-9'), 'the password from ENV is not logged');
  assert.ok(!server.logs().includes(adminKey), 'the API key from ENV is not logged');
});

test('the defaultTenantId variable sets the Default tenant\'s id', async () => {
  const defaultTenantId = randomUUID();
  const key = `default-tenant-key-${randomUUID()}`;
  const server = await start({
    kickstart: {
      variables: { defaultTenantId },
      apiKeys: [{ key }],
      requests: [{ method: 'PATCH', url: '/api/tenant/#{FUSIONAUTH_TENANT_ID}', body: { tenant: { data: { patched: true } } } }],
    },
  });
  const { response } = await makeClient(server, key).retrieveTenant(defaultTenantId);
  assert.equal(response.tenant.name, 'Default');
  assert.equal(response.tenant.data.patched, true);
});

test('a failing request stops start-up with a non-zero exit naming it; nothing is half-applied', async () => {
  const dataDir = await tempDir();
  const [appA, appB, appC] = [randomUUID(), randomUUID(), randomUUID()];
  const brokenKey = `broken-kickstart-key-${randomUUID()}`;
  const fixedKey = `fixed-kickstart-key-${randomUUID()}`;
  const requests = (bName) => [
    { method: 'POST', url: `/api/application/${appA}`, body: { application: { name: 'App A' } } },
    { method: 'POST', url: `/api/application/${appB}`, body: { application: bName ? { name: bName } : { roles: [] } } },
    { method: 'POST', url: `/api/application/${appC}`, body: { application: { name: 'App C' } } },
  ];

  const failed = await runUntilExit({ dataDir, kickstart: { apiKeys: [{ key: brokenKey }], requests: requests(null) } });
  assert.equal(failed.timedOut, false, `the server should stop by itself; output:\n${failed.output}`);
  assert.ok(failed.code !== 0 && failed.code !== null, `exit code ${failed.code}; output:\n${failed.output}`);
  assert.ok(failed.output.includes(appB), `the output names the failing request (${appB}):\n${failed.output}`);

  const server = await start({ dataDir, kickstart: { apiKeys: [{ key: fixedKey }], requests: requests('App B') } });
  const client = makeClient(server, fixedKey);
  const names = (await client.retrieveApplications()).response.applications.map((app) => app.name);
  for (const name of ['App A', 'App B', 'App C']) {
    assert.equal(names.filter((n) => n === name).length, 1, `${name} exists exactly once: ${names}`);
  }
  assert.equal((await client.retrieveApplication(appB)).response.application.name, 'App B');
  await expectStatus(makeClient(server, brokenKey).retrieveTenants(), 401);
});

test('a kickstart file that is not valid JSON stops start-up with a non-zero exit', async () => {
  const dataDir = await tempDir();
  const result = await runUntilExit({ dataDir, kickstart: '{ "apiKeys": [ { "key": "x" } ' });
  assert.equal(result.timedOut, false, result.output);
  assert.ok(result.code !== 0 && result.code !== null, `exit code ${result.code}`);
});

test('a kickstart without any API key is refused at start-up', async () => {
  const dataDir = await tempDir();
  const result = await runUntilExit({ dataDir, kickstart: { apiKeys: [], requests: [] } });
  assert.equal(result.timedOut, false, result.output);
  assert.ok(result.code !== 0 && result.code !== null, `exit code ${result.code}`);
});

test('login: the shipped demo kickstart applies cleanly and its user can log in', async () => {
  const demo = JSON.parse(await fs.readFile(new URL('../../kickstart/demo.json', import.meta.url), 'utf8'));
  const server = await start({ kickstart: demo });
  const { variables } = demo;
  const client = makeClient(server, variables.apiKey);

  const tenant = (await client.retrieveTenants()).response.tenants.find((t) => t.name === 'Default');
  // demo.json sets no issuer: the Default tenant's is the public URL, which discovery shares.
  assert.equal(tenant.issuer, server.url);
  const discovery = await (await fetch(`${server.url}/.well-known/openid-configuration`)).json();
  assert.equal(discovery.issuer, server.url);
  assert.equal(discovery.token_endpoint, `${server.url}/oauth2/token`);
  const app = (await client.retrieveApplication(variables.appId)).response.application;
  assert.equal(app.name, 'Demo App');
  assert.equal(app.oauthConfiguration.clientId, variables.appId);
  assert.equal(app.oauthConfiguration.clientSecret, variables.clientSecret);
  assert.deepEqual(app.oauthConfiguration.authorizedRedirectURLs, ['http://localhost:3000/oauth-redirect']);

  const user = (await client.retrieveUser(variables.userId)).response.user;
  assert.equal(user.email, variables.email);
  assert.deepEqual(user.registrations.map((r) => [r.applicationId, r.roles]), [[variables.appId, ['user']]]);

  const login = await client.login({ loginId: variables.email, password: variables.password, applicationId: variables.appId });
  assert.equal(login.statusCode, 200);
  assert.equal(login.response.user.id, variables.userId);
  assert.equal(typeof login.response.token, 'string');
  assert.equal(typeof login.response.refreshToken, 'string', 'the demo app generates refresh tokens');
});
