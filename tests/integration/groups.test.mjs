// The Group API and its members through FusionAuth's official client: every Group and Group
// Member method, validation errors, tenant placement and the tenant-locked API key, users'
// `memberships`, and group application roles in the `roles` claim of a /api/login JWT, a
// refreshed JWT, an /oauth2/token access token and /oauth2/userinfo (registered users only).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { decodeJwt } from 'jose';

import {
  UUID_PATTERN, assertFieldError, assertGeneralError, expectStatus, makeClient, uniqueEmail,
} from './support/client.mjs';
import { api } from './support/http.mjs';
import { DEFAULT_API_KEY } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'groups-test-password';
let server;
let client;
let tenantId;
let app;
let roleIds;

before(async () => {
  server = await startServer();
  client = makeClient(server);
  tenantId = (await client.retrieveTenants()).response.tenants[0].id;
  app = (await client.createApplication(null, { application: {
    name: `Groups ${randomUUID()}`,
    roles: [{ name: 'user', isDefault: true }, { name: 'editor' }, { name: 'admin' }],
    loginConfiguration: { generateRefreshTokens: true, allowTokenRefresh: true },
    oauthConfiguration: { enabledGrants: ['password', 'refresh_token'], generateRefreshTokens: true },
  } })).response.application;
  roleIds = Object.fromEntries(app.roles.map((role) => [role.name, role.id]));
});
after(async () => { await server?.dispose(); });

async function newUser({ register = true } = {}) {
  const email = uniqueEmail('groups');
  if (!register) {
    const scoped = makeClient(server, DEFAULT_API_KEY, tenantId);
    return (await scoped.createUser(null, { user: { email, password: PASSWORD } })).response.user;
  }
  const { response } = await client.register(null, { user: { email, password: PASSWORD }, registration: { applicationId: app.id } });
  return response.user;
}

test('groups: create with and without an id, retrieve one and all, roles keyed by application', async () => {
  const made = await client.createGroup(null, { group: { name: `Editors ${randomUUID()}`, data: { tier: 1 } }, roleIds: [roleIds.editor] });
  assert.equal(made.statusCode, 200);
  const group = made.response.group;
  assert.match(group.id, UUID_PATTERN);
  assert.equal(group.tenantId, tenantId);
  assert.deepEqual(group.data, { tier: 1 });
  assert.equal(typeof group.insertInstant, 'number');
  assert.deepEqual(Object.keys(group.roles), [app.id]);
  assert.deepEqual(group.roles[app.id].map((role) => role.name), ['editor']);
  assert.equal(group.roles[app.id][0].id, roleIds.editor);
  assert.equal(group.roleIds, undefined);

  const id = randomUUID();
  const chosen = await client.createGroup(id, { group: { name: `Chosen ${id}` } });
  assert.equal(chosen.response.group.id, id);
  assert.deepEqual(chosen.response.group.roles, {});
  assert.deepEqual((await client.retrieveGroup(group.id)).response.group, group);
  const all = (await client.retrieveGroups()).response.groups.map((g) => g.id);
  assert.ok(all.includes(group.id) && all.includes(id));

  assertFieldError(await expectStatus(client.createGroup(id, { group: { name: 'Again' } }), 400), 'groupId', '[duplicate]groupId');
  await expectStatus(client.retrieveGroup(randomUUID()), 404);
});

test('groups: validation codes for name and roleIds; nothing is half-written', async () => {
  assertFieldError(await expectStatus(client.createGroup(null, { group: { name: '' } }), 400), 'group.name', '[blank]group.name');
  const name = `Unique ${randomUUID()}`;
  await client.createGroup(null, { group: { name } });
  assertFieldError(await expectStatus(client.createGroup(null, { group: { name: name.toUpperCase() } }), 400),
    'group.name', '[duplicate]group.name');
  const bad = randomUUID();
  assertFieldError(await expectStatus(client.createGroup(bad, { group: { name: 'Bad roles' }, roleIds: [randomUUID()] }), 400),
    'roleIds', '[invalid]roleIds');
  await expectStatus(client.retrieveGroup(bad), 404);
  const missing = await api(server, 'POST', '/api/group', { apiKey: DEFAULT_API_KEY, body: { roleIds: [] } });
  assert.equal(missing.status, 400);
  assertFieldError(missing.json, 'group', '[missing]group');
});

