// User API (spec/users-registrations-login.md): create with and without an id, lookups by
// id / email / username / loginId, PUT, PATCH, soft and hard delete, uniqueness per tenant,
// and secrets that never leave the server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import {
  UUID_PATTERN, assertFieldError, assertNoSecrets, expectStatus, makeClient, uniqueEmail,
} from './support/client.mjs';
import { DEFAULT_API_KEY } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'correct-horse-battery-staple';

let server;
let client;
let defaultTenantId;
before(async () => {
  server = await startServer();
  client = makeClient(server);
  defaultTenantId = (await client.retrieveTenants()).response.tenants[0].id;
});
after(async () => { await server?.dispose(); });

async function createUser(fields = {}, id = null) {
  const { response } = await client.createUser(id, {
    user: { email: uniqueEmail(), password: PASSWORD, ...fields },
  });
  assertNoSecrets(response);
  return response.user;
}

test('creating a user without an id generates one and places the user in the only tenant', async () => {
  const email = uniqueEmail('generated');
  const { statusCode, response } = await client.createUser(null, {
    user: { email, password: PASSWORD, firstName: 'Gen', lastName: 'Erated' },
  });
  assert.equal(statusCode, 200);
  const user = response.user;
  assert.match(user.id, UUID_PATTERN);
  assert.equal(user.tenantId, defaultTenantId);
  assert.equal(user.email, email);
  assert.equal(user.firstName, 'Gen');
  assert.equal(user.lastName, 'Erated');
  assert.equal(user.active, true);
  assert.equal(typeof user.insertInstant, 'number');
  assert.ok(Math.abs(user.insertInstant - Date.now()) < 5 * 60_000, 'insertInstant is epoch milliseconds');
});

test('creating a user with an id in the path keeps that id', async () => {
  const id = randomUUID();
  const user = await createUser({}, id);
  assert.equal(user.id, id);
  assert.equal((await client.retrieveUser(id)).response.user.id, id);
});

test('a user id that is already taken is refused', async () => {
  const id = randomUUID();
  const first = await createUser({}, id);
  await expectStatus(client.createUser(id, { user: { email: uniqueEmail(), password: PASSWORD } }), 400);
  assert.equal((await client.retrieveUser(id)).response.user.email, first.email);
});

test('the fields we accept round-trip unchanged', async () => {
  const sent = {
    email: uniqueEmail('roundtrip'),
    username: `roundtrip-${randomUUID()}`,
    firstName: 'Ada',
    middleName: 'King',
    lastName: 'Lovelace',
    fullName: 'Ada King Lovelace',
    birthDate: '1815-12-10',
    mobilePhone: '+14155550100',
    imageUrl: 'https://example.com/ada.png',
    timezone: 'Europe/London',
    preferredLanguages: ['en', 'fr_FR'],
    data: { favorite: { color: 'blue', numbers: [1, 2.5, -3] }, flag: false, nothing: {} },
  };
  const created = await createUser(sent);
  const { response } = await client.retrieveUser(created.id);
  for (const [key, value] of Object.entries(sent)) {
    assert.deepEqual(response.user[key], value, `user.${key}`);
  }
});

test('retrieveUser, retrieveUserByEmail, retrieveUserByUsername and retrieveUserByLoginId find the same user', async () => {
  const username = `lookup-${randomUUID()}`;
  const user = await createUser({ username });
  const byId = await client.retrieveUser(user.id);
  const byEmail = await client.retrieveUserByEmail(user.email);
  const byUsername = await client.retrieveUserByUsername(username);
  const byLoginEmail = await client.retrieveUserByLoginId(user.email);
  const byLoginUsername = await client.retrieveUserByLoginId(username);
  for (const found of [byId, byEmail, byUsername, byLoginEmail, byLoginUsername]) {
    assert.equal(found.statusCode, 200);
    assert.equal(found.response.user.id, user.id);
    assertNoSecrets(found.response);
  }
});

test('email lookup ignores case', async () => {
  const local = `Mixed.Case-${randomUUID()}`;
  const user = await createUser({ email: `${local}@Example.COM` });
  const lower = await client.retrieveUserByEmail(`${local}@example.com`.toLowerCase());
  const upper = await client.retrieveUserByEmail(`${local}@EXAMPLE.com`.toUpperCase());
  assert.equal(lower.response.user.id, user.id);
  assert.equal(upper.response.user.id, user.id);
  const byLoginId = await client.retrieveUserByLoginId(`${local}@example.com`.toUpperCase());
  assert.equal(byLoginId.response.user.id, user.id);
});

