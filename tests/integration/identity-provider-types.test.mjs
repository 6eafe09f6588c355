// Identity providers of the types Latchkey stores but does not run (OpenID Connect, Google,
// SAML v2, ...) through FusionAuth's official client: created and retrieved with their
// polymorphic shapes, each type's required fields and codes, ?type= lookups, and an honest
// FusionAuth error (not a login, not a crash) from /api/identity-provider/login.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { exportSPKI, generateKeyPair } from 'jose';

import { UUID_PATTERN, assertFieldError, expectStatus, makeClient } from './support/client.mjs';
import { api } from './support/http.mjs';
import { DEFAULT_API_KEY, FUSIONAUTH_APPLICATION_ID } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

let server;
let client;

before(async () => {
  server = await startServer();
  client = makeClient(server);
});
after(async () => { await server?.dispose(); });

const oidc = (extra = {}) => ({
  type: 'OpenIDConnect',
  name: `Corp OIDC ${randomUUID()}`,
  buttonText: 'Login with Corp',
  oauth2: {
    client_id: 'corp-client',
    client_secret: 'corp-secret',
    authorization_endpoint: 'https://idp.corp.example/authorize',
    token_endpoint: 'https://idp.corp.example/token',
    userinfo_endpoint: 'https://idp.corp.example/userinfo',
    scope: 'openid email profile',
  },
  enabled: true,
  applicationConfiguration: { [FUSIONAUTH_APPLICATION_ID]: { enabled: true } },
  domains: ['corp.example'],
  ...extra,
});

test('identity provider types: an OpenIDConnect provider is created, retrieved and listed by type', async () => {
  const { statusCode, response } = await client.createIdentityProvider(null, { identityProvider: oidc() });
  assert.equal(statusCode, 200);
  const idp = response.identityProvider;
  assert.match(idp.id, UUID_PATTERN);
  assert.equal(idp.type, 'OpenIDConnect');
  assert.equal(idp.buttonText, 'Login with Corp');
  assert.equal(idp.oauth2.client_id, 'corp-client');
  assert.equal(idp.oauth2.authorization_endpoint, 'https://idp.corp.example/authorize');
  assert.equal(idp.oauth2.clientAuthenticationMethod, 'client_secret_basic');
  assert.equal(idp.oauth2.uniqueIdClaim, 'sub');
  assert.equal(idp.linkingStrategy, 'LinkByEmail');
  assert.equal(idp.verificationKeyIds, undefined, 'ExternalJWT members are not invented for other types');
  assert.equal(idp.applicationConfiguration[FUSIONAUTH_APPLICATION_ID].createRegistration, true);
  assert.deepEqual((await client.retrieveIdentityProvider(idp.id)).response.identityProvider, idp);
  const byType = await api(server, 'GET', '/api/identity-provider?type=OpenIDConnect', { apiKey: DEFAULT_API_KEY });
  assert.equal(byType.status, 200);
  assert.ok(byType.json.identityProviders.some((p) => p.id === idp.id));
  assert.ok(byType.json.identityProviders.every((p) => p.type === 'OpenIDConnect'));
  const external = await api(server, 'GET', '/api/identity-provider?type=ExternalJWT', { apiKey: DEFAULT_API_KEY });
  assert.ok(!external.json.identityProviders.some((p) => p.id === idp.id));

  const patched = (await client.patchIdentityProvider(idp.id, { identityProvider: { buttonText: 'Corp SSO' } })).response.identityProvider;
  assert.equal(patched.buttonText, 'Corp SSO');
  assert.equal(patched.oauth2.client_secret, 'corp-secret');
  const updated = (await client.updateIdentityProvider(idp.id, { identityProvider: oidc({ name: idp.name, oauth2: { client_id: 'c2', issuer: 'https://idp.corp.example', clientAuthenticationMethod: 'none' } }) })).response.identityProvider;
  assert.equal(updated.oauth2.client_id, 'c2');
  assert.equal((await client.deleteIdentityProvider(idp.id)).statusCode, 200);
  await expectStatus(client.retrieveIdentityProvider(idp.id), 404);
});

