// Online-guessing defences (issue 10 item 5), through real HTTP:
//   - a twoFactorId survives 5 wrong codes, then answers 404 as an unknown id does;
//   - an accepted TOTP code is refused (421) when presented again in its window (RFC 6238 §5.2),
//     on /api/two-factor/login and on the hosted /oauth2/two-factor page;
//   - the tenant's failedAuthenticationConfiguration locks without a userActionId, and refuses
//     lock durations that would overflow;
//   - the in-memory throttle answers 429 + Retry-After on the Login API, the OAuth password
//     grant and the hosted form, per login id and per client address, and is configurable.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { makeClient, uniqueEmail } from './support/client.mjs';
import { hostedLogin, hostedTwoFactor, form } from './support/hosted.mjs';
import { api } from './support/http.mjs';
import { DEFAULT_API_KEY } from './support/kickstart.mjs';
import { totp } from './support/jwt.mjs';
import { makeTempDir, runUntilExit, startServer } from './support/server.mjs';

const PASSWORD = 'defences-password-77';
const REDIRECT = 'https://app.example/callback';

async function setUp(args = []) {
  const server = await startServer({ args });
  const client = makeClient(server);
  const { response } = await client.createApplication(null, {
    application: {
      name: `defences-${randomUUID()}`,
      oauthConfiguration: {
        authorizedRedirectURLs: [REDIRECT], enabledGrants: ['authorization_code', 'password', 'refresh_token'],
        clientAuthenticationPolicy: 'Required', proofKeyForCodeExchangePolicy: 'NotRequired',
      },
    },
  });
  return { server, client, app: response.application };
}

async function newUser(client, app, { secret } = {}) {
  const user = { email: uniqueEmail('defence'), password: PASSWORD };
  if (secret) {
    user.twoFactor = { methods: [{ method: 'authenticator', secret, authenticator: { algorithm: 'HmacSHA1', codeLength: 6, timeStep: 30 } }] };
  }
  const { response } = await client.register(null, { user, registration: { applicationId: app.id } });
  return response.user;
}

