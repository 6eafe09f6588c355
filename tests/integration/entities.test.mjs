// Machine to machine (FusionAuth's Entity Management) through FusionAuth's official client:
// the Entity Type API with its permissions, the Entity API, the Entity Grant API, their
// searches, validation errors and tenant locks; the client_credentials grant (scope syntax,
// claims verified with jose against the JWKS, FusionAuth's error answers) and its introspection.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import * as jose from 'jose';

import { UUID_PATTERN, assertFieldError, assertGeneralError, expectStatus, makeClient } from './support/client.mjs';
import { DEFAULT_API_KEY } from './support/kickstart.mjs';
import { api } from './support/http.mjs';
import { startServer } from './support/server.mjs';

let server;
let client;
let defaultTenantId;

// Once a second tenant exists (the tenant-lock test makes one), a global key must name the
// tenant of an entity it creates: the client sends the Default tenant's id.
before(async () => {
  server = await startServer();
  const tenants = (await makeClient(server).retrieveTenants()).response.tenants;
  defaultTenantId = tenants.find((tenant) => tenant.name === 'Default').id;
  client = makeClient(server, DEFAULT_API_KEY, defaultTenantId);
});
after(async () => { await server?.dispose(); });

async function newType(extra = {}) {
  return (await client.createEntityType(null, { entityType: { name: `Type ${randomUUID()}`, ...extra } }))
    .response.entityType;
}

async function newEntity(typeId, extra = {}) {
  return (await client.createEntity(null, { entity: { name: `Entity ${randomUUID()}`, type: { id: typeId }, ...extra } }))
    .response.entity;
}

async function tokenRequest(form, headers = {}) {
  const response = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: response.status, json: await response.json() };
}

test('entity types: create with and without an id, retrieve one and all, update, patch, delete', async () => {
  const created = await newType({ data: { tier: 1 } });
  assert.match(created.id, UUID_PATTERN);
  assert.deepEqual(created.permissions, []);
  assert.equal(created.jwtConfiguration.enabled, false);
  assert.deepEqual(created.data, { tier: 1 });
  assert.equal(typeof created.insertInstant, 'number');

  const id = randomUUID();
  const named = (await client.createEntityType(id, { entityType: { name: `Named ${id}` } })).response.entityType;
  assert.equal(named.id, id);
  assert.deepEqual((await client.retrieveEntityType(id)).response.entityType, named);
  const all = (await client.retrieveEntityTypes()).response.entityTypes;
  assert.ok(all.some((type) => type.id === id) && all.some((type) => type.id === created.id));

  const updated = (await client.updateEntityType(id, { entityType: { name: `Renamed ${id}` } })).response.entityType;
  assert.equal(updated.name, `Renamed ${id}`);
  assert.equal(updated.insertInstant, named.insertInstant);
  const patched = (await client.patchEntityType(id, { entityType: { data: { patched: true } } })).response.entityType;
  assert.equal(patched.name, `Renamed ${id}`);
  assert.deepEqual(patched.data, { patched: true });

  await client.deleteEntityType(id);
  await expectStatus(client.retrieveEntityType(id), 404);
  await expectStatus(client.deleteEntityType(id), 404);
});

test('entity types: validation errors and duplicates', async () => {
  assertFieldError(await expectStatus(client.createEntityType(null, { entityType: {} }), 400),
    'entityType.name', '[blank]entityType.name');
  const type = await newType();
  assertFieldError(await expectStatus(client.createEntityType(null, { entityType: { name: type.name.toUpperCase() } }), 400),
    'entityType.name', '[duplicate]entityType.name');
  assertFieldError(await expectStatus(client.createEntityType(type.id, { entityType: { name: 'other' } }), 400),
    'entityTypeId', '[duplicate]entityTypeId');
  const jwt = await expectStatus(client.createEntityType(null, {
    entityType: { name: `Jwt ${randomUUID()}`, jwtConfiguration: { enabled: true, accessTokenKeyId: randomUUID() } },
  }), 400);
  assertFieldError(jwt, 'entityType.jwtConfiguration.accessTokenKeyId', '[invalid]entityType.jwtConfiguration.accessTokenKeyId');
  assertFieldError(jwt, 'entityType.jwtConfiguration.timeToLiveInSeconds', '[missing]entityType.jwtConfiguration.timeToLiveInSeconds');
});

