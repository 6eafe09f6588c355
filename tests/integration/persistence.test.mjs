// Durability (ARCHITECTURE.md "Storage"): data survives a graceful restart and a kill -9; a
// kickstart applies once; SIGTERM drains in-flight requests and exits 0.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, test } from 'node:test';

import { expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
import { agentRequest } from './support/http.mjs';
import { DEFAULT_API_KEY, baseKickstart } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'persistence-password-1';
const servers = [];
after(async () => { await Promise.all(servers.map((server) => server.dispose())); });

async function start(options) {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

const byId = (list) => [...list].sort((a, b) => a.id.localeCompare(b.id));

const kickstart = baseKickstart({
  variables: { kickAppId: '#{UUID()}', kickEmail: 'kickstarted@example.com' },
  requests: [
    { method: 'POST', url: '/api/application/#{kickAppId}', body: { application: { name: 'Kick App', roles: [{ name: 'member', isDefault: true }] } } },
    { method: 'POST', url: '/api/user/registration', body: {
      user: { email: '#{kickEmail}', password: PASSWORD },
      registration: { applicationId: '#{kickAppId}' },
    } },
  ],
});

test('everything written survives a graceful restart; SIGTERM exits 0; the kickstart does not run again', async () => {
  const server = await start({ kickstart });
  let client = makeClient(server);
  // A second tenant makes creates and login-id lookups ambiguous ([TenantIdRequired]), so
  // those go through a client scoped to the Default tenant.
  const defaultTenantId = (await client.retrieveTenants()).response.tenants
    .find((tenant) => tenant.name === 'Default').id;
  let scoped = makeClient(server, undefined, defaultTenantId);

  const tenantId = randomUUID();
  await client.createTenant(tenantId, { tenant: { name: 'Persistent Tenant', data: { keep: [1, 2] } } });
  const appId = randomUUID();
  await scoped.createApplication(appId, {
    application: { name: 'Persistent App', roles: [{ name: 'admin' }, { name: 'user', isDefault: true }],
      oauthConfiguration: { authorizedRedirectURLs: ['http://localhost/cb'] } },
  });
  const user = (await scoped.register(null, {
    user: { email: uniqueEmail('persistent'), username: `persistent-${randomUUID()}`, password: PASSWORD, data: { n: 1 } },
    registration: { applicationId: appId, roles: ['admin'] },
  })).response.user;
  await client.patchUser(user.id, { user: { firstName: 'Patched' } });
  const deactivated = (await scoped.createUser(null, { user: { email: uniqueEmail('inactive'), password: PASSWORD } })).response.user;
  await client.deactivateUser(deactivated.id);
  const deleted = (await scoped.createUser(null, { user: { email: uniqueEmail('deleted'), password: PASSWORD } })).response.user;
  await client.deleteUser(deleted.id);
  const apiKey = (await client.createAPIKey(null, { apiKey: { permissions: { endpoints: { '/api/user': ['GET'] } } } })).response.apiKey;

  const snapshot = {
    tenant: (await client.retrieveTenant(tenantId)).response,
    application: (await client.retrieveApplication(appId)).response,
    user: (await client.retrieveUser(user.id)).response,
    registration: (await client.retrieveRegistration(user.id, appId)).response,
    inactive: (await client.retrieveUser(deactivated.id)).response,
    apiKey: (await client.retrieveAPIKey(apiKey.id)).response,
    tenants: byId((await client.retrieveTenants()).response.tenants),
  };

  assert.equal(await server.stop(), 0, 'SIGTERM exits 0');
  await server.restart();
  client = makeClient(server);
  scoped = makeClient(server, undefined, defaultTenantId);

  assert.deepEqual((await client.retrieveTenant(tenantId)).response, snapshot.tenant);
  assert.deepEqual((await client.retrieveApplication(appId)).response, snapshot.application);
  assert.deepEqual((await client.retrieveUser(user.id)).response, snapshot.user);
  assert.deepEqual((await client.retrieveRegistration(user.id, appId)).response, snapshot.registration);
  assert.deepEqual((await client.retrieveUser(deactivated.id)).response, snapshot.inactive);
  assert.deepEqual((await client.retrieveAPIKey(apiKey.id)).response, snapshot.apiKey);
  assert.deepEqual(byId((await client.retrieveTenants()).response.tenants), snapshot.tenants);
  await expectStatus(client.retrieveUser(deleted.id), 404);

  // The API key created through the API still authenticates with its permissions.
  const limited = makeClient(server, apiKey.key);
  assert.equal((await limited.retrieveUser(user.id)).response.user.id, user.id);
  await expectStatus(limited.retrieveTenants(), 401);

  // The kickstart ran once: one "Kick App", one kickstarted user, and the start-up was clean.
  const kickApps = (await client.retrieveApplications()).response.applications.filter((app) => app.name === 'Kick App');
  assert.equal(kickApps.length, 1);
  const kicked = (await scoped.retrieveUserByEmail('kickstarted@example.com')).response.user;
  assert.deepEqual(kicked.registrations.map((r) => r.applicationId), [kickApps[0].id]);
  assert.doesNotMatch(server.logs(), /\[duplicate\]/);

  // A second restart still works (nothing about the first restart left the store dirty).
  assert.equal(await server.stop(), 0);
  await server.restart();
  assert.equal((await makeClient(server).retrieveUser(user.id)).response.user.firstName, 'Patched');
});

test('SIGTERM lets requests already received finish before the server exits 0', async () => {
  const server = await start();
  const CONNECTIONS = 12;
  // Open the connections first and wait until each has been answered once, so that every
  // create below travels on a connection the server has already accepted (a connection still
  // in the kernel's accept queue at SIGTERM was never received).
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  try {
    const warmUp = await Promise.all(Array.from({ length: CONNECTIONS },
      () => agentRequest(agent, server, 'GET', '/api/status')));
    assert.ok(warmUp.every((response) => response.status === 200));
    const open = Object.values(agent.freeSockets).flat().length;
    assert.equal(open, CONNECTIONS, 'the server keeps connections alive');

    const emails = Array.from({ length: CONNECTIONS }, () => uniqueEmail('drain'));
    const outcomes = emails.map((email) => agentRequest(agent, server, 'POST', '/api/user', {
      apiKey: DEFAULT_API_KEY, body: { user: { email, password: PASSWORD } },
    }).then((response) => ({ ok: response.status === 200, status: response.status }),
      (error) => ({ ok: false, error })));
    // Once one create has been answered, the others have long been read and are in flight.
    await Promise.race(outcomes);
    const exitCode = await server.stop();
    const results = await Promise.all(outcomes);
    const failures = results.filter((result) => !result.ok);
    assert.equal(failures.length, 0, `requests in flight at SIGTERM were dropped: ${
      failures.map((f) => f.error?.message ?? `HTTP ${f.status}`).join(', ')}`);
    assert.equal(exitCode, 0);

    await server.restart();
    const client = makeClient(server);
    for (const email of emails) assert.equal((await client.retrieveUserByEmail(email)).statusCode, 200);
  } finally {
    agent.destroy();
  }
});

test('kill -9 in the middle of a burst of creates loses no user whose create was answered 200', async () => {
  const server = await start();
  const client = makeClient(server, DEFAULT_API_KEY);
  const TOTAL = 200;
  const CONCURRENCY = 16;
  const KILL_AFTER = 60;

  const attempted = new Map();   // id -> email
  const acknowledged = new Map(); // id -> email, answered 200
  const unexpected = [];
  let next = 0;
  let killing = null;

  async function worker() {
    while (killing === null && next < TOTAL) {
      next += 1;
      const id = randomUUID();
      const email = uniqueEmail(`burst-${next}`);
      attempted.set(id, email);
      try {
        const response = await client.createUser(id, { user: { email, password: PASSWORD } });
        if (response.statusCode === 200) acknowledged.set(id, email);
      } catch (error) {
        // After the kill, refused or reset connections are expected; before it, nothing may fail.
        if (killing === null) unexpected.push(error.message);
      }
      if (killing === null && acknowledged.size >= KILL_AFTER) killing = server.kill9();
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  assert.deepEqual(unexpected, [], 'no create failed before the kill');
  assert.ok(killing !== null, 'the server was killed during the burst');
  await killing;
  assert.ok(acknowledged.size >= KILL_AFTER && acknowledged.size < TOTAL,
    `killed midway (${acknowledged.size} of ${TOTAL} answered)`);

  await server.restart();
  const restarted = makeClient(server);
  const lost = [];
  for (const [id, email] of acknowledged) {
    const found = await restarted.retrieveUser(id).catch((error) => error);
    if (found.statusCode !== 200 || found.response.user.email !== email) lost.push(id);
  }
  assert.deepEqual(lost, [], `${lost.length} acknowledged users were lost`);

  // What was in flight is either wholly there or wholly absent.
  for (const [id, email] of attempted) {
    if (acknowledged.has(id)) continue;
    const found = await restarted.retrieveUser(id).catch((error) => error);
    assert.ok(found.statusCode === 404 || (found.statusCode === 200 && found.response.user.email === email),
      `user ${id}: ${found.statusCode}`);
  }

  // The store is healthy: new writes and the unique-email rule work.
  const fresh = uniqueEmail('after-crash');
  assert.equal((await restarted.createUser(null, { user: { email: fresh, password: PASSWORD } })).statusCode, 200);
  const [firstId] = acknowledged.keys();
  await expectStatus(restarted.createUser(null, { user: { email: acknowledged.get(firstId), password: PASSWORD } }), 400);
});