test('identity provider types: OpenIDConnect required fields have FusionAuth\'s codes', async () => {
  const errors = await expectStatus(client.createIdentityProvider(null, { identityProvider: { type: 'OpenIDConnect', oauth2: {} } }), 400);
  for (const field of ['name', 'buttonText', 'oauth2.client_id', 'oauth2.client_secret', 'oauth2.authorization_endpoint', 'oauth2.token_endpoint']) {
    assertFieldError(errors, `identityProvider.${field}`, `[blank]identityProvider.${field}`);
  }
  assertFieldError(await expectStatus(client.createIdentityProvider(null, { identityProvider: oidc({ type: 'OpenIdConnect' }) }), 400),
    'identityProvider.type', '[invalid]identityProvider.type');
});

test('identity provider types: a Google provider with a chosen id, named after its type', async () => {
  const id = randomUUID();
  const errors = await expectStatus(client.createIdentityProvider(id, { identityProvider: { type: 'Google', buttonText: 'Google' } }), 400);
  assertFieldError(errors, 'identityProvider.client_id', '[blank]identityProvider.client_id');
  assertFieldError(errors, 'identityProvider.client_secret', '[blank]identityProvider.client_secret');
  await expectStatus(client.retrieveIdentityProvider(id), 404);
  const made = (await client.createIdentityProvider(id, { identityProvider: {
    type: 'Google', buttonText: 'Login with Google', client_id: 'g.apps.example', client_secret: 'g-secret', scope: 'email profile',
    loginMethod: 'UseRedirect', properties: { button: 'theme=outline' },
  } })).response.identityProvider;
  assert.equal(made.id, id);
  assert.equal(made.type, 'Google');
  assert.equal(made.name, 'Google');
  assert.equal(made.client_id, 'g.apps.example');
  assert.deepEqual(made.properties, { button: 'theme=outline' });
  assert.deepEqual((await client.retrieveIdentityProvider(id)).response.identityProvider, made);
  const google = await api(server, 'GET', '/api/identity-provider?type=Google', { apiKey: DEFAULT_API_KEY });
  assert.deepEqual(google.json.identityProviders.map((p) => p.id), [id]);
  assertFieldError(await expectStatus(client.patchIdentityProvider(id, { identityProvider: { type: 'Facebook' } }), 400),
    'identityProvider.type', '[invalid]identityProvider.type');
});

test('identity provider types: a SAMLv2 provider needs its endpoint and a Key Master key', async () => {
  const errors = await expectStatus(client.createIdentityProvider(null, { identityProvider: { type: 'SAMLv2', name: 'Corp SAML' } }), 400);
  for (const field of ['buttonText', 'idpEndpoint', 'keyId']) {
    assertFieldError(errors, `identityProvider.${field}`, `[blank]identityProvider.${field}`);
  }
  const { publicKey } = await generateKeyPair('RS256', { extractable: true });
  const key = (await client.importKey(null, { key: { name: `SAML ${randomUUID()}`, publicKey: await exportSPKI(publicKey) } })).response.key;
  const saml = { type: 'SAMLv2', name: `Corp SAML ${randomUUID()}`, buttonText: 'Corp', idpEndpoint: 'https://idp.corp.example/saml' };
  assertFieldError(await expectStatus(client.createIdentityProvider(null, { identityProvider: { ...saml, keyId: randomUUID() } }), 400),
    'identityProvider.keyId', '[invalid]identityProvider.keyId');
  const made = (await client.createIdentityProvider(null, { identityProvider: { ...saml, keyId: key.id } })).response.identityProvider;
  assert.equal(made.type, 'SAMLv2');
  assert.equal(made.keyId, key.id);
  assert.equal(made.useNameIdForEmail, false);
});

test('identity provider types: logging in through a type Latchkey does not run is an honest 400', async () => {
  const idp = (await client.createIdentityProvider(null, { identityProvider: oidc({ domains: [] }) })).response.identityProvider;
  const res = await api(server, 'POST', '/api/identity-provider/login', {
    body: { applicationId: FUSIONAUTH_APPLICATION_ID, identityProviderId: idp.id, data: { code: 'abc', redirect_uri: 'https://app.example/cb' } },
  });
  assert.equal(res.status, 400);
  assertFieldError(res.json, 'identityProviderId', '[notSupported]identityProviderId');
  // The hosted login page offers no button for it.
  const page = await fetch(`${server.url}/oauth2/authorize?client_id=${FUSIONAUTH_APPLICATION_ID}&response_type=code&redirect_uri=${encodeURIComponent('http://localhost/cb')}`);
  const html = await page.text();
  assert.ok(!html.includes('Login with Corp'), 'the provider is not offered on the hosted page');
});