test('entity types: search by name with paging, POST and GET', async () => {
  const tag = randomUUID().slice(0, 8);
  for (const n of ['b', 'a', 'c']) await newType({ name: `search-${tag}-${n}` });
  const found = (await client.searchEntityTypes({ search: { name: `search-${tag}`, numberOfResults: 2 } })).response;
  assert.equal(found.total, 3);
  assert.deepEqual(found.entityTypes.map((t) => t.name), [`search-${tag}-a`, `search-${tag}-b`]);
  const desc = (await client.searchEntityTypesByParameters(`search-${tag}`, 1, 'name DESC', 0)).response;
  assert.equal(desc.total, 3);
  assert.deepEqual(desc.entityTypes.map((t) => t.name), [`search-${tag}-c`]);
  const all = (await client.searchEntityTypes({ search: { name: '*' } })).response;
  assert.ok(all.total >= 3);
});

test('entity type permissions: create with and without an id, update, patch, delete by id and by name', async () => {
  const type = await newType();
  const read = (await client.createEntityTypePermission(type.id, null, { permission: { name: 'read', isDefault: true } }))
    .response.permission;
  assert.match(read.id, UUID_PATTERN);
  assert.equal(read.isDefault, true);
  const writeId = randomUUID();
  const write = (await client.createEntityTypePermission(type.id, writeId, { permission: { name: 'write', description: 'Write' } }))
    .response.permission;
  assert.equal(write.id, writeId);
  assert.equal(write.isDefault, false);
  assertFieldError(await expectStatus(client.createEntityTypePermission(type.id, null, { permission: { name: 'READ' } }), 400),
    'permission.name', '[duplicate]permission.name');
  assertFieldError(await expectStatus(client.createEntityTypePermission(type.id, null, { permission: {} }), 400),
    'permission.name', '[blank]permission.name');
  await expectStatus(client.createEntityTypePermission(randomUUID(), null, { permission: { name: 'x' } }), 404);

  const updated = (await client.updateEntityTypePermission(type.id, writeId, { permission: { name: 'ignored', description: 'Changed' } }))
    .response.permission;
  assert.equal(updated.name, 'write', 'a permission name cannot change once created');
  assert.equal(updated.description, 'Changed');
  const patched = (await client.patchEntityTypePermission(type.id, writeId, { permission: { isDefault: true } })).response.permission;
  assert.equal(patched.isDefault, true);
  assert.equal(patched.description, 'Changed');
  let stored = (await client.retrieveEntityType(type.id)).response.entityType;
  assert.deepEqual(stored.permissions.map((p) => p.name).sort(), ['read', 'write']);

  await client.deleteEntityTypePermission(type.id, writeId);
  const byName = await api(server, 'DELETE', `/api/entity/type/${type.id}/permission?name=read`, { apiKey: DEFAULT_API_KEY });
  assert.equal(byName.status, 200);
  stored = (await client.retrieveEntityType(type.id)).response.entityType;
  assert.deepEqual(stored.permissions, []);
  await expectStatus(client.deleteEntityTypePermission(type.id, writeId), 404);
});