test('groups: update replaces, patch merges and keeps roles, delete removes', async () => {
  const { group } = (await client.createGroup(null, { group: { name: `Mutable ${randomUUID()}`, data: { a: 1 } }, roleIds: [roleIds.admin] })).response;
  const patched = (await client.patchGroup(group.id, { group: { data: { b: 2 } } })).response.group;
  assert.deepEqual(patched.data, { a: 1, b: 2 });
  assert.deepEqual(patched.roles[app.id].map((role) => role.name), ['admin']);
  assert.equal(patched.insertInstant, group.insertInstant);
  const updated = (await client.updateGroup(group.id, { group: { name: `${group.name} 2` }, roleIds: [roleIds.editor, roleIds.user] })).response.group;
  assert.equal(updated.name, `${group.name} 2`);
  assert.deepEqual(updated.data, {});
  assert.deepEqual(updated.roles[app.id].map((role) => role.name), ['user', 'editor']);
  const cleared = (await client.updateGroup(group.id, { group: { name: updated.name } })).response.group;
  assert.deepEqual(cleared.roles, {});
  await expectStatus(client.updateGroup(randomUUID(), { group: { name: 'x' } }), 404);
  assert.equal((await client.deleteGroup(group.id)).statusCode, 200);
  await expectStatus(client.retrieveGroup(group.id), 404);
  await expectStatus(client.deleteGroup(group.id), 404);
});

test('groups: search by name (wildcards, case), pagination and order', async () => {
  const stem = randomUUID().slice(0, 8);
  for (const name of [`${stem}-alpha`, `${stem}-ALPHABET`, `${stem}-beta`]) await client.createGroup(null, { group: { name } });
  let found = (await client.searchGroups({ search: { name: `${stem}-alpha` } })).response;
  assert.equal(found.total, 2);
  found = (await client.searchGroups({ search: { name: `${stem}*ta` } })).response;
  assert.deepEqual(found.groups.map((g) => g.name), [`${stem}-beta`]);
  found = (await client.searchGroups({ search: { name: stem, numberOfResults: 1, startRow: 1, orderBy: 'name DESC' } })).response;
  assert.equal(found.total, 3);
  assert.deepEqual(found.groups.map((g) => g.name), [`${stem}-ALPHABET`]);
  const viaGet = await api(server, 'GET', `/api/group/search?name=${stem}&tenantId=${tenantId}`, { apiKey: DEFAULT_API_KEY });
  assert.equal(viaGet.status, 200);
  assert.equal(viaGet.json.total, 3);
  assertFieldError(await expectStatus(client.searchGroups({ search: { orderBy: 'secret' } }), 400),
    'search.orderBy', '[invalid]search.orderBy');
});

