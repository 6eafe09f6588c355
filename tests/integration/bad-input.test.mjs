// Bad input (spec/conventions.md §5, §7): each is answered with a precise 4xx — FusionAuth's
// Errors object where FusionAuth sends one — writes nothing, and leaves the server serving.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';

import {
  assertErrorsObject, assertFieldError, assertGeneralError, expectStatus, makeClient, uniqueEmail,
} from './support/client.mjs';
import { api, rawExchange, statusCodes } from './support/http.mjs';
import { DEFAULT_API_KEY } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'bad-input-password-1';
const MiB = 1024 * 1024;

let server;
let client;
before(async () => {
  server = await startServer();
  client = makeClient(server);
});
after(async () => { await server?.dispose(); });

// None of these may crash or wedge the server.
afterEach(async () => {
  const status = await api(server, 'GET', '/api/status');
  assert.equal(status.status, 200, 'GET /api/status still answers 200');
});

async function assertNoUser(email) {
  await expectStatus(client.retrieveUserByEmail(email), 404);
}

// Prime MVC (FusionAuth's framework) reports an unparseable body as a general message with
// code [invalidJSON] (prime-mvc JacksonContentHandlerTest.handleBadJSON); a value of the
// wrong type as fieldErrors[<path>] [invalidJSON].
test('a malformed JSON body is 400 with generalErrors [invalidJSON] and writes nothing', async () => {
  const email = uniqueEmail('malformed');
  const response = await api(server, 'POST', '/api/user', {
    apiKey: DEFAULT_API_KEY, rawBody: `{"user": {"email": "${email}", "password": "${PASSWORD}"`,
  });
  assert.equal(response.status, 400);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  assertGeneralError(response.json, '[invalidJSON]');
  await assertNoUser(email);
});

test('a body that is JSON but not an object is 400 with an Errors object', async () => {
  for (const rawBody of ['[1, 2, 3]', '"a string"', '42', 'null']) {
    const response = await api(server, 'POST', '/api/user', { apiKey: DEFAULT_API_KEY, rawBody });
    assert.equal(response.status, 400, `body ${rawBody}`);
    assertErrorsObject(response.json);
  }
});

test('a field of the wrong type is 400 with an Errors object, not a 500', async () => {
  const email = uniqueEmail('wrong-type');
  for (const user of [
    { email, password: PASSWORD, active: 'yes please' },
    { email, password: PASSWORD, data: 'not an object' },
    { email: { nested: true }, password: PASSWORD },
  ]) {
    const response = await api(server, 'POST', '/api/user', { apiKey: DEFAULT_API_KEY, body: { user } });
    assert.equal(response.status, 400, JSON.stringify(user));
    assertErrorsObject(response.json);
  }
  await assertNoUser(email);
});

test('an empty body on a create is 400 with an Errors object', async () => {
  const response = await api(server, 'POST', '/api/user', { apiKey: DEFAULT_API_KEY, rawBody: '' });
  assert.equal(response.status, 400);
  assertErrorsObject(response.json);
});

// Codes as FusionAuth answers them (recorded responses in the Elixir FusionAuth client's tests:
// "You must specify either the [user.email] or [user.username] property").
test('a user without email or username is 400 fieldErrors [blank]user.email', async () => {
  const errors = await expectStatus(client.createUser(null, { user: { password: PASSWORD, firstName: 'Nameless' } }), 400);
  assertFieldError(errors, 'user.email', '[blank]user.email');
});

test('a user without a password is 400 fieldErrors [blank]user.password and writes nothing', async () => {
  const email = uniqueEmail('no-password');
  const errors = await expectStatus(client.createUser(null, { user: { email } }), 400);
  assertFieldError(errors, 'user.password', '[blank]user.password');
  await assertNoUser(email);
});

test('a request without the user object is 400 with an Errors object', async () => {
  const response = await api(server, 'POST', '/api/user', { apiKey: DEFAULT_API_KEY, body: {} });
  assert.equal(response.status, 400);
  assertErrorsObject(response.json);
});

test('an application without a name is 400 fieldErrors [blank]application.name and writes nothing', async () => {
  const id = randomUUID();
  const errors = await expectStatus(client.createApplication(id, { application: { roles: [{ name: 'x' }] } }), 400);
  assertFieldError(errors, 'application.name', '[blank]application.name');
  await expectStatus(client.retrieveApplication(id), 404);
});

test('a tenant without a name is 400 with a fieldError on tenant.name', async () => {
  const id = randomUUID();
  const errors = await expectStatus(client.createTenant(id, { tenant: { issuer: 'nameless.example.com' } }), 400);
  assertErrorsObject(errors);
  assert.ok(errors.fieldErrors?.['tenant.name']?.length > 0, JSON.stringify(errors));
  await expectStatus(client.retrieveTenant(id), 404);
});

// [notEmail] and [tooShort] as mapped by FusionAuth client code in the wild (error-code tables
// of apps built on FusionAuth; FusionAuth's default minimum password length is 8).
test('an invalid email address is 400 fieldErrors [notEmail]user.email and writes nothing', async () => {
  const errors = await expectStatus(client.createUser(null, { user: { email: 'not-an-email', password: PASSWORD } }), 400);
  assertFieldError(errors, 'user.email', '[notEmail]user.email');
  await assertNoUser('not-an-email');
});

