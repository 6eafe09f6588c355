// One rule, one place (issue 10 item 14): a user in each login-preventing state gets the same
// answer, in each front door's dialect, from every front door (services/common/login_prevention.hpp):
//
//   state        /api/login  /api/two-factor/login  password grant            hosted form        code exchange        /api/jwt/refresh  refresh grant
//   healthy      200         200                    200                       302 ?code          200                  200               200
//   locked       409         409                    400 user_locked           200 "locked"       400 user_locked      400               400 refresh_token_not_found
//   inactive     404         404                    400 invalid_user_creds    200 "Invalid"      400 user_not_found   400               400 refresh_token_not_found
//   expired      410         410                    400 user_expired          200 "expired"      400 user_expired     400               400 refresh_token_not_found
//   pw change    203         203                    400 change_password_req.  302 /password/…    200                  200               200
//
// Each state is reached through the API (failed logins, DELETE, PATCH) after the user has
// obtained what the later doors need: refresh tokens, an authorization code, a twoFactorId.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { makeClient, uniqueEmail } from './support/client.mjs';
import { form, hostedLogin } from './support/hosted.mjs';
import { api } from './support/http.mjs';
import { DEFAULT_API_KEY } from './support/kickstart.mjs';
import { totp } from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'prevention-password-55';
const REDIRECT = 'https://app.example/callback';

let server;
let client;
let app;
let tenantId;

before(async () => {
  server = await startServer();
  client = makeClient(server);
  const { response: tenants } = await client.retrieveTenants();
  tenantId = (tenants.tenants.find((t) => t.name === 'Default') ?? tenants.tenants[0]).id;
  await client.patchTenant(tenantId, {
    tenant: { failedAuthenticationConfiguration: { tooManyAttempts: 2, resetCountInSeconds: 60, actionDuration: 10, actionDurationUnit: 'MINUTES' } },
  });
  const { response } = await client.createApplication(null, {
    application: {
      name: `prevention-${randomUUID()}`,
      loginConfiguration: { generateRefreshTokens: true, allowTokenRefresh: true },
      oauthConfiguration: {
        authorizedRedirectURLs: [REDIRECT], enabledGrants: ['authorization_code', 'password', 'refresh_token'],
        generateRefreshTokens: true, clientAuthenticationPolicy: 'Required', proofKeyForCodeExchangePolicy: 'NotRequired',
      },
    },
  });
  app = response.application;
});
after(async () => { await server?.dispose(); });

const basic = () => `Basic ${Buffer.from(`${app.id}:${app.oauthConfiguration.clientSecret}`).toString('base64')}`;

async function token(params) {
  const response = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic() },
    body: form(params),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, text };
}