test('group members: add, update (replace), search, memberships on the user, and every delete form', async () => {
  const { group } = (await client.createGroup(null, { group: { name: `Members ${randomUUID()}` } })).response;
  const [ann, bob, cat] = [await newUser(), await newUser(), await newUser()];
  const memberId = randomUUID();
  const added = await client.createGroupMembers({ members: { [group.id]: [{ userId: ann.id, id: memberId, data: { role: 'lead' } }, { userId: bob.id }] } });
  assert.equal(added.statusCode, 200);
  const list = added.response.members[group.id];
  assert.equal(list.length, 2);
  assert.equal(list[0].id, memberId);
  assert.equal(list[0].userId, ann.id);
  assert.deepEqual(list[0].data, { role: 'lead' });
  assert.equal(typeof list[0].insertInstant, 'number');

  const annView = (await client.retrieveUser(ann.id)).response.user;
  assert.deepEqual(annView.memberships.map((m) => [m.groupId, m.id]), [[group.id, memberId]]);
  assert.deepEqual(annView.memberships[0].data, { role: 'lead' });

  let search = (await client.searchGroupMembers({ search: { groupId: group.id } })).response;
  assert.equal(search.total, 2);
  assert.ok(search.members.every((m) => m.groupId === group.id));
  search = (await client.searchGroupMembers({ search: { userId: bob.id } })).response;
  assert.deepEqual(search.members.map((m) => m.userId), [bob.id]);
  const viaGet = await api(server, 'GET', `/api/group/member/search?groupId=${group.id}&numberOfResults=1`, { apiKey: DEFAULT_API_KEY });
  assert.equal(viaGet.status, 200);
  assert.equal(viaGet.json.total, 2);
  assert.equal(viaGet.json.members.length, 1);

  const replaced = await client.updateGroupMembers({ members: { [group.id]: [{ userId: cat.id }] } });
  assert.deepEqual(replaced.response.members[group.id].map((m) => m.userId), [cat.id]);
  assert.equal((await client.retrieveUser(ann.id)).response.user.memberships, undefined);

  await client.createGroupMembers({ members: { [group.id]: [{ userId: ann.id }, { userId: bob.id }] } });
  const annMember = (await client.searchGroupMembers({ search: { userId: ann.id } })).response.members[0];
  const byId = await api(server, 'DELETE', `/api/group/member/${annMember.id}`, { apiKey: DEFAULT_API_KEY });
  assert.equal(byId.status, 200);
  const byQuery = await api(server, 'DELETE', `/api/group/member?groupId=${group.id}&userId=${bob.id}`, { apiKey: DEFAULT_API_KEY });
  assert.equal(byQuery.status, 200);
  assert.deepEqual((await client.searchGroupMembers({ search: { groupId: group.id } })).response.members.map((m) => m.userId), [cat.id]);
  await client.createGroupMembers({ members: { [group.id]: [{ userId: ann.id }, { userId: bob.id }] } });
  assert.equal((await client.deleteGroupMembers({ members: { [group.id]: [ann.id] } })).statusCode, 200);
  const bobMember = (await client.searchGroupMembers({ search: { userId: bob.id } })).response.members[0];
  assert.equal((await client.deleteGroupMembers({ memberIds: [bobMember.id] })).statusCode, 200);
  assert.deepEqual((await client.searchGroupMembers({ search: { groupId: group.id } })).response.members.map((m) => m.userId), [cat.id]);
  const all = await api(server, 'DELETE', `/api/group/member?groupId=${group.id}`, { apiKey: DEFAULT_API_KEY });
  assert.equal(all.status, 200);
  assert.equal((await client.searchGroupMembers({ search: { groupId: group.id } })).response.total, 0);
  await expectStatus(client.deleteGroupMembers({ memberIds: [randomUUID()] }), 404);
});

test('group members: validation codes and an all-or-nothing batch', async () => {
  const { group } = (await client.createGroup(null, { group: { name: `Strict ${randomUUID()}` } })).response;
  const ann = await newUser();
  assertFieldError(await expectStatus(client.createGroupMembers({ members: { [randomUUID()]: [{ userId: ann.id }] } }), 400),
    'members', '[invalid]groupId');
  const errors = await expectStatus(client.createGroupMembers({ members: { [group.id]: [{ userId: ann.id }, { userId: randomUUID() }, {}] } }), 400);
  assertFieldError(errors, `members[${group.id}][1].userId`, '[invalid]userId');
  assertFieldError(errors, `members[${group.id}][2].userId`, '[missing]userId');
  assert.equal((await client.searchGroupMembers({ search: { groupId: group.id } })).response.total, 0, 'no member of a refused batch');
  assertFieldError(await expectStatus(client.createGroupMembers({}), 400), 'members', '[missing]members');
});