test('a password shorter than the tenant minimum (8) is 400 fieldErrors [tooShort]user.password', async () => {
  const email = uniqueEmail('short-password');
  const errors = await expectStatus(client.createUser(null, { user: { email, password: 'short' } }), 400);
  assertFieldError(errors, 'user.password', '[tooShort]user.password');
  await assertNoUser(email);
});

// fusionauth-typescript-client issue #10 records FusionAuth's answer to a non-UUID path
// segment: 400 {"fieldErrors":{"userId":[{"code":"[couldNotConvert]userId", ...}]}}.
test('a path id that is not a UUID is 400 fieldErrors [couldNotConvert]<name>', async () => {
  assertFieldError(await expectStatus(client.retrieveUser('not-a-uuid'), 400), 'userId', '[couldNotConvert]userId');
  assertFieldError(await expectStatus(client.retrieveApplication('12345'), 400),
    'applicationId', '[couldNotConvert]applicationId');
  assertFieldError(await expectStatus(client.retrieveTenant('zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'), 400),
    'tenantId', '[couldNotConvert]tenantId');
  const email = uniqueEmail('bad-path');
  assertFieldError(await expectStatus(client.createUser('user', { user: { email, password: PASSWORD } }), 400),
    'userId', '[couldNotConvert]userId');
  await assertNoUser(email);
});

test('a 2 MiB body is 413 and writes nothing', async () => {
  const email = uniqueEmail('huge');
  const body = Buffer.from(JSON.stringify({
    user: { email, password: PASSWORD, data: { blob: 'x'.repeat(2 * MiB) } },
  }));
  const head = `POST /api/user HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${DEFAULT_API_KEY}\r\n`
    + `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
  const { text } = await rawExchange(server.port, [head, body],
    { until: (received) => statusCodes(received).length > 0 && received.includes('\r\n\r\n'), timeoutMs: 10_000 });
  assert.deepEqual(statusCodes(text).slice(0, 1), [413], `answer: ${text.slice(0, 200)}`);
  await assertNoUser(email);
});

test('a chunked body over the limit is 413 too', async () => {
  const email = uniqueEmail('huge-chunked');
  const json = JSON.stringify({ user: { email, password: PASSWORD, data: { blob: 'y'.repeat(2 * MiB) } } });
  const chunks = [`POST /api/user HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${DEFAULT_API_KEY}\r\n`
    + 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'];
  for (let offset = 0; offset < json.length; offset += 64 * 1024) {
    const piece = json.slice(offset, offset + 64 * 1024);
    chunks.push(`${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`);
  }
  chunks.push('0\r\n\r\n');
  const { text } = await rawExchange(server.port, chunks,
    { until: (received) => statusCodes(received).length > 0, timeoutMs: 10_000 });
  assert.deepEqual(statusCodes(text).slice(0, 1), [413], `answer: ${text.slice(0, 200)}`);
  await assertNoUser(email);
});

test('a body just under the limit is accepted', async () => {
  const email = uniqueEmail('big-but-fine');
  const { statusCode } = await client.createUser(null, {
    user: { email, password: PASSWORD, data: { blob: 'z'.repeat(MiB - 4096) } },
  });
  assert.equal(statusCode, 200);
});

test('an unknown route is 404', async () => {
  for (const path of ['/api/no-such-thing', '/api/user/registration/x/y/z/w', '/nothing-here']) {
    const response = await api(server, 'GET', path, { apiKey: DEFAULT_API_KEY });
    assert.equal(response.status, 404, path);
  }
});

test('a missing API key is 401 with an empty body, and nothing is written', async () => {
  const email = uniqueEmail('no-key');
  const response = await api(server, 'POST', '/api/user', { body: { user: { email, password: PASSWORD } } });
  assert.equal(response.status, 401);
  assert.equal(response.text, '');
  await assertNoUser(email);
});

test('a wrong API key is 401 with an empty body, and nothing is written', async () => {
  const email = uniqueEmail('wrong-key');
  const response = await api(server, 'POST', '/api/user', {
    apiKey: 'definitely-not-the-key', body: { user: { email, password: PASSWORD } },
  });
  assert.equal(response.status, 401);
  assert.equal(response.text, '');
  await assertNoUser(email);
  const rejected = await makeClient(server, 'definitely-not-the-key').retrieveTenants().catch((error) => error);
  assert.equal(rejected.statusCode, 401);
  assert.equal(rejected.exception, undefined, 'no JSON body on 401');
});

test('a garbage request line gets a 4xx or a closed connection, never a crash', async () => {
  for (const garbage of ['NOT HTTP AT ALL\r\n\r\n', 'GET /api/status HTTP/9.9\r\n\r\n',
    `GET /${'a'.repeat(64 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`, '\x00\x01\x02\x03\r\n\r\n',
    'POST /api/user HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
    'POST /api/user HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n']) {
    const { text } = await rawExchange(server.port, garbage, { timeoutMs: 5_000,
      until: (received) => statusCodes(received).length > 0 });
    const codes = statusCodes(text);
    if (codes.length > 0) {
      assert.ok(codes[0] >= 400 && codes[0] < 500, `answer ${codes[0]} to ${JSON.stringify(garbage.slice(0, 40))}`);
    }
    const status = await api(server, 'GET', '/api/status');
    assert.equal(status.status, 200);
  }
});

test('a client that sends half a request and goes away does not hurt the server', async () => {
  const partial = `POST /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: ${DEFAULT_API_KEY}\r\n`
    + 'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"user":';
  await rawExchange(server.port, partial, { timeoutMs: 200 });
  const response = await api(server, 'GET', '/api/status');
  assert.equal(response.status, 200);
});
