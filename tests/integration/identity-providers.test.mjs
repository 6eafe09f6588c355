// The Identity Provider API for type ExternalJWT (spec/identity-providers-external-jwt.md)
// through FusionAuth's official client: create (with and without an id), retrieve one, all and
// by type, update, both PATCH styles, delete, validation errors, unknown fields round-tripping,
// the legacy `keys` map imported into Key Master, and keys in use refusing deletion.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { SignJWT, exportSPKI, generateKeyPair } from 'jose';

import { UUID_PATTERN, assertFieldError, expectStatus, makeClient } from './support/client.mjs';
import { api } from './support/http.mjs';
import { startServer } from './support/server.mjs';

let server;
let client;
let keyId;
let publicPem;

before(async () => {
  server = await startServer();
  client = makeClient(server);
  const { publicKey } = await generateKeyPair('ES256', { extractable: true });
  publicPem = await exportSPKI(publicKey);
  const imported = await client.importKey(null, { key: { name: 'Partner ES256', kid: 'partner-1', publicKey: publicPem } });
  keyId = imported.response.key.id;
});
after(async () => { await server?.dispose(); });

function provider(extra = {}) {
  return {
    type: 'ExternalJWT',
    name: `Partner ${randomUUID()}`,
    headerKeyParameter: 'kid',
    verificationKeyIds: [keyId],
    ...extra,
  };
}

test('identity providers: create with a generated id, defaults, unknown fields round-trip', async () => {
  const { statusCode, response } = await client.createIdentityProvider(null, {
    identityProvider: provider({ debug: true, lambdaConfiguration: { reconcileId: randomUUID() }, custom: { tier: 2 } }),
  });
  assert.equal(statusCode, 200);
  const idp = response.identityProvider;
  assert.match(idp.id, UUID_PATTERN);
  assert.equal(idp.type, 'ExternalJWT');
  assert.equal(idp.enabled, false);
  assert.equal(idp.debug, true);
  assert.equal(idp.linkingStrategy, 'LinkByEmail');
  assert.deepEqual(idp.oauth2, {
    emailClaim: 'email', emailVerifiedClaim: 'email_verified', uniqueIdClaim: 'sub', usernameClaim: 'preferred_username',
  });
  assert.equal(idp.defaultKeyId, keyId);
  assert.deepEqual(idp.verificationKeyIds, [keyId]);
  assert.deepEqual(idp.custom, { tier: 2 });
  assert.equal(typeof idp.lambdaConfiguration.reconcileId, 'string');
  assert.equal(typeof idp.insertInstant, 'number');
  const fetched = await client.retrieveIdentityProvider(idp.id);
  assert.deepEqual(fetched.response.identityProvider, idp);
});

test('identity providers: create with an id, list, list by type', async () => {
  const id = randomUUID();
  const { response } = await client.createIdentityProvider(id, { identityProvider: provider() });
  assert.equal(response.identityProvider.id, id);
  const all = await client.retrieveIdentityProviders();
  assert.ok(all.response.identityProviders.some((p) => p.id === id));
  const byType = await client.retrieveIdentityProviderByType('ExternalJWT');
  assert.ok(byType.response.identityProviders.some((p) => p.id === id));
  assert.ok(byType.response.identityProviders.every((p) => p.type === 'ExternalJWT'));
  const other = await api(server, 'GET', '/api/identity-provider?type=OpenIDConnect', { apiKey: client.apiKey });
  assert.deepEqual(other.json, { identityProviders: [] });
  await expectStatus(client.createIdentityProvider(id, { identityProvider: provider() }), 400);
});

test('identity providers: FusionAuth\'s validation errors', async () => {
  let errors = await expectStatus(client.createIdentityProvider(null, {
    identityProvider: provider({ name: '', headerKeyParameter: ' ' }),
  }), 400);
  assertFieldError(errors, 'identityProvider.name', '[blank]identityProvider.name');
  assertFieldError(errors, 'identityProvider.headerKeyParameter', '[blank]identityProvider.headerKeyParameter');
  errors = await expectStatus(client.createIdentityProvider(null, {
    identityProvider: provider({ claimMap: { given: 'FirstName' } }),
  }), 400);
  assertFieldError(errors, 'identityProvider.claimMap[given]', '[invalid]identityProvider.claimMap');
  errors = await expectStatus(client.createIdentityProvider(null, { identityProvider: provider({ enabled: 'yes' }) }), 400);
  assertFieldError(errors, 'identityProvider.enabled', '[invalidJSON]');
  errors = await expectStatus(client.createIdentityProvider(null, { identityProvider: provider({ verificationKeyIds: [] }) }), 400);
  assertFieldError(errors, 'identityProvider.verificationKeyIds', '[empty]identityProvider.verificationKeyIds');
  errors = await expectStatus(client.createIdentityProvider(null, { identityProvider: provider({ linkingStrategy: 'Magic' }) }), 400);
  assertFieldError(errors, 'identityProvider.linkingStrategy', '[invalid]identityProvider.linkingStrategy');
  const first = await client.createIdentityProvider(null, { identityProvider: provider() });
  errors = await expectStatus(client.createIdentityProvider(null, {
    identityProvider: provider({ name: first.response.identityProvider.name.toUpperCase() }),
  }), 400);
  assertFieldError(errors, 'identityProvider.name', '[duplicate]identityProvider.name');
  const missing = await api(server, 'POST', '/api/identity-provider', { apiKey: client.apiKey, rawBody: '{"identityProvider":' });
  assert.equal(missing.status, 400);
});

