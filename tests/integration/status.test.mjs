// GET /api/status: the health check FusionAuth's docker-compose uses (spec/kickstart.md).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { makeClient } from './support/client.mjs';
import { api, rawExchange, statusCodes } from './support/http.mjs';
import { startServer } from './support/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.dispose(); });

test('GET /api/status answers 200 with a JSON object, without an API key', async () => {
  const response = await api(server, 'GET', '/api/status');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  assert.equal(typeof response.json, 'object');
  assert.ok(response.json !== null && !Array.isArray(response.json));
});

test('the official client reads the status anonymously (retrieveSystemStatus)', async () => {
  const response = await makeClient(server).retrieveSystemStatus();
  assert.equal(response.statusCode, 200);
  assert.equal(typeof response.response, 'object');
});

test('a keep-alive connection serves pipelined requests in order', async () => {
  const request = `GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
  const { text } = await rawExchange(server.port, request + request + request,
    { until: (received) => statusCodes(received).length >= 3 });
  assert.deepEqual(statusCodes(text), [200, 200, 200]);
});

test('a request for an unknown path is 404 and the server keeps serving', async () => {
  assert.equal((await api(server, 'GET', '/no/such/path')).status, 404);
  assert.equal((await api(server, 'GET', '/api/status')).status, 200);
});