test('username lookup ignores case', async () => {
  const username = `CamelUser-${randomUUID()}`;
  const user = await createUser({ username });
  const found = await client.retrieveUserByUsername(username.toLowerCase());
  assert.equal(found.response.user.id, user.id);
});

test('lookups of a user that does not exist are 404', async () => {
  await expectStatus(client.retrieveUser(randomUUID()), 404);
  await expectStatus(client.retrieveUserByEmail(uniqueEmail('nobody')), 404);
  await expectStatus(client.retrieveUserByUsername(`nobody-${randomUUID()}`), 404);
  await expectStatus(client.retrieveUserByLoginId(`nobody-${randomUUID()}`), 404);
});

test('a duplicate email in the same tenant is 400 [duplicate]user.email and creates nothing', async () => {
  const user = await createUser();
  const username = `dup-${randomUUID()}`;
  const errors = await expectStatus(client.createUser(null, {
    user: { email: user.email, username, password: PASSWORD },
  }), 400);
  assertFieldError(errors, 'user.email', '[duplicate]user.email');
  await expectStatus(client.retrieveUserByUsername(username), 404);
});

test('emails differing only in case are duplicates', async () => {
  const user = await createUser();
  const errors = await expectStatus(client.createUser(null, {
    user: { email: user.email.toUpperCase(), password: PASSWORD },
  }), 400);
  assertFieldError(errors, 'user.email', '[duplicate]user.email');
});

test('a duplicate username in the same tenant is 400 [duplicate]user.username', async () => {
  const username = `taken-${randomUUID()}`;
  await createUser({ username });
  const errors = await expectStatus(client.createUser(null, {
    user: { email: uniqueEmail(), username, password: PASSWORD },
  }), 400);
  assertFieldError(errors, 'user.username', '[duplicate]user.username');
});

test('a user can be created with a username and no email', async () => {
  const username = `only-username-${randomUUID()}`;
  const { response } = await client.createUser(null, { user: { username, password: PASSWORD } });
  assert.equal(response.user.username, username);
  assert.equal(response.user.email ?? undefined, undefined);
  assert.equal((await client.retrieveUserByLoginId(username)).response.user.id, response.user.id);
});

test('PUT updates the user: new values are stored, the email stays the one sent', async () => {
  const user = await createUser({ firstName: 'Before', lastName: 'Put', data: { a: 1 } });
  const { response } = await client.updateUser(user.id, {
    user: { email: user.email, firstName: 'After', data: { b: 2 } },
  });
  assertNoSecrets(response);
  assert.equal(response.user.id, user.id);
  assert.equal(response.user.email, user.email);
  assert.equal(response.user.firstName, 'After');
  assert.equal(response.user.lastName ?? undefined, undefined, 'PUT replaces: lastName not sent is gone');
  assert.deepEqual(response.user.data, { b: 2 });
  const again = (await client.retrieveUser(user.id)).response.user;
  assert.equal(again.firstName, 'After');
  assert.deepEqual(again.data, { b: 2 });
});

test('PUT can change the email, and the old email no longer finds the user', async () => {
  const user = await createUser();
  const newEmail = uniqueEmail('changed');
  await client.updateUser(user.id, { user: { email: newEmail } });
  assert.equal((await client.retrieveUserByEmail(newEmail)).response.user.id, user.id);
  await expectStatus(client.retrieveUserByEmail(user.email), 404);
});

test('PUT to another user\'s email is 400 [duplicate]user.email', async () => {
  const first = await createUser();
  const second = await createUser();
  const errors = await expectStatus(client.updateUser(second.id, { user: { email: first.email } }), 400);
  assertFieldError(errors, 'user.email', '[duplicate]user.email');
  assert.equal((await client.retrieveUser(second.id)).response.user.email, second.email);
});

test('PATCH merges: changing firstName leaves email, lastName and data alone', async () => {
  const user = await createUser({ firstName: 'Old', lastName: 'Name', data: { keep: true, nested: { a: 1 } } });
  const { response } = await client.patchUser(user.id, { user: { firstName: 'New', data: { nested: { b: 2 } } } });
  assertNoSecrets(response);
  assert.equal(response.user.firstName, 'New');
  assert.equal(response.user.email, user.email);
  assert.equal(response.user.lastName, 'Name');
  assert.deepEqual(response.user.data, { keep: true, nested: { a: 1, b: 2 } });
  const again = (await client.retrieveUser(user.id)).response.user;
  assert.equal(again.firstName, 'New');
  assert.equal(again.email, user.email);
});

