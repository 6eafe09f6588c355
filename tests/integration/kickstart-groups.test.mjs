// Kickstart (spec/kickstart.md) with the Group API and an OpenIDConnect identity provider:
// FusionAuth set-ups create groups with application roles, add users to them and configure
// OpenID Connect providers at start-up; all of it is applied and the group's roles reach the
// kickstarted user's tokens.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';

import { decodeJwt } from 'jose';

import { makeClient } from './support/client.mjs';
import { baseKickstart } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

let server;
after(async () => { await server?.dispose(); });

test('kickstart: POST /api/group with roleIds, /api/group/member and an OpenIDConnect provider', async () => {
  const ids = { app: randomUUID(), admin: randomUUID(), user: randomUUID(), group: randomUUID(), person: randomUUID(), idp: randomUUID() };
  server = await startServer({
    kickstart: baseKickstart({
      variables: { appId: ids.app, adminRole: ids.admin, groupId: ids.group },
      requests: [
        { method: 'POST', url: '/api/application/#{appId}', body: { application: {
          name: 'Kickstarted groups app',
          roles: [{ id: ids.user, name: 'user', isDefault: true }, { id: '#{adminRole}', name: 'admin' }],
        } } },
        { method: 'POST', url: 'api/group/#{groupId}', body: { group: { name: 'Administrators', tenantId: '#{FUSIONAUTH_TENANT_ID}' }, roleIds: ['#{adminRole}'] } },
        { method: 'POST', url: `/api/user/registration/${ids.person}`, body: {
          user: { email: 'grace@kickstart.example.com', password: 'kickstart-password-1' },
          registration: { applicationId: '#{appId}' },
        } },
        { method: 'POST', url: '/api/group/member', body: { members: { '#{groupId}': [{ userId: ids.person }] } } },
        { method: 'POST', url: `/api/identity-provider/${ids.idp}`, body: { identityProvider: {
          type: 'OpenIDConnect', name: 'Kickstart OIDC', buttonText: 'Login with OIDC', enabled: true,
          oauth2: { client_id: 'ks-client', client_secret: 'ks-secret', issuer: 'https://oidc.kickstart.example' },
          applicationConfiguration: { '#{appId}': { enabled: true, createRegistration: true } },
        } } },
      ],
    }),
  });
  const client = makeClient(server);
  const group = (await client.retrieveGroup(ids.group)).response.group;
  assert.equal(group.name, 'Administrators');
  assert.deepEqual(group.roles[ids.app].map((role) => role.name), ['admin']);
  const members = (await client.searchGroupMembers({ search: { groupId: ids.group } })).response.members;
  assert.deepEqual(members.map((m) => m.userId), [ids.person]);
  const idp = (await client.retrieveIdentityProvider(ids.idp)).response.identityProvider;
  assert.equal(idp.type, 'OpenIDConnect');
  assert.equal(idp.oauth2.issuer, 'https://oidc.kickstart.example');

  const login = (await client.login({ loginId: 'grace@kickstart.example.com', password: 'kickstart-password-1', applicationId: ids.app })).response;
  assert.deepEqual(decodeJwt(login.token).roles, ['user', 'admin']);
});
