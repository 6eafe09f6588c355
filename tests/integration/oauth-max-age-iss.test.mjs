// What strict OpenID clients check, through openid-client and raw HTTP with the SSO cookie:
//   max_age (OpenID Connect Core §3.1.2.1): a session older than max_age (max_age=0 included)
//     gets the login form again, prompt=none answers login_required, and the id_token's
//     auth_time is the fresh sign-in;
//   iss (RFC 9207): every authorization response, code or error, names the issuer, and
//     discovery says so.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import * as oidc from 'openid-client';

import { makeClient, uniqueEmail } from './support/client.mjs';
import { sleep } from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

const REDIRECT = 'https://rp.example/callback';
const PASSWORD = 'correct horse battery staple';

let server;
let config;
let app;
let email;
let issuer;

before(async () => {
  server = await startServer();
  const client = makeClient(server);
  issuer = new URL(server.url).href;
  const { response: tenants } = await client.retrieveTenants();
  const tenant = tenants.tenants.find((t) => t.name === 'Default') ?? tenants.tenants[0];
  await client.patchTenant(tenant.id, { tenant: { issuer } });
  const { response } = await client.createApplication(null, {
    application: {
      name: `max-age-${randomUUID()}`,
      oauthConfiguration: {
        authorizedRedirectURLs: [REDIRECT], enabledGrants: ['authorization_code'],
        clientAuthenticationPolicy: 'Required', proofKeyForCodeExchangePolicy: 'Required',
      },
    },
  });
  app = response.application;
  email = uniqueEmail('max-age');
  await client.register(null, {
    user: { email, password: PASSWORD }, registration: { applicationId: app.id },
  });
  const secret = app.oauthConfiguration.clientSecret;
  config = await oidc.discovery(new URL(server.url), app.id, secret, oidc.ClientSecretBasic(secret),
    { execute: [oidc.allowInsecureRequests] });
});
after(async () => { await server?.dispose(); });

// An authorization request built by openid-client; `extra` adds max_age, prompt ...
async function request(extra = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT, scope: 'openid', state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    ...extra,
  });
  return { url, verifier, state, nonce, maxAge: extra.max_age === undefined ? undefined : Number(extra.max_age) };
}

// The browser's GET of the authorization URL with the SSO cookie (if any).
function open(url, cookie) {
  return fetch(url, { redirect: 'manual', headers: { Accept: 'text/html', ...(cookie ? { Cookie: cookie } : {}) } });
}

// Signs in through the form (the seed's POST): answers the redirect and the SSO cookie.
async function signIn(req) {
  const body = new URLSearchParams(req.url.searchParams);
  body.set('loginId', email);
  body.set('password', PASSWORD);
  const response = await fetch(new URL('/oauth2/authorize', server.url), { method: 'POST', redirect: 'manual', body });
  assert.equal(response.status, 302, await response.text());
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('lk_sso=')).split(';')[0];
  return { location: new URL(response.headers.get('location')), cookie };
}

// openid-client finishes the flow: it checks iss (advertised), state, nonce and, with maxAge,
// that auth_time is present and recent enough.
function finish(req, location) {
  return oidc.authorizationCodeGrant(config, location, {
    pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce,
    idTokenExpected: true, ...(req.maxAge === undefined ? {} : { maxAge: req.maxAge }),
  });
}

test('discovery advertises authorization_response_iss_parameter_supported', () => {
  assert.equal(config.serverMetadata().authorization_response_iss_parameter_supported, true);
});

test('iss: the code redirect and an error redirect both carry the issuer', async () => {
  const first = await request();
  const { location } = await signIn(first);
  assert.equal(location.searchParams.get('iss'), issuer);
  await finish(first, location);  // openid-client would refuse a missing or wrong iss

  const error = await open(`${server.url}/oauth2/authorize?${new URLSearchParams({
    client_id: app.id, redirect_uri: REDIRECT, response_type: 'token', state: 'e' })}`);
  assert.equal(error.status, 302);
  const errorLocation = new URL(error.headers.get('location'));
  assert.equal(errorLocation.searchParams.get('error'), 'unsupported_response_type');
  assert.equal(errorLocation.searchParams.get('state'), 'e');
  assert.equal(errorLocation.searchParams.get('iss'), issuer);
});

test('max_age=0 after an existing session shows the login form; the new auth_time is fresh', async () => {
  const first = await request();
  const { location, cookie } = await signIn(first);
  const firstTokens = await finish(first, location);
  const firstAuthTime = firstTokens.claims().auth_time;
  assert.equal(typeof firstAuthTime, 'number');

  // The session is good: without max_age the cookie alone answers with a code.
  const reuse = await open((await request()).url, cookie);
  assert.equal(reuse.status, 302);
  assert.ok(new URL(reuse.headers.get('location')).searchParams.get('code'));

  await sleep(1100);  // auth_time has second resolution
  const again = await request({ max_age: '0' });
  const form = await open(again.url, cookie);
  assert.equal(form.status, 200, 'the login form, not a code');
  assert.equal(form.headers.get('location'), null);
  const html = await form.text();
  assert.match(html, /<form[^>]+action="\/oauth2\/authorize"/);
  assert.match(html, /name="max_age" value="0"/, 'max_age rides along in the pending request');

  const fresh = await signIn(again);
  const tokens = await finish(again, fresh.location);
  assert.ok(tokens.claims().auth_time > firstAuthTime, 'auth_time is the new sign-in');
  assert.ok(Math.abs(tokens.claims().auth_time - Date.now() / 1000) < 5);
});

test('max_age: a session younger than max_age is reused, an older one is not', async () => {
  const first = await request();
  const { cookie } = await signIn(first);
  const young = await request({ max_age: '3600' });
  const reused = await open(young.url, cookie);
  assert.equal(reused.status, 302);
  const tokens = await finish(young, new URL(reused.headers.get('location')));
  assert.equal(typeof tokens.claims().auth_time, 'number');

  await sleep(2100);
  const old = await open((await request({ max_age: '1' })).url, cookie);
  assert.equal(old.status, 200, 'a two-second-old session is too old for max_age=1');
});

test('prompt=none with a session older than max_age answers login_required to the redirect URI', async () => {
  const { cookie } = await signIn(await request());
  const silent = await request({ max_age: '0', prompt: 'none', state: 'silent' });
  const response = await open(silent.url, cookie);
  assert.equal(response.status, 302);
  const location = new URL(response.headers.get('location'));
  assert.equal(location.origin + location.pathname, REDIRECT);
  assert.equal(location.searchParams.get('error'), 'login_required');
  assert.equal(location.searchParams.get('code'), null);
  assert.equal(location.searchParams.get('iss'), issuer);
});

test('prompt=login shows the form even with a valid session', async () => {
  const { cookie } = await signIn(await request());
  const response = await open((await request({ prompt: 'login' })).url, cookie);
  assert.equal(response.status, 200);
});

test('a malformed max_age is an invalid_request sent back to the redirect URI', async () => {
  for (const maxAge of ['-1', 'soon', '1.5']) {
    const response = await open((await request({ max_age: maxAge, state: 'm' })).url);
    assert.equal(response.status, 302, maxAge);
    const location = new URL(response.headers.get('location'));
    assert.equal(location.searchParams.get('error'), 'invalid_request', maxAge);
    assert.equal(location.searchParams.get('state'), 'm');
  }
});
