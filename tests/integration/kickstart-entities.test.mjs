// Kickstart with FusionAuth's Entity Management requests: an entity type with permissions, two
// entities with known client credentials and a grant, then the client_credentials grant works.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { makeClient } from './support/client.mjs';
import { baseKickstart } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const typeId = randomUUID();
const apiId = randomUUID();
const clientId = randomUUID();
const secret = `kickstart-secret-${randomUUID()}`;
let server;

before(async () => {
  server = await startServer({
    kickstart: baseKickstart({
      variables: { typeId, apiId, clientId, secret },
      requests: [
        { method: 'POST', url: '/api/entity/type/#{typeId}', body: { entityType: { name: 'Kickstarted API' } } },
        { method: 'POST', url: '/api/entity/type/#{typeId}/permission', body: { permission: { name: 'read', isDefault: true } } },
        { method: 'POST', url: 'api/entity/#{apiId}', body: { entity: { name: 'API', type: { id: '#{typeId}' } } } },
        { method: 'POST', url: '/api/entity/#{clientId}', body: { entity: { name: 'Client', type: { id: '#{typeId}' }, clientSecret: '#{secret}' } } },
        { method: 'POST', url: '/api/entity/#{apiId}/grant', body: { grant: { recipientEntityId: '#{clientId}' } } },
      ],
    }),
  });
});
after(async () => { await server?.dispose(); });

test('kickstart: entity types, permissions, entities and grants are created, and client_credentials works', async () => {
  const client = makeClient(server);
  const type = (await client.retrieveEntityType(typeId)).response.entityType;
  assert.deepEqual(type.permissions.map((p) => p.name), ['read']);
  const entity = (await client.retrieveEntity(clientId)).response.entity;
  assert.equal(entity.clientId, clientId);
  assert.equal(entity.clientSecret, undefined);
  const { response } = await client.clientCredentialsGrant(clientId, secret, `target-entity:${apiId}`);
  const claims = JSON.parse(Buffer.from(response.access_token.split('.')[1], 'base64url'));
  assert.deepEqual(claims.permissions, { [apiId]: ['read'] });
  assert.deepEqual(claims.aud, [apiId]);
});
