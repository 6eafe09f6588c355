// Constructs found in FusionAuth's own example and quickstart kickstart files that Latchkey
// refused before (the survey of issue 12), each written fresh here:
//   - POST /api/application/{id}/scope (with and without a scope id): the OAuth Scope API
//     (FusionAuth 1.50+), used by set-ups that define custom scopes for third-party apps;
//   - POST /api/reactor {"licenseId": ...}: licence activation before the licensed settings.
// A custom scope is a known scope in OAuth requests to its application (unknownScopePolicy
// Reject still refuses others), and the Application API neither writes nor loses scopes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { decodeJwt } from 'jose';

import {
  UUID_PATTERN, assertFieldError, expectStatus, makeClient, uniqueEmail,
} from './support/client.mjs';
import { baseKickstart } from './support/kickstart.mjs';
import { makeTempDir, runUntilExit, startServer } from './support/server.mjs';

const PASSWORD = 'real-constructs-password-1';
const BANK = randomUUID();
const SIGNING_KEY = randomUUID();
const READ_SCOPE_ID = randomUUID();
const EMAIL = uniqueEmail('real-constructs');

async function passwordGrant(server, app, scope) {
  const response = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${app.id}:${app.oauthConfiguration.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'password', username: EMAIL, password: PASSWORD, scope }),
  });
  return { status: response.status, json: await response.json() };
}

describe('a kickstart in the shape of FusionAuth\'s third-party-app examples', () => {
  let server;
  let client;
  before(async () => {
    server = await startServer({
      kickstart: baseKickstart({
        variables: { bank: BANK, signingKey: SIGNING_KEY, readScope: READ_SCOPE_ID, licenseId: 'PLACEHOLDER-LICENSE' },
        requests: [
          // Licence first, as the examples do; Latchkey accepts it and stores nothing.
          { method: 'POST', url: '/api/reactor', body: { licenseId: '#{licenseId}' } },
          { method: 'POST', url: '/api/key/generate/#{signingKey}', body: { key: { algorithm: 'RS256', name: 'bank key', length: 2048 } } },
          { method: 'POST', url: '/api/application/#{bank}', body: { application: {
            name: 'Ledger Bank',
            jwtConfiguration: { enabled: true, accessTokenKeyId: '#{signingKey}', idTokenKeyId: '#{signingKey}' },
            oauthConfiguration: {
              enabledGrants: ['password', 'refresh_token'],
              authorizedRedirectURLs: ['https://ledger.example/callback'],
              relationship: 'ThirdParty', consentMode: 'AlwaysPrompt',
              providedScopePolicy: { email: { required: true }, profile: { required: false } },
              unknownScopePolicy: 'Reject',
            },
          } } },
          // Without a scope id, then with one; the url without its leading slash.
          { method: 'POST', url: '/api/application/#{bank}/scope', body: { scope: {
            name: 'ledger.write', description: 'Move money', required: true,
            defaultConsentMessage: 'Move money for you', defaultConsentDetail: 'Transfers between your accounts',
          } } },
          { method: 'POST', url: 'api/application/#{bank}/scope/#{readScope}', body: { scope: {
            name: 'ledger.read', defaultConsentMessage: 'See your balance', data: { audience: 'budget apps' },
          } } },
          { method: 'POST', url: '/api/user/registration', body: {
            user: { email: EMAIL, password: PASSWORD, fullName: 'Lena Ledger' },
            registration: { applicationId: '#{bank}' },
          } },
        ],
      }),
    });
    client = makeClient(server);
  });
  after(async () => { await server?.dispose(); });

  test('the scopes are on the application and each is retrievable through the client', async () => {
    const { application } = (await client.retrieveApplication(BANK)).response;
    assert.deepEqual(application.scopes.map((s) => s.name).sort(), ['ledger.read', 'ledger.write']);
    const read = (await client.retrieveOAuthScope(BANK, READ_SCOPE_ID)).response.scope;
    assert.equal(read.id, READ_SCOPE_ID, 'the id from the url');
    assert.equal(read.applicationId, BANK);
    assert.equal(read.required, false, 'required defaults to false');
    assert.deepEqual(read.data, { audience: 'budget apps' });
    assert.equal(read.defaultConsentMessage, 'See your balance');
    assert.equal(typeof read.insertInstant, 'number');
    const write = application.scopes.find((s) => s.name === 'ledger.write');
    assert.match(write.id, UUID_PATTERN, 'a generated id');
    assert.equal(write.required, true);
    assert.equal(write.defaultConsentDetail, 'Transfers between your accounts');
  });

  test('a custom scope is a known scope at the token endpoint; an undefined one is still refused', async () => {
    const { application } = (await client.retrieveApplication(BANK)).response;
    const granted = await passwordGrant(server, application, 'openid ledger.read');
    assert.equal(granted.status, 200, JSON.stringify(granted.json));
    assert.deepEqual(granted.json.scope.split(' ').sort(), ['ledger.read', 'openid']);
    assert.deepEqual(decodeJwt(granted.json.access_token).scope.split(' ').sort(), ['ledger.read', 'openid']);
    const refused = await passwordGrant(server, application, 'openid ledger.delete');
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error, 'invalid_scope');
  });
});

