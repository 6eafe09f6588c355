// The extra members of FusionAuth's OAuthError (FusionAuthClient.ts `OAuthError`): a password
// grant that needs a second factor answers two_factor_required with two_factor_id and
// two_factor_methods; one that needs a password change answers change_password_required with
// change_password_id. Driven through FusionAuth's official client.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { expectStatus, makeClient, uniqueEmail } from './support/client.mjs';
import { totp } from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'correct horse battery staple';

let server;
let client;
let app;

before(async () => {
  server = await startServer();
  client = makeClient(server);
  const { response } = await client.createApplication(null, {
    application: {
      name: `errors-${randomUUID()}`,
      oauthConfiguration: { enabledGrants: ['password'], clientAuthenticationPolicy: 'Required' },
    },
  });
  app = response.application;
});
after(async () => { await server?.dispose(); });

async function register(user) {
  const email = uniqueEmail('oauth-errors');
  await client.register(null, { user: { email, password: PASSWORD, ...user }, registration: { applicationId: app.id } });
  return email;
}

const grant = (email) => client.exchangeUserCredentialsForAccessToken(
  email, PASSWORD, app.id, app.oauthConfiguration.clientSecret, 'openid');

test('oauth errors: two_factor_required carries two_factor_id and two_factor_methods; the id completes the login', async () => {
  const secret = randomBytes(20).toString('base64');
  const email = await register({
    twoFactor: { methods: [{ method: 'authenticator', secret,
      authenticator: { algorithm: 'HmacSHA1', codeLength: 6, timeStep: 30 } }] },
  });
  const error = await expectStatus(grant(email), 400);
  assert.equal(error.error, 'two_factor_required');
  assert.equal(error.error_reason, 'multi_factor_challenge_required');
  assert.equal(typeof error.error_description, 'string');
  assert.equal(typeof error.two_factor_id, 'string');
  assert.ok(error.two_factor_id.length >= 32);
  assert.equal(error.two_factor_methods.length, 1);
  assert.equal(error.two_factor_methods[0].method, 'authenticator');
  assert.equal(error.two_factor_methods[0].secret, undefined, 'the secret never leaves');
  assert.equal(error.change_password_id, undefined);

  // The id is the Two Factor Login API's: it completes the login with a token, although the
  // grant itself asked the login for none.
  const { statusCode, response } = await client.twoFactorLogin({
    twoFactorId: error.two_factor_id, code: totp(secret), applicationId: app.id });
  assert.equal(statusCode, 200);
  assert.equal(response.user.email, email);
  assert.equal(typeof response.token, 'string');
  const { response: validated } = await client.validateJWT(response.token);
  assert.equal(validated.jwt.sub, response.user.id);
});

test('oauth errors: change_password_required carries change_password_id', async () => {
  const email = await register({ passwordChangeRequired: true });
  const error = await expectStatus(grant(email), 400);
  assert.equal(error.error, 'change_password_required');
  assert.equal(error.error_reason, 'change_password_administrative');
  assert.equal(typeof error.change_password_id, 'string');
  assert.ok(error.change_password_id.length >= 32);
  assert.equal(error.two_factor_id, undefined);
});

test('oauth errors: other failures carry none of the extra members', async () => {
  const email = await register({});
  const response = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: app.id,
      client_secret: app.oauthConfiguration.clientSecret, username: email, password: 'wrong' }),
  });
  assert.equal(response.status, 400);
  const body = await response.json();
  assert.deepEqual(Object.keys(body).sort(), ['error', 'error_description', 'error_reason']);
});