const hostedParams = () => ({ client_id: app.id, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid offline_access', state: 'p' });
const apiLogin = (email) => api(server, 'POST', '/api/login', { apiKey: DEFAULT_API_KEY, body: { loginId: email, password: PASSWORD, applicationId: app.id } });

async function register(secret) {
  const user = { email: uniqueEmail('prevented'), password: PASSWORD };
  if (secret) user.twoFactor = { methods: [{ method: 'authenticator', secret }] };
  const { response } = await client.register(null, { user, registration: { applicationId: app.id } });
  return response.user;
}

// Everything a user holds before their state changes.
async function prepare() {
  const user = await register();
  const loggedIn = await apiLogin(user.email);
  assert.equal(loggedIn.status, 200, loggedIn.text);
  const granted = await token({ grant_type: 'password', loginId: user.email, password: PASSWORD, scope: 'openid offline_access' });
  assert.equal(granted.status, 200, granted.text);
  const hosted = await hostedLogin(server, hostedParams(), user.email, PASSWORD);
  assert.equal(hosted.status, 302, hosted.text);
  const code = new URL(hosted.location).searchParams.get('code');
  assert.ok(code, hosted.location);

  const secret = randomBytes(20).toString('base64');
  const twoFactorUser = await register(secret);
  const challenged = await apiLogin(twoFactorUser.email);
  assert.equal(challenged.status, 242, challenged.text);
  return {
    user, twoFactorUser, secret, code,
    apiRefreshToken: loggedIn.json.refreshToken,
    oauthRefreshToken: granted.json.refresh_token,
    twoFactorId: challenged.json.twoFactorId,
  };
}

const states = {
  healthy: async () => {},
  locked: async (user) => {
    for (let i = 0; i < 2; i += 1) {
      await api(server, 'POST', '/api/login', { apiKey: DEFAULT_API_KEY, body: { loginId: user.email, password: 'wrong-password-x' } });
    }
  },
  inactive: async (user) => { await client.deactivateUser(user.id); },
  expired: async (user) => { await client.patchUser(user.id, { user: { expiry: Date.now() - 1000 } }); },
  passwordChange: async (user) => { await client.patchUser(user.id, { user: { passwordChangeRequired: true } }); },
};

// What each door answers, summarised to compare with the table above.
async function knock(held) {
  const answers = {};
  answers.login = (await apiLogin(held.user.email)).status;
  const twoFactor = await api(server, 'POST', '/api/two-factor/login', { body: { twoFactorId: held.twoFactorId, code: totp(held.secret) } });
  answers.twoFactor = twoFactor.status;
  const grant = await token({ grant_type: 'password', loginId: held.user.email, password: PASSWORD, scope: 'openid' });
  answers.passwordGrant = grant.status === 200 ? 200 : `${grant.status} ${grant.json.error_reason}`;
  const hosted = await hostedLogin(server, hostedParams(), held.user.email, PASSWORD);
  if (hosted.status === 302) {
    answers.hosted = hosted.location.startsWith('/password/change') ? '302 change' : '302 code';
  } else {
    const message = /locked/i.test(hosted.text) ? 'locked' : /expired/i.test(hosted.text) ? 'expired'
      : /Invalid login credentials/.test(hosted.text) ? 'invalid' : 'other';
    answers.hosted = `${hosted.status} ${message}`;
  }
  const exchange = await token({ grant_type: 'authorization_code', code: held.code, redirect_uri: REDIRECT });
  answers.codeExchange = exchange.status === 200 ? 200 : `${exchange.status} ${exchange.json.error_reason}`;
  const refreshed = await api(server, 'POST', '/api/jwt/refresh', { body: { refreshToken: held.apiRefreshToken } });
  answers.jwtRefresh = refreshed.status;
  const refreshGrant = await token({ grant_type: 'refresh_token', refresh_token: held.oauthRefreshToken });
  answers.refreshGrant = refreshGrant.status === 200 ? 200 : `${refreshGrant.status} ${refreshGrant.json.error_reason}`;
  return answers;
}

const expected = {
  healthy: {
    login: 200, twoFactor: 200, passwordGrant: 200, hosted: '302 code', codeExchange: 200, jwtRefresh: 200, refreshGrant: 200,
  },
  locked: {
    login: 409, twoFactor: 409, passwordGrant: '400 user_locked', hosted: '200 locked',
    codeExchange: '400 user_locked', jwtRefresh: 400, refreshGrant: '400 refresh_token_not_found',
  },
  inactive: {
    login: 404, twoFactor: 404, passwordGrant: '400 invalid_user_credentials', hosted: '200 invalid',
    codeExchange: '400 user_not_found', jwtRefresh: 400, refreshGrant: '400 refresh_token_not_found',
  },
  expired: {
    login: 410, twoFactor: 410, passwordGrant: '400 user_expired', hosted: '200 expired',
    codeExchange: '400 user_expired', jwtRefresh: 400, refreshGrant: '400 refresh_token_not_found',
  },
  passwordChange: {
    login: 203, twoFactor: 203, passwordGrant: '400 change_password_administrative', hosted: '302 change',
    codeExchange: 200, jwtRefresh: 200, refreshGrant: 200,
  },
};

for (const [state, enter] of Object.entries(states)) {
  test(`login prevention: a ${state} user gets the same answer at every front door`, async () => {
    const held = await prepare();
    await enter(held.user);
    await enter(held.twoFactorUser);
    assert.deepEqual(await knock(held), expected[state]);
  });
}
