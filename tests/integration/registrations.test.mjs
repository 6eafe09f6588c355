// Registration API (spec/users-registrations-login.md): registering an existing user, the
// combined user + registration create, retrieve, update, delete, default roles.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import {
  UUID_PATTERN, assertNoSecrets, expectStatus, makeClient, uniqueEmail,
} from './support/client.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'registration-password-42';

let server;
let client;
let appId;
before(async () => {
  server = await startServer();
  client = makeClient(server);
  appId = randomUUID();
  await client.createApplication(appId, {
    application: {
      name: 'Registration App',
      roles: [{ name: 'admin' }, { name: 'user', isDefault: true }, { name: 'viewer', isDefault: true }, { name: 'editor' }],
    },
  });
});
after(async () => { await server?.dispose(); });

async function newUser() {
  const { response } = await client.createUser(null, { user: { email: uniqueEmail('reg'), password: PASSWORD } });
  return response.user;
}

test('registering an existing user without roles gives the application\'s default roles', async () => {
  const user = await newUser();
  const { statusCode, response } = await client.register(user.id, { registration: { applicationId: appId } });
  assert.equal(statusCode, 200);
  const registration = response.registration;
  assert.match(registration.id, UUID_PATTERN);
  assert.equal(registration.applicationId, appId);
  assert.deepEqual([...registration.roles].sort(), ['user', 'viewer']);
  assert.equal(typeof registration.insertInstant, 'number');
});

test('registering with explicit roles keeps exactly those roles', async () => {
  const user = await newUser();
  const { response } = await client.register(user.id, {
    registration: { applicationId: appId, roles: ['editor', 'admin'], username: 'display-name', data: { plan: 'pro' } },
  });
  assert.deepEqual([...response.registration.roles].sort(), ['admin', 'editor']);
  const fetched = (await client.retrieveRegistration(user.id, appId)).response.registration;
  assert.deepEqual([...fetched.roles].sort(), ['admin', 'editor']);
  assert.equal(fetched.username, 'display-name');
  assert.deepEqual(fetched.data, { plan: 'pro' });
});

test('the combined create makes the user and the registration in one call', async () => {
  const email = uniqueEmail('combined');
  const { statusCode, response } = await client.register(null, {
    user: { email, password: PASSWORD, firstName: 'Combo' },
    registration: { applicationId: appId, roles: ['admin'] },
  });
  assert.equal(statusCode, 200);
  assertNoSecrets(response);
  assert.match(response.user.id, UUID_PATTERN);
  assert.equal(response.user.email, email);
  assert.equal(response.registration.applicationId, appId);
  assert.deepEqual(response.registration.roles, ['admin']);

  const user = (await client.retrieveUserByEmail(email)).response.user;
  assert.equal(user.id, response.user.id);
  assert.equal(user.firstName, 'Combo');
  assert.equal(user.registrations.length, 1);
  assert.equal(user.registrations[0].applicationId, appId);
  assert.deepEqual(user.registrations[0].roles, ['admin']);
});

test('the combined create with a user id in the path uses that id', async () => {
  const id = randomUUID();
  const { response } = await client.register(id, {
    user: { email: uniqueEmail('combined-id'), password: PASSWORD },
    registration: { applicationId: appId },
  });
  assert.equal(response.user.id, id);
  assert.deepEqual([...response.registration.roles].sort(), ['user', 'viewer']);
  assert.equal((await client.retrieveRegistration(id, appId)).response.registration.applicationId, appId);
});

test('retrieveUser lists the user\'s registrations', async () => {
  const user = await newUser();
  const other = randomUUID();
  await client.createApplication(other, { application: { name: 'Second Registration App' } });
  await client.register(user.id, { registration: { applicationId: appId } });
  await client.register(user.id, { registration: { applicationId: other } });
  const fetched = (await client.retrieveUser(user.id)).response.user;
  assert.deepEqual(fetched.registrations.map((r) => r.applicationId).sort(), [appId, other].sort());
});

test('updateRegistration replaces roles and data', async () => {
  const user = await newUser();
  await client.register(user.id, { registration: { applicationId: appId, data: { a: 1 } } });
  const { response } = await client.updateRegistration(user.id, {
    registration: { applicationId: appId, roles: ['admin', 'editor'], data: { b: 2 } },
  });
  assert.deepEqual([...response.registration.roles].sort(), ['admin', 'editor']);
  const fetched = (await client.retrieveRegistration(user.id, appId)).response.registration;
  assert.deepEqual([...fetched.roles].sort(), ['admin', 'editor']);
  assert.deepEqual(fetched.data, { b: 2 });
});

test('deleteRegistration removes the registration but not the user', async () => {
  const user = await newUser();
  await client.register(user.id, { registration: { applicationId: appId } });
  const deleted = await client.deleteRegistration(user.id, appId);
  assert.equal(deleted.statusCode, 200);
  await expectStatus(client.retrieveRegistration(user.id, appId), 404);
  const fetched = (await client.retrieveUser(user.id)).response.user;
  assert.equal(fetched.id, user.id);
  assert.equal((fetched.registrations ?? []).length, 0);
});

test('registering the same user twice for one application is refused', async () => {
  const user = await newUser();
  await client.register(user.id, { registration: { applicationId: appId, roles: ['admin'] } });
  await expectStatus(client.register(user.id, { registration: { applicationId: appId } }), 400);
  const fetched = (await client.retrieveRegistration(user.id, appId)).response.registration;
  assert.deepEqual(fetched.roles, ['admin']);
});

test('a role the application does not define is refused and nothing is written', async () => {
  const user = await newUser();
  await expectStatus(client.register(user.id, { registration: { applicationId: appId, roles: ['no-such-role'] } }), 400);
  await expectStatus(client.retrieveRegistration(user.id, appId), 404);
});

test('a registration for an application that does not exist is refused', async () => {
  const user = await newUser();
  await expectStatus(client.register(user.id, { registration: { applicationId: randomUUID() } }), 400);
});

test('a combined create whose registration is invalid creates no user', async () => {
  const email = uniqueEmail('half');
  await expectStatus(client.register(null, {
    user: { email, password: PASSWORD },
    registration: { applicationId: randomUUID() },
  }), 400);
  await expectStatus(client.retrieveUserByEmail(email), 404);
});

test('retrieving a registration that does not exist is 404', async () => {
  const user = await newUser();
  await expectStatus(client.retrieveRegistration(user.id, appId), 404);
  await expectStatus(client.retrieveRegistration(randomUUID(), appId), 404);
});

test('hard-deleting a user removes its registrations', async () => {
  const user = await newUser();
  await client.register(user.id, { registration: { applicationId: appId } });
  await client.deleteUser(user.id);
  await expectStatus(client.retrieveRegistration(user.id, appId), 404);
});