test('identity providers: PUT replaces, PATCH merges (both styles), type cannot change', async () => {
  const { response } = await client.createIdentityProvider(null, { identityProvider: provider({ domains: [] }) });
  const idp = response.identityProvider;
  const put = await client.updateIdentityProvider(idp.id, {
    identityProvider: { ...idp, enabled: true, claimMap: { dept: 'RegistrationData' } },
  });
  assert.equal(put.response.identityProvider.enabled, true);
  assert.equal(put.response.identityProvider.insertInstant, idp.insertInstant);
  const patched = await client.patchIdentityProvider(idp.id, {
    identityProvider: { claimMap: { given_name: 'firstName' }, domains: [`a-${randomUUID().slice(0, 6)}.example`] },
  });
  assert.deepEqual(patched.response.identityProvider.claimMap, { dept: 'RegistrationData', given_name: 'firstName' });
  const merge = await api(server, 'PATCH', `/api/identity-provider/${idp.id}`, {
    apiKey: client.apiKey,
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: { identityProvider: { claimMap: { dept: null } } },
  });
  assert.equal(merge.status, 200);
  assert.deepEqual(merge.json.identityProvider.claimMap, { given_name: 'firstName' });
  const errors = await expectStatus(client.patchIdentityProvider(idp.id, { identityProvider: { type: 'Google' } }), 400);
  assertFieldError(errors, 'identityProvider.type', '[invalid]identityProvider.type');
});

test('identity providers: the legacy keys map is imported into Key Master under its kid', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const pem = await exportSPKI(publicKey);
  const kid = `legacy-${randomUUID().slice(0, 8)}`;
  const { response } = await client.createIdentityProvider(null, {
    identityProvider: provider({ verificationKeyIds: undefined, keys: { [kid]: pem }, enabled: true }),
  });
  const idp = response.identityProvider;
  const keys = await client.retrieveKeys();
  const imported = keys.response.keys.find((k) => k.kid === kid);
  assert.ok(imported, 'a Key Master key carries the external kid');
  assert.equal(imported.hasPrivateKey, false);
  assert.ok(idp.verificationKeyIds.includes(imported.id));
  assert.deepEqual(idp.keys, { [kid]: pem });

  // ... and verifies tokens signed under that kid.
  const app = await client.createApplication(null, { application: { name: `Legacy ${randomUUID()}` } });
  const appId = app.response.application.id;
  await client.patchIdentityProvider(idp.id, { identityProvider: { applicationConfiguration: { [appId]: { enabled: true } } } });
  const token = await new SignJWT({ sub: randomUUID(), email: `l-${randomUUID().slice(0, 8)}@legacy.example` })
    .setProtectedHeader({ alg: 'RS256', kid }).setExpirationTime('5m').sign(privateKey);
  const reconciled = await client.reconcileJWT({ applicationId: appId, identityProviderId: idp.id, data: { token } });
  assert.equal(reconciled.statusCode, 200);
});

test('identity providers: delete; a key in use cannot be deleted until then', async () => {
  const { publicKey } = await generateKeyPair('ES256', { extractable: true });
  const key = await client.importKey(null, { key: { name: `Temp ${randomUUID()}`, publicKey: await exportSPKI(publicKey) } });
  const tempKeyId = key.response.key.id;
  const { response } = await client.createIdentityProvider(null, { identityProvider: provider({ verificationKeyIds: [tempKeyId] }) });
  const id = response.identityProvider.id;
  const errors = await expectStatus(client.deleteKey(tempKeyId), 400);
  assertFieldError(errors, 'keyId', '[inUse]keyId');
  const deleted = await client.deleteIdentityProvider(id);
  assert.equal(deleted.statusCode, 200);
  await expectStatus(client.retrieveIdentityProvider(id), 404);
  await expectStatus(client.deleteIdentityProvider(id), 404);
  await client.deleteKey(tempKeyId);
});

test('identity providers: an API key is required', async () => {
  const res = await api(server, 'GET', '/api/identity-provider');
  assert.equal(res.status, 401);
  assert.equal(res.text, '');
  const bad = await api(server, 'GET', `/api/identity-provider/${randomUUID()}`, { apiKey: 'not-a-key' });
  assert.equal(bad.status, 401);
});

test('identity providers: lookup by domain or email address', async () => {
  const domain = `lookup-${randomUUID().slice(0, 8)}.example`;
  const appId = randomUUID();
  await client.createApplication(appId, { application: { name: `Lookup ${appId}` } });
  const { response } = await client.createIdentityProvider(null, {
    identityProvider: provider({
      domains: [domain.toUpperCase()],
      oauth2: { authorization_endpoint: 'https://idp.example/authorize', token_endpoint: 'https://idp.example/token' },
      applicationConfiguration: { [appId]: { enabled: true } },
    }),
  });
  const idp = response.identityProvider;
  assert.deepEqual(idp.domains, [domain]);
  const found = await client.lookupIdentityProvider(domain);
  assert.equal(found.response.identityProvider.id, idp.id);
  assert.equal(found.response.identityProvider.type, 'ExternalJWT');
  assert.deepEqual(found.response.identityProvider.applicationIds, [appId]);
  assert.equal(found.response.identityProvider.oauth2.token_endpoint, 'https://idp.example/token');
  const byEmail = await client.lookupIdentityProvider(`someone@${domain}`);
  assert.equal(byEmail.response.identityProvider.id, idp.id);
  await expectStatus(client.lookupIdentityProvider('nobody.example'), 404);
});