test('entities: create generates the id, clientId and a secret shown only once; CRUD and errors', async () => {
  const type = await newType();
  const entity = await newEntity(type.id, { data: { owner: 'ops' } });
  assert.match(entity.id, UUID_PATTERN);
  assert.equal(entity.clientId, entity.id);
  assert.equal(typeof entity.clientSecret, 'string');
  assert.ok(entity.clientSecret.length >= 43, 'a generated secret carries 256 bits');
  assert.equal(entity.type.id, type.id);
  assert.equal(entity.type.name, type.name);
  assert.equal(typeof entity.tenantId, 'string');

  const fetched = (await client.retrieveEntity(entity.id)).response.entity;
  assert.equal(fetched.clientSecret, undefined, 'the secret is stored hashed and never shown again');
  assert.deepEqual(fetched.data, { owner: 'ops' });

  const id = randomUUID();
  const given = (await client.createEntity(id, { entity: { name: 'Given', type: { id: type.id }, clientId: `client-${id}`, clientSecret: 'operator-secret' } }))
    .response.entity;
  assert.equal(given.id, id);
  assert.equal(given.clientId, `client-${id}`);
  assert.equal(given.clientSecret, 'operator-secret');

  const updated = (await client.updateEntity(id, { entity: { name: 'Given Two', type: { id: type.id } } })).response.entity;
  assert.equal(updated.name, 'Given Two');
  assert.equal(updated.clientId, `client-${id}`, 'a PUT without clientId keeps it');
  assert.equal(updated.clientSecret, undefined);
  const patched = (await client.patchEntity(id, { entity: { data: { patched: 1 } } })).response.entity;
  assert.equal(patched.name, 'Given Two');
  assert.deepEqual(patched.data, { patched: 1 });

  assertFieldError(await expectStatus(client.createEntity(null, { entity: { name: 'x' } }), 400), 'entity.type.id', '[blank]entity.type.id');
  assertFieldError(await expectStatus(client.createEntity(null, { entity: { name: 'x', type: { id: randomUUID() } } }), 400),
    'entity.type.id', '[invalid]entity.type.id');
  assertFieldError(await expectStatus(client.createEntity(null, { entity: { type: { id: type.id } } }), 400), 'entity.name', '[blank]entity.name');
  assertFieldError(await expectStatus(client.createEntity(null, { entity: { name: 'dup', type: { id: type.id }, clientId: `client-${id}` } }), 400),
    'entity.clientId', '[duplicate]entity.clientId');
  assertFieldError(await expectStatus(client.createEntity(id, { entity: { name: 'dup', type: { id: type.id } } }), 400),
    'entityId', '[duplicate]entityId');

  await client.deleteEntity(id);
  await expectStatus(client.retrieveEntity(id), 404);
  await expectStatus(client.deleteEntity(id), 404);
});

test('entities: search by queryString and by ids, with paging', async () => {
  const type = await newType();
  const tag = randomUUID().slice(0, 8);
  const made = [];
  for (const n of ['b', 'a', 'c']) made.push(await newEntity(type.id, { name: `find-${tag}-${n}` }));
  const found = (await client.searchEntities({ search: { queryString: `find-${tag}`, numberOfResults: 2 } })).response;
  assert.equal(found.total, 3);
  assert.deepEqual(found.entities.map((e) => e.name), [`find-${tag}-a`, `find-${tag}-b`]);
  assert.ok(found.entities.every((e) => e.clientSecret === undefined));
  const byIds = (await client.searchEntitiesByIds([made[0].id, made[2].id])).response;
  assert.equal(byIds.total, 2);
  assert.deepEqual(byIds.entities.map((e) => e.id).sort(), [made[0].id, made[2].id].sort());
});