test('updating or patching a user that does not exist is 404', async () => {
  const id = randomUUID();
  await expectStatus(client.updateUser(id, { user: { email: uniqueEmail() } }), 404);
  await expectStatus(client.patchUser(id, { user: { firstName: 'Ghost' } }), 404);
});

test('deactivateUser is a soft delete: the user is still there with active false', async () => {
  const user = await createUser();
  const deleted = await client.deactivateUser(user.id);
  assert.equal(deleted.statusCode, 200);
  const again = (await client.retrieveUser(user.id)).response.user;
  assert.equal(again.active, false);
  assert.equal(again.email, user.email);
});

test('reactivateUser makes a deactivated user active again', async () => {
  const user = await createUser();
  await client.deactivateUser(user.id);
  const { response } = await client.reactivateUser(user.id);
  assert.equal(response.user.active, true);
  assert.equal((await client.retrieveUser(user.id)).response.user.active, true);
});

test('deleteUser (hardDelete=true) removes the user: 404 afterwards and the email is free again', async () => {
  const user = await createUser();
  const deleted = await client.deleteUser(user.id);
  assert.equal(deleted.statusCode, 200);
  await expectStatus(client.retrieveUser(user.id), 404);
  await expectStatus(client.retrieveUserByEmail(user.email), 404);
  await expectStatus(client.deleteUser(user.id), 404);
  const reused = await createUser({ email: user.email });
  assert.notEqual(reused.id, user.id);
});

test('no user response carries password, salt or encryptionScheme', async () => {
  const { response: created } = await client.createUser(null, {
    user: { email: uniqueEmail('secret'), password: PASSWORD, encryptionScheme: 'salted-sha256', factor: 1 },
  });
  assertNoSecrets(created);
  const id = created.user.id;
  assertNoSecrets((await client.retrieveUser(id)).response);
  assertNoSecrets((await client.updateUser(id, { user: { email: created.user.email, password: 'another-password-123' } })).response);
  assertNoSecrets((await client.patchUser(id, { user: { password: 'yet-another-password-123' } })).response);
  const raw = JSON.stringify((await client.retrieveUserByEmail(created.user.email)).response);
  for (const secret of [PASSWORD, 'another-password-123', 'yet-another-password-123']) {
    assert.ok(!raw.includes(secret), 'the plaintext password is never echoed');
  }
});

// Keep this the last test that creates users without a tenant: it adds a second tenant,
// after which tenant-less creates are ambiguous (tenancy.test.mjs covers that).
test('the same email may exist in another tenant (X-FusionAuth-TenantId / client tenantId)', async () => {
  const user = await createUser({ username: `shared-${randomUUID()}` });
  const other = (await client.createTenant(null, { tenant: { name: 'Second Tenant' } })).response.tenant;
  const otherClient = makeClient(server, DEFAULT_API_KEY, other.id);
  const { statusCode, response } = await otherClient.createUser(null, {
    user: { email: user.email, username: user.username, password: PASSWORD },
  });
  assert.equal(statusCode, 200);
  assert.equal(response.user.tenantId, other.id);
  assert.notEqual(response.user.id, user.id);

  const defaultClient = makeClient(server, DEFAULT_API_KEY, defaultTenantId);
  assert.equal((await defaultClient.retrieveUserByEmail(user.email)).response.user.id, user.id);
  assert.equal((await otherClient.retrieveUserByEmail(user.email)).response.user.id, response.user.id);
  const duplicateThere = await expectStatus(otherClient.createUser(null, {
    user: { email: user.email, password: PASSWORD },
  }), 400);
  assertFieldError(duplicateThere, 'user.email', '[duplicate]user.email');
});

test('the server logs never contain a password or the API key', async () => {
  const logs = server.logs();
  assert.ok(logs.length > 0, 'the server writes logs (at least an access-log line per request)');
  for (const secret of [PASSWORD, 'another-password-123', 'yet-another-password-123', DEFAULT_API_KEY]) {
    assert.ok(!logs.includes(secret), `the logs contain a secret (${secret.slice(0, 6)}...)`);
  }
});
