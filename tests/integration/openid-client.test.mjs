// openid-client (v6) as an unmodified relying party against Latchkey, over plain HTTP on
// loopback: discovery, the authorization-code flow with PKCE, state and nonce (the hosted login
// form posted like a browser would), the id_token checked by openid-client itself, the refresh
// grant, userinfo, introspection and revocation.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import * as oidc from 'openid-client';

import { makeClient, uniqueEmail } from './support/client.mjs';
import { startServer } from './support/server.mjs';

const REDIRECT = 'https://rp.example/callback';
const PASSWORD = 'correct horse battery staple';

let server;
let config;  // openid-client's Configuration for a confidential client (client_secret_basic)
let user;
const email = uniqueEmail('openid-client');

before(async () => {
  server = await startServer();
  const client = makeClient(server);
  const { response: tenants } = await client.retrieveTenants();
  const tenant = tenants.tenants.find((t) => t.name === 'Default') ?? tenants.tenants[0];
  await client.patchTenant(tenant.id, { tenant: { issuer: new URL(server.url).href } });
  const { response: created } = await client.createApplication(null, {
    application: {
      name: `openid-client-${randomUUID()}`,
      loginConfiguration: { allowTokenRefresh: true },
      oauthConfiguration: {
        authorizedRedirectURLs: [REDIRECT],
        enabledGrants: ['authorization_code', 'refresh_token'],
        generateRefreshTokens: true,
        clientAuthenticationPolicy: 'Required',
        proofKeyForCodeExchangePolicy: 'Required',
      },
    },
  });
  const app = created.application;
  const { response } = await client.register(null, {
    user: { email, password: PASSWORD, firstName: 'Grace', lastName: 'Hopper' },
    registration: { applicationId: app.id },
  });
  user = response.user;
  config = await oidc.discovery(new URL(server.url), app.id, app.oauthConfiguration.clientSecret,
    oidc.ClientSecretBasic(app.oauthConfiguration.clientSecret),
    { execute: [oidc.allowInsecureRequests] });
});
after(async () => { await server?.dispose(); });

// Plays the browser: opens the authorization URL openid-client built, posts the hosted form
// back with its CSRF token, and returns the URL Latchkey redirected to.
async function signInThroughHostedPage(authorizationUrl) {
  const page = await fetch(authorizationUrl, { redirect: 'manual', headers: { Accept: 'text/html' } });
  assert.equal(page.status, 200, `the hosted login page is shown: ${page.headers.get("location")}`);
  const html = await page.text();
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(csrf, 'the form carries a CSRF token');
  // The form re-posts the authorization request's parameters as hidden fields.
  const fields = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields.set(name, value.replaceAll('&amp;', '&').replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>'));
  }
  fields.set('loginId', email);
  fields.set('password', PASSWORD);
  const submitted = await fetch(new URL('/oauth2/authorize', server.url), {
    method: 'POST', redirect: 'manual', body: fields,
    headers: { Cookie: page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') },
  });
  assert.equal(submitted.status, 302, await submitted.text());
  return new URL(submitted.headers.get('location'));
}

async function signIn(scope = 'openid offline_access email profile') {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT, scope, state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  });
  const callback = await signInThroughHostedPage(url);
  assert.equal(callback.origin + callback.pathname, REDIRECT);
  assert.equal(callback.searchParams.get('state'), state, 'state comes back unchanged');
  // openid-client checks state, exchanges the code with the verifier, and validates the
  // id_token's iss, aud, exp, iat and nonce itself.
  return oidc.authorizationCodeGrant(config, callback,
    { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
}

test('openid-client: discovery describes Latchkey as an OpenID provider', () => {
  const metadata = config.serverMetadata();
  assert.equal(metadata.issuer, new URL(server.url).href);
  assert.ok(metadata.code_challenge_methods_supported.includes('S256'));
  assert.ok(metadata.token_endpoint_auth_methods_supported.includes('client_secret_basic'));
  for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint',
    'jwks_uri', 'introspection_endpoint', 'revocation_endpoint', 'end_session_endpoint']) {
    assert.ok(metadata[endpoint]?.startsWith(server.url), `${endpoint}: ${metadata[endpoint]}`);
  }
});

test('openid-client: authorization code + PKCE, then userinfo for the same subject', async () => {
  const tokens = await signIn();
  const claims = tokens.claims();
  assert.equal(claims.sub, user.id);
  assert.equal(claims.aud, config.clientMetadata().client_id);
  assert.equal(tokens.token_type.toLowerCase(), 'bearer');
  assert.equal(typeof tokens.refresh_token, 'string');
  const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.equal(info.sub, user.id);
  assert.equal(info.email, email);
  assert.equal(info.given_name, 'Grace');
  // A different expected subject is refused by openid-client: the check is real.
  await assert.rejects(oidc.fetchUserInfo(config, tokens.access_token, randomUUID()));
});

test('openid-client: the refresh grant issues a new access token and id_token', async () => {
  const first = await signIn();
  const refreshed = await oidc.refreshTokenGrant(config, first.refresh_token);
  assert.notEqual(refreshed.access_token, first.access_token);
  assert.equal(refreshed.claims()?.sub, user.id);
  const info = await oidc.fetchUserInfo(config, refreshed.access_token, user.id);
  assert.equal(info.email, email);
});

test('openid-client: introspection, then revocation ends the refresh token', async () => {
  const tokens = await signIn();
  const active = await oidc.tokenIntrospection(config, tokens.access_token);
  assert.equal(active.active, true);
  assert.equal(active.sub, user.id);
  assert.equal(active.client_id ?? active.aud, config.clientMetadata().client_id);
  const garbage = await oidc.tokenIntrospection(config, 'not-a-token');
  assert.equal(garbage.active, false);

  await oidc.tokenRevocation(config, tokens.refresh_token, { token_type_hint: 'refresh_token' });
  await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token),
    (error) => error.error === 'invalid_grant');
});