test('tenant lock: a tenant-locked key sees and changes only its tenant\'s entities, never entity types', async () => {
  const type = await newType();
  const defaultEntity = await newEntity(type.id);
  const tenant = (await makeClient(server).createTenant(null, { tenant: { name: `M2M ${randomUUID()}` } })).response.tenant;
  // Without a tenant header, a global key creating an entity among two tenants must name one.
  assertGeneralError(await expectStatus(makeClient(server).createEntity(null, { entity: { name: 'x', type: { id: type.id } } }), 400),
    '[TenantIdRequired]');
  const lockedKey = `locked-${randomUUID()}`;
  await makeClient(server).createAPIKey(null, { apiKey: { key: lockedKey, tenantId: tenant.id } });
  const locked = makeClient(server, lockedKey);

  await expectStatus(locked.retrieveEntity(defaultEntity.id), 404);
  await expectStatus(locked.deleteEntity(defaultEntity.id), 404);
  await expectStatus(locked.upsertEntityGrant(defaultEntity.id, { grant: { recipientEntityId: defaultEntity.id } }), 404);
  const own = (await locked.createEntity(null, { entity: { name: 'Locked one', type: { id: type.id } } })).response.entity;
  assert.equal(own.tenantId, tenant.id);
  const search = (await locked.searchEntities({ search: { queryString: '*' } })).response;
  assert.deepEqual(search.entities.map((e) => e.id), [own.id]);
  const grants = (await locked.searchEntityGrants({ search: {} })).response;
  assert.ok(grants.grants.every((g) => g.entity.tenantId === tenant.id));

  await expectStatus(locked.retrieveEntityTypes(), 401);
  await expectStatus(locked.createEntityType(null, { entityType: { name: `Locked ${randomUUID()}` } }), 401);
  // A grant may not cross tenants either.
  assertFieldError(await expectStatus(makeClient(server).upsertEntityGrant(own.id, { grant: { recipientEntityId: defaultEntity.id } }), 400),
    'grant.recipientEntityId', '[invalid]grant.recipientEntityId');
});

test('entity grants: upsert for an entity and a user, retrieve, search, delete, errors', async () => {
  const type = await newType();
  await client.createEntityTypePermission(type.id, null, { permission: { name: 'read', isDefault: true } });
  await client.createEntityTypePermission(type.id, null, { permission: { name: 'write' } });
  const target = await newEntity(type.id);
  const recipient = await newEntity(type.id);
  const user = (await client.createUser(null, { user: { email: `m2m-${randomUUID()}@example.com`, password: 'password-123456' } })).response.user;

  await client.upsertEntityGrant(target.id, { grant: { recipientEntityId: recipient.id } });
  let grant = (await client.retrieveEntityGrant(target.id, recipient.id, null)).response.grant;
  assert.deepEqual(grant.permissions, ['read'], 'no permissions given: the type\'s default ones');
  assert.equal(grant.recipientEntityId, recipient.id);
  assert.equal(grant.entity.id, target.id);
  assert.equal(grant.entity.clientSecret, undefined);
  const firstId = grant.id;

  await client.upsertEntityGrant(target.id, { grant: { recipientEntityId: recipient.id, permissions: ['read', 'write'], data: { why: 'ops' } } });
  grant = (await client.retrieveEntityGrant(target.id, recipient.id, null)).response.grant;
  assert.equal(grant.id, firstId, 'an upsert updates the existing grant');
  assert.deepEqual(grant.permissions, ['read', 'write']);
  assert.deepEqual(grant.data, { why: 'ops' });

  await client.upsertEntityGrant(target.id, { grant: { userId: user.id, permissions: ['write'] } });
  const userGrant = (await client.retrieveEntityGrant(target.id, null, user.id)).response.grant;
  assert.equal(userGrant.userId, user.id);
  const all = (await client.retrieveEntityGrant(target.id, null, null)).response.grants;
  assert.equal(all.length, 2);

  const byUser = (await client.searchEntityGrants({ search: { userId: user.id } })).response;
  assert.equal(byUser.total, 1);
  assert.equal(byUser.grants[0].userId, user.id);
  const byEntity = (await client.searchEntityGrantsByParameters(target.id, null, null, 25, null, 0)).response;
  assert.equal(byEntity.total, 2);
  const byName = (await client.searchEntityGrants({ search: { name: target.name } })).response;
  assert.equal(byName.total, 2);

  assertFieldError(await expectStatus(client.upsertEntityGrant(target.id, { grant: { recipientEntityId: recipient.id, permissions: ['delete'] } }), 400),
    'grant.permissions', '[invalid]grant.permissions');
  assertFieldError(await expectStatus(client.upsertEntityGrant(target.id, { grant: {} }), 400),
    'grant.recipientEntityId', '[missing]grant.recipientEntityId');
  assertFieldError(await expectStatus(client.upsertEntityGrant(target.id, { grant: { userId: randomUUID() } }), 400),
    'grant.userId', '[invalid]grant.userId');
  await expectStatus(client.upsertEntityGrant(randomUUID(), { grant: { recipientEntityId: recipient.id } }), 404);

  await client.deleteEntityGrant(target.id, null, user.id);
  await expectStatus(client.retrieveEntityGrant(target.id, null, user.id), 404);
  await expectStatus(client.deleteEntityGrant(target.id, null, user.id), 404);
  // Deleting the recipient deletes the grants it holds.
  await client.deleteEntity(recipient.id);
  assert.equal((await client.retrieveEntityGrant(target.id, null, null)).response.grants.length, 0);
});