// The `nth` code that is none of the window's valid codes (distinct for distinct `nth`).
function wrongCode(secret, nth = 0) {
  const valid = new Set([-30_000, 0, 30_000].map((delta) => totp(secret, { time: Date.now() + delta })));
  for (let n = 1 + nth * 10; ; n += 1) {
    const candidate = String((Number(totp(secret)) + 100_003 * n) % 1_000_000).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

const login = (server, body, options = {}) => api(server, 'POST', '/api/login', { apiKey: DEFAULT_API_KEY, body, ...options });
const twoFactor = (server, body) => api(server, 'POST', '/api/two-factor/login', { body });

async function passwordGrant(server, app, loginId, password) {
  const response = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${app.id}:${app.oauthConfiguration.clientSecret}`).toString('base64')}`,
    },
    body: form({ grant_type: 'password', loginId, password, scope: 'openid' }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined, text };
}

const hostedParams = (app) => ({ client_id: app.id, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 's' });

describe('second factor and lockout (default settings)', () => {
  let ctx;
  before(async () => { ctx = await setUp(); });
  after(async () => { await ctx?.server.dispose(); });

  test('two-factor: after 5 wrong codes the twoFactorId is dead and the right code gets 404', async () => {
    const secret = randomBytes(20).toString('base64');
    const user = await newUser(ctx.client, ctx.app, { secret });
    const started = await login(ctx.server, { loginId: user.email, password: PASSWORD, applicationId: ctx.app.id });
    assert.equal(started.status, 242, started.text);
    const { twoFactorId } = started.json;
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const wrong = await twoFactor(ctx.server, { twoFactorId, code: wrongCode(secret, attempt) });
      // fetch() retries a 421 once (Fetch standard): the retry of the 5th finds the id dead.
      if (attempt === 5) assert.ok([421, 404].includes(wrong.status), `attempt 5: ${wrong.status}`);
      else assert.equal(wrong.status, 421, `attempt ${attempt}: ${wrong.text}`);
    }
    const right = await twoFactor(ctx.server, { twoFactorId, code: totp(secret) });
    assert.equal(right.status, 404, right.text);
    assert.equal(right.text, '');
    const unknown = await twoFactor(ctx.server, { twoFactorId: 'no-such-id', code: totp(secret) });
    assert.equal(unknown.status, right.status);
    assert.equal(unknown.text, right.text);
  });

  test('two-factor: a code accepted once is refused on the next login in its window (421)', async () => {
    const secret = randomBytes(20).toString('base64');
    const user = await newUser(ctx.client, ctx.app, { secret });
    const code = totp(secret);
    const first = await login(ctx.server, { loginId: user.email, password: PASSWORD, applicationId: ctx.app.id });
    const done = await twoFactor(ctx.server, { twoFactorId: first.json.twoFactorId, code });
    assert.equal(done.status, 200, done.text);
    const second = await login(ctx.server, { loginId: user.email, password: PASSWORD, applicationId: ctx.app.id });
    assert.equal(second.status, 242);
    const replayed = await twoFactor(ctx.server, { twoFactorId: second.json.twoFactorId, code });
    assert.equal(replayed.status, 421, replayed.text);
    assert.equal(replayed.json?.token, undefined);
  });

  test('two-factor: the hosted /oauth2/two-factor page refuses a replayed code too', async () => {
    const secret = randomBytes(20).toString('base64');
    const user = await newUser(ctx.client, ctx.app, { secret });
    const params = hostedParams(ctx.app);
    const code = totp(secret);
    const first = await hostedLogin(ctx.server, params, user.email, PASSWORD);
    assert.equal(first.status, 302, first.text);
    const accepted = await hostedTwoFactor(ctx.server, params, first.twoFactorCookie, code);
    assert.equal(accepted.status, 302, accepted.text);
    assert.ok(new URL(accepted.location).searchParams.get('code'));
    const second = await hostedLogin(ctx.server, params, user.email, PASSWORD);
    assert.equal(second.status, 302, second.text);
    const replayed = await hostedTwoFactor(ctx.server, params, second.twoFactorCookie, code);
    assert.equal(replayed.status, 200, 'a replayed code shows the form again');
    assert.equal(replayed.location, null);
    assert.match(replayed.text, /Invalid code/);
    // The same code through the API on a third login: still refused.
    const third = await login(ctx.server, { loginId: user.email, password: PASSWORD, applicationId: ctx.app.id });
    assert.equal((await twoFactor(ctx.server, { twoFactorId: third.json.twoFactorId, code })).status, 421);
  });

  test('lockout: tooManyAttempts locks without a userActionId (409), and the lock ends the password guessing', async () => {
    const { response } = await ctx.client.createTenant(null, {
      tenant: {
        name: `lockout-${randomUUID()}`,
        failedAuthenticationConfiguration: { tooManyAttempts: 3, resetCountInSeconds: 60, actionDuration: 1, actionDurationUnit: 'HOURS' },
      },
    });
    const tenantId = response.tenant.id;
    assert.equal(response.tenant.failedAuthenticationConfiguration.userActionId, undefined);
    const scoped = makeClient(ctx.server, DEFAULT_API_KEY, tenantId);
    const email = uniqueEmail('locked');
    await scoped.createUser(null, { user: { email, password: PASSWORD } });
    const attempt = (password) => login(ctx.server, { loginId: email, password }, { tenantId });
    for (let i = 1; i <= 3; i += 1) assert.equal((await attempt('wrong-password-1')).status, 404, `failure ${i}`);
    const locked = await attempt(PASSWORD);
    assert.equal(locked.status, 409, locked.text);
    assert.ok(locked.json.actions[0].expiry > Date.now() + 59 * 60_000, locked.text);
    assert.equal(locked.json.token, undefined);
    // Locked: a wrong password is answered the same, so guessing learns nothing more.
    assert.equal((await attempt('wrong-password-2')).status, 409);
  });

  test('lockout: an actionDuration that would overflow is refused with 400 on create, update and patch', async () => {
    const huge = { actionDuration: 9223372036854775807n.toString(), actionDurationUnit: 'YEARS' };
    const raw = `{"tenant":{"name":"overflow-${randomUUID()}","failedAuthenticationConfiguration":{"actionDuration":${huge.actionDuration},"actionDurationUnit":"YEARS"}}}`;
    const created = await api(ctx.server, 'POST', '/api/tenant', {
      apiKey: DEFAULT_API_KEY, rawBody: raw, headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(created.status, 400, created.text);
    const field = 'tenant.failedAuthenticationConfiguration.actionDuration';
    assert.ok(created.json.fieldErrors[field], created.text);
    const { response } = await ctx.client.createTenant(null, { tenant: { name: `fine-${randomUUID()}` } });
    const id = response.tenant.id;
    for (const method of ['PATCH', 'PUT']) {
      const body = method === 'PUT'
        ? `{"tenant":{"name":"${response.tenant.name}","failedAuthenticationConfiguration":{"actionDuration":1e300}}}`
        : `{"tenant":{"failedAuthenticationConfiguration":{"actionDuration":${huge.actionDuration},"actionDurationUnit":"YEARS"}}}`;
      const refused = await api(ctx.server, method, `/api/tenant/${id}`, {
        apiKey: DEFAULT_API_KEY, rawBody: body, headers: { 'Content-Type': 'application/json' },
      });
      assert.equal(refused.status, 400, `${method}: ${refused.text}`);
      assert.ok(refused.json.fieldErrors[field], refused.text);
    }
    const zero = await ctx.client.patchTenant(id, { tenant: { failedAuthenticationConfiguration: { tooManyAttempts: 0 } } })
      .then(() => 200, (error) => error.statusCode);
    assert.equal(zero, 400);
    const { response: kept } = await ctx.client.retrieveTenant(id);
    assert.equal(kept.tenant.failedAuthenticationConfiguration.actionDuration, 3);
  });
});

describe('throttle per login id (--login-throttle-per-id 3)', () => {
  let ctx;
  before(async () => { ctx = await setUp(['--login-throttle-per-id', '3', '--login-throttle-per-address', '1000']); });
  after(async () => { await ctx?.server.dispose(); });

  test('Login API: after 3 failures even the right password gets 429 with Retry-After and an empty body', async () => {
    const user = await newUser(ctx.client, ctx.app);
    for (let i = 1; i <= 3; i += 1) {
      assert.equal((await login(ctx.server, { loginId: user.email, password: `wrong-${i}-password` })).status, 404);
    }
    const throttled = await login(ctx.server, { loginId: user.email.toUpperCase(), password: PASSWORD, applicationId: ctx.app.id });
    assert.equal(throttled.status, 429, throttled.text);
    const wait = Number(throttled.headers.get('retry-after'));
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After: ${throttled.headers.get('retry-after')}`);
    assert.equal(throttled.text, '');
    assert.deepEqual(throttled.headers.getSetCookie(), []);
    // Another user from the same address is not slowed.
    const other = await newUser(ctx.client, ctx.app);
    assert.equal((await login(ctx.server, { loginId: other.email, password: PASSWORD, applicationId: ctx.app.id })).status, 200);
  });

  test('OAuth password grant: 429 in the OAuth error shape with Retry-After', async () => {
    const user = await newUser(ctx.client, ctx.app);
    for (let i = 1; i <= 3; i += 1) {
      const wrong = await passwordGrant(ctx.server, ctx.app, user.email, `wrong-${i}-password`);
      assert.equal(wrong.status, 400, wrong.text);
      assert.equal(wrong.json.error_reason, 'invalid_user_credentials');
    }
    const throttled = await passwordGrant(ctx.server, ctx.app, user.email, PASSWORD);
    assert.equal(throttled.status, 429, throttled.text);
    assert.equal(typeof throttled.json.error, 'string');
    assert.equal(typeof throttled.json.error_description, 'string');
    assert.equal(typeof throttled.json.error_reason, 'string');
    assert.equal(throttled.json.access_token, undefined);
    assert.ok(Number(throttled.headers.get('retry-after')) >= 1);
  });

  test('hosted form: the login page comes back with 429, a message and Retry-After', async () => {
    const user = await newUser(ctx.client, ctx.app);
    const params = hostedParams(ctx.app);
    for (let i = 1; i <= 3; i += 1) {
      const wrong = await hostedLogin(ctx.server, params, user.email, `wrong-${i}-password`);
      assert.equal(wrong.status, 200, wrong.text);
    }
    const throttled = await hostedLogin(ctx.server, params, user.email, PASSWORD);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.location, null);
    assert.match(throttled.text, /name="csrf_token"/);
    assert.match(throttled.text, /Too many failed sign-in attempts/);
    assert.ok(Number(throttled.headers.get('retry-after')) >= 1);
    assert.equal(throttled.cookies.find((c) => c.startsWith('lk_sso=')), undefined);
  });
});

describe('throttle per address (--login-throttle-per-address 4)', () => {
  let ctx;
  before(async () => { ctx = await setUp(['--login-throttle-per-id', '1000', '--login-throttle-per-address', '4']); });
  after(async () => { await ctx?.server.dispose(); });

  test('sprayed login ids from one address are throttled; an API key can vouch for the end user\'s address', async () => {
    // With an API key the body's ipAddress is the address counted (a backend logs its users in).
    for (let i = 0; i < 4; i += 1) {
      const sprayed = await login(ctx.server, { loginId: `nobody-${i}-${randomUUID()}@example.com`, password: 'x-password-1', ipAddress: '198.51.100.7' });
      assert.equal(sprayed.status, 404);
    }
    const user = await newUser(ctx.client, ctx.app);
    const fromAttacker = await login(ctx.server, { loginId: user.email, password: PASSWORD, ipAddress: '198.51.100.7' });
    assert.equal(fromAttacker.status, 429, fromAttacker.text);
    const fromElsewhere = await login(ctx.server, { loginId: user.email, password: PASSWORD, ipAddress: '198.51.100.8' });
    assert.equal(fromElsewhere.status, 200, fromElsewhere.text);
    // Without an API key the claimed ipAddress is not believed: the socket's address counts.
    for (let i = 0; i < 4; i += 1) {
      await passwordGrant(ctx.server, ctx.app, `nobody-${i}-${randomUUID()}@example.com`, 'x-password-1');
    }
    const anonymous = await passwordGrant(ctx.server, ctx.app, user.email, PASSWORD);
    assert.equal(anonymous.status, 429, anonymous.text);
  });
});

describe('throttle disabled (--login-throttle-window-seconds 0)', () => {
  let ctx;
  before(async () => { ctx = await setUp(['--login-throttle-window-seconds', '0', '--login-throttle-per-address', '1']); });
  after(async () => { await ctx?.server.dispose(); });

  test('many failures from one address are never answered 429', async () => {
    for (let i = 0; i < 12; i += 1) {
      const sprayed = await login(ctx.server, { loginId: `nobody-${i}@example.com`, password: 'x-password-1' });
      assert.equal(sprayed.status, 404);
    }
  });
});

test('throttle settings are validated at start-up', async () => {
  const dataDir = await makeTempDir();
  try {
    const run = await runUntilExit({ dataDir, args: ['--login-throttle-per-id', '-1'] });
    assert.equal(run.timedOut, false, run.output);
    assert.ok(run.code !== 0 && run.code !== null, `exit code ${run.code}`);
    assert.match(run.output, /login-throttle-per-id/);
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});