describe('the OAuth Scope API through the official client', () => {
  let server;
  let client;
  let app;
  before(async () => {
    server = await startServer();
    client = makeClient(server);
    app = (await client.createApplication(null, { application: { name: `scopes-${randomUUID()}` } })).response.application;
  });
  after(async () => { await server?.dispose(); });

  test('create, update (the name stays), patch, delete', async () => {
    const id = randomUUID();
    const created = (await client.createOAuthScope(app.id, id, { scope: { name: 'files.read', description: 'first' } })).response.scope;
    assert.equal(created.id, id);
    assert.equal(created.name, 'files.read');
    const updated = (await client.updateOAuthScope(app.id, id, { scope: { name: 'files.renamed', defaultConsentMessage: 'Read your files' } })).response.scope;
    assert.equal(updated.name, 'files.read', 'an update does not rename');
    assert.equal(updated.defaultConsentMessage, 'Read your files');
    assert.equal(updated.description, undefined, 'PUT replaces the other fields');
    const patched = (await client.patchOAuthScope(app.id, id, { scope: { required: true } })).response.scope;
    assert.equal(patched.required, true);
    assert.equal(patched.defaultConsentMessage, 'Read your files', 'PATCH keeps the rest');
    assert.equal(patched.insertInstant, created.insertInstant);
    // The Application API leaves the scopes alone.
    await client.updateApplication(app.id, { application: { name: app.name, scopes: [] } });
    assert.deepEqual((await client.retrieveApplication(app.id)).response.application.scopes.map((s) => s.id), [id]);
    await client.deleteOAuthScope(app.id, id);
    await expectStatus(client.retrieveOAuthScope(app.id, id), 404);
    await expectStatus(client.deleteOAuthScope(app.id, id), 404);
    assert.deepEqual((await client.retrieveApplication(app.id)).response.application.scopes, []);
  });

  test('the name is required and unique within the application', async () => {
    assertFieldError(await expectStatus(client.createOAuthScope(app.id, null, { scope: { description: 'nameless' } }), 400),
      'scope.name', '[blank]scope.name');
    await client.createOAuthScope(app.id, null, { scope: { name: 'photos.read' } });
    assertFieldError(await expectStatus(client.createOAuthScope(app.id, null, { scope: { name: 'photos.read' } }), 400),
      'scope.name', '[duplicate]scope.name');
    await expectStatus(client.createOAuthScope(randomUUID(), null, { scope: { name: 'x' } }), 404);
  });

  test('reactor: activation needs a licenseId, takes any, and deactivation answers 200', async () => {
    assertFieldError(await expectStatus(client.activateReactor({}), 400), 'licenseId', '[blank]licenseId');
    await expectStatus(client.activateReactor({ licenseId: 'any-license-id' }), 200);
    await expectStatus(client.deactivateReactor(), 200);
  });
});

test('a kickstart whose scope request is refused stops start-up naming it', async () => {
  const dataDir = await makeTempDir('latchkey-real-constructs-');
  try {
    const app = randomUUID();
    const result = await runUntilExit({
      dataDir,
      kickstart: baseKickstart({ requests: [
        { method: 'POST', url: `/api/application/${app}`, body: { application: { name: 'Twice' } } },
        { method: 'POST', url: `/api/application/${app}/scope`, body: { scope: { name: 'same' } } },
        { method: 'POST', url: `/api/application/${app}/scope`, body: { scope: { name: 'same' } } },
      ] }),
    });
    assert.equal(result.listened, false);
    assert.notEqual(result.code, 0);
    assert.match(result.output, /requests\[2\] POST \/api\/application\/[0-9a-f-]+\/scope failed with HTTP 400/);
    assert.match(result.output, /\[duplicate\]scope\.name/);
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});