// A target API entity with read/write/delete, a client entity granted read and write on it,
// of an entity type that signs with its own RS256 key for 120 s.
async function m2mSetup() {
  const key = (await client.generateKey(null, { key: { algorithm: 'RS256', name: `m2m ${randomUUID()}` } })).response.key;
  const apiType = await newType();
  for (const name of ['read', 'write', 'delete']) {
    await client.createEntityTypePermission(apiType.id, null, { permission: { name } });
  }
  const clientType = await newType({ jwtConfiguration: { enabled: true, accessTokenKeyId: key.id, timeToLiveInSeconds: 120 } });
  const target = await newEntity(apiType.id);
  const other = await newEntity(apiType.id);
  const caller = await newEntity(clientType.id);
  await client.upsertEntityGrant(target.id, { grant: { recipientEntityId: caller.id, permissions: ['read', 'write'] } });
  await client.upsertEntityGrant(other.id, { grant: { recipientEntityId: caller.id, permissions: ['read'] } });
  return { key, target, other, caller };
}

test('client_credentials: a token for the granted permissions, verified with jose against the JWKS', async () => {
  const { key, target, other, caller } = await m2mSetup();
  const scope = `target-entity:${target.id}:read target-entity:${other.id}`;
  const { statusCode, response } = await client.clientCredentialsGrant(caller.clientId, caller.clientSecret, scope);
  assert.equal(statusCode, 200);
  assert.equal(response.token_type, 'Bearer');
  assert.equal(response.scope, scope);
  assert.equal(response.refresh_token, undefined, 'client_credentials issues no refresh token');
  assert.ok(response.expires_in > 100 && response.expires_in <= 120);

  const jwks = jose.createRemoteJWKSet(new URL('/.well-known/jwks.json', server.url), { cooldownDuration: 0 });
  const { payload, protectedHeader } = await jose.jwtVerify(response.access_token, jwks, { audience: target.id });
  assert.equal(protectedHeader.alg, 'RS256');
  assert.equal(protectedHeader.kid, key.kid, 'signed with the entity type\'s accessTokenKeyId');
  assert.deepEqual(payload.aud, [target.id, other.id]);
  assert.equal(payload.sub, caller.id);
  assert.equal(payload.tid, caller.tenantId);
  assert.equal(payload.iss, (await client.retrieveTenant(caller.tenantId)).response.tenant.issuer, 'iss: the tenant\'s issuer');
  assert.equal(payload.scope, scope);
  assert.equal(payload.exp - payload.iat, 120);
  assert.deepEqual(payload.permissions, { [target.id]: ['read'], [other.id]: ['read'] },
    'requested permissions only; none requested: every granted one');
  assert.match(payload.jti, UUID_PATTERN);

  // Both permissions granted and asked for; Basic client authentication works as the form does.
  const basic = Buffer.from(`${caller.clientId}:${caller.clientSecret}`).toString('base64');
  const viaBasic = await tokenRequest({ grant_type: 'client_credentials', scope: `target-entity:${target.id}:read,write` },
    { Authorization: `Basic ${basic}` });
  assert.equal(viaBasic.status, 200);
  assert.deepEqual(jose.decodeJwt(viaBasic.json.access_token).permissions, { [target.id]: ['read', 'write'] });
});