test('groups: a tenant-locked API key sees and changes only its own tenant\'s groups and members', async () => {
  const otherTenant = (await client.createTenant(null, { tenant: { name: `Locked ${randomUUID()}` } })).response.tenant.id;
  const key = (await client.createAPIKey(null, { apiKey: { tenantId: otherTenant } })).response.apiKey.key;
  const locked = makeClient(server, key);
  const ours = (await makeClient(server, DEFAULT_API_KEY, tenantId).createGroup(null, { group: { name: `Ours ${randomUUID()}` } })).response.group;
  const theirs = (await locked.createGroup(null, { group: { name: `Theirs ${randomUUID()}` } })).response.group;
  assert.equal(theirs.tenantId, otherTenant);
  await expectStatus(locked.retrieveGroup(ours.id), 404);
  await expectStatus(locked.updateGroup(ours.id, { group: { name: 'stolen' } }), 404);
  await expectStatus(locked.patchGroup(ours.id, { group: { name: 'stolen' } }), 404);
  await expectStatus(locked.deleteGroup(ours.id), 404);
  assert.deepEqual((await locked.retrieveGroups()).response.groups.map((g) => g.id), [theirs.id]);
  assert.deepEqual((await locked.searchGroups({ search: { tenantId } })).response.groups.map((g) => g.id), [theirs.id]);
  // The locked key cannot name the Default tenant's application roles, nor add its users.
  assertFieldError(await expectStatus(locked.createGroup(null, { group: { name: 'Roles' }, roleIds: [roleIds.admin] }), 400),
    'roleIds', '[invalid]roleIds');
  const ann = await newUser();
  assertFieldError(await expectStatus(locked.createGroupMembers({ members: { [ours.id]: [{ userId: ann.id }] } }), 400),
    'members', '[invalid]groupId');
  assertFieldError(await expectStatus(locked.createGroupMembers({ members: { [theirs.id]: [{ userId: ann.id }] } }), 400),
    `members[${theirs.id}][0].userId`, '[invalid]userId');
  await client.createGroupMembers({ members: { [ours.id]: [{ userId: ann.id }] } });
  assert.equal((await locked.searchGroupMembers({ search: { userId: ann.id } })).response.total, 0);
  await expectStatus(locked.deleteGroupMembers({ members: { [ours.id]: [ann.id] } }), 404);
  assert.equal((await client.searchGroupMembers({ search: { userId: ann.id } })).response.total, 1);
  // With two tenants and nothing naming one, the group is ambiguous.
  assertGeneralError(await expectStatus(client.createGroup(null, { group: { name: 'Nowhere' } }), 400), '[TenantIdRequired]');
  // Roles of an application place the group in that application's tenant.
  const placed = (await client.createGroup(null, { group: { name: `Placed ${randomUUID()}` }, roleIds: [roleIds.user] })).response.group;
  assert.equal(placed.tenantId, tenantId);
});

test('group roles flow into the roles claim of login, refresh, /oauth2/token and userinfo, for registered users only', async () => {
  const { group } = (await client.createGroup(null, { group: { name: `Admins ${randomUUID()}` }, roleIds: [roleIds.admin, roleIds.editor] })).response;
  const user = await newUser();
  const before = (await client.login({ loginId: user.email, password: PASSWORD, applicationId: app.id })).response;
  assert.deepEqual(decodeJwt(before.token).roles, ['user']);
  await client.createGroupMembers({ members: { [group.id]: [{ userId: user.id }] } });
  const expected = ['user', 'editor', 'admin'];

  const login = (await client.login({ loginId: user.email, password: PASSWORD, applicationId: app.id })).response;
  assert.deepEqual(decodeJwt(login.token).roles, expected);
  assert.deepEqual(login.user.memberships.map((m) => m.groupId), [group.id]);
  const refreshed = (await makeClient(server, null).exchangeRefreshTokenForJWT({ refreshToken: login.refreshToken, token: login.token })).response;
  assert.deepEqual(decodeJwt(refreshed.token).roles, expected);

  const granted = (await client.exchangeUserCredentialsForAccessToken(
    user.email, PASSWORD, app.oauthConfiguration.clientId, app.oauthConfiguration.clientSecret, 'openid offline_access')).response;
  assert.deepEqual(decodeJwt(granted.access_token).roles, expected);
  const info = (await client.retrieveUserInfoFromAccessToken(granted.access_token)).response;
  assert.deepEqual(info.roles, expected);
  const oauthRefreshed = (await client.exchangeRefreshTokenForAccessToken(
    granted.refresh_token, app.oauthConfiguration.clientId, app.oauthConfiguration.clientSecret, 'openid')).response;
  assert.deepEqual(decodeJwt(oauthRefreshed.access_token).roles, expected);

  // Leaving the group takes its roles away at the next issue.
  await client.deleteGroupMembers({ members: { [group.id]: [user.id] } });
  const afterLeaving = (await client.login({ loginId: user.email, password: PASSWORD, applicationId: app.id })).response;
  assert.deepEqual(decodeJwt(afterLeaving.token).roles, ['user']);

  // A member that is not registered for the application gets no roles from its groups.
  const stranger = await newUser({ register: false });
  await client.createGroupMembers({ members: { [group.id]: [{ userId: stranger.id }] } });
  const unregistered = await client.login({ loginId: stranger.email, password: PASSWORD, applicationId: app.id });
  assert.equal(unregistered.statusCode, 202);
  assert.equal(decodeJwt(unregistered.response.token).roles, undefined);
});