test('client_credentials: FusionAuth\'s error answers', async () => {
  const { target, caller } = await m2mSetup();
  const denied = await tokenRequest({ grant_type: 'client_credentials', client_id: caller.clientId, client_secret: caller.clientSecret,
    scope: `target-entity:${target.id}:read,delete` });
  assert.equal(denied.status, 400);
  assert.equal(denied.json.error, 'invalid_scope');
  assert.equal(denied.json.error_reason, 'invalid_entity_permission_scope');

  for (const scope of [`target-entity:${randomUUID()}`, 'target-entity:not-a-uuid:read', 'openid']) {
    const refused = await tokenRequest({ grant_type: 'client_credentials', client_id: caller.clientId, client_secret: caller.clientSecret, scope });
    assert.equal(refused.status, 400, scope);
    assert.equal(refused.json.error, 'invalid_scope');
    assert.equal(refused.json.error_reason, 'invalid_target_entity_scope');
  }
  // A target that exists but granted the caller nothing answers as an unknown one.
  const stranger = await newEntity((await newType()).id);
  const ungranted = await tokenRequest({ grant_type: 'client_credentials', client_id: stranger.clientId,
    client_secret: stranger.clientSecret, scope: `target-entity:${target.id}` });
  assert.equal(ungranted.json.error_reason, 'invalid_target_entity_scope');

  const scope = `target-entity:${target.id}`;
  const wrongSecret = await tokenRequest({ grant_type: 'client_credentials', client_id: caller.clientId, client_secret: 'wrong', scope });
  const unknownClient = await tokenRequest({ grant_type: 'client_credentials', client_id: randomUUID(), client_secret: 'wrong', scope });
  assert.equal(wrongSecret.status, 401);
  assert.equal(wrongSecret.json.error, 'invalid_client');
  assert.deepEqual(unknownClient, wrongSecret, 'an unknown client and a wrong secret answer the same');
  const noSecret = await tokenRequest({ grant_type: 'client_credentials', client_id: caller.clientId, scope });
  assert.equal(noSecret.status, 401);
  assert.equal(noSecret.json.error_reason, 'client_authentication_missing');
  const noClient = await tokenRequest({ grant_type: 'client_credentials', scope });
  assert.equal(noClient.status, 400);
  assert.equal(noClient.json.error_reason, 'missing_client_id');
});

test('client_credentials: introspection with the token alone, as introspectClientCredentialsAccessToken sends it', async () => {
  const { target, caller } = await m2mSetup();
  const token = (await client.clientCredentialsGrant(caller.clientId, caller.clientSecret, `target-entity:${target.id}:write`))
    .response.access_token;
  const { response } = await client.introspectClientCredentialsAccessToken(token);
  assert.equal(response.active, true);
  assert.equal(response.sub, caller.id);
  assert.deepEqual(response.aud, [target.id]);
  assert.deepEqual(response.permissions, { [target.id]: ['write'] });
  assert.equal(response.tid, caller.tenantId);
  const garbage = (await client.introspectClientCredentialsAccessToken(`${token.slice(0, -4)}AAAA`)).response;
  assert.deepEqual(garbage, { active: false });
  // A client_credentials token is not a user's: userinfo refuses it.
  const userinfo = await fetch(`${server.url}/oauth2/userinfo`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(userinfo.status, 401);
  // Deleting the entity type's entities ends the grant: a new token is refused.
  await client.deleteEntity(target.id);
  const gone = await tokenRequest({ grant_type: 'client_credentials', client_id: caller.clientId, client_secret: caller.clientSecret,
    scope: `target-entity:${target.id}` });
  assert.equal(gone.json.error_reason, 'invalid_target_entity_scope');
});
