// oauthConfiguration.scopeHandlingPolicy through openid-client, one application per policy
// (FusionAuth's "OAuth Scopes" documentation, "Scope Handling Policy" table):
//   Compatibility (FusionAuth before 1.50): userinfo answers every claim of the seed's userinfo
//     response table whatever the scopes; the id_token carries email, email_verified and
//     preferred_username whatever the scopes (never fewer claims than Strict would give).
//   Strict: the scopes decide (email → email, email_verified; profile → the name claims ...).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import * as oidc from 'openid-client';

import { makeClient, uniqueEmail } from './support/client.mjs';
import { startServer } from './support/server.mjs';

const REDIRECT = 'https://rp.example/callback';
const PASSWORD = 'correct horse battery staple';
const PROFILE = {
  firstName: 'Richard', middleName: 'Q', lastName: 'Hendricks', fullName: 'Richard Q Hendricks',
  birthDate: '1982-03-10', mobilePhone: '555-555-5555', imageUrl: 'https://piedpiper.example/richard.png',
};
// Seed Table 22, the userinfo response, plus preferred_username (the username).
const TABLE = {
  birthdate: '1982-03-10', family_name: 'Hendricks', given_name: 'Richard', middle_name: 'Q',
  name: 'Richard Q Hendricks', phone_number: '555-555-5555', picture: 'https://piedpiper.example/richard.png',
};
const PROFILE_CLAIMS = ['birthdate', 'family_name', 'given_name', 'middle_name', 'name', 'phone_number', 'picture'];

let server;
let client;
let apps;     // { Compatibility, Strict }
let configs;  // openid-client Configuration per policy
let user;
let email;
const username = `richard-${randomUUID().slice(0, 8)}`;

before(async () => {
  server = await startServer();
  client = makeClient(server);
  const { response: tenants } = await client.retrieveTenants();
  const tenant = tenants.tenants.find((t) => t.name === 'Default') ?? tenants.tenants[0];
  await client.patchTenant(tenant.id, { tenant: { issuer: new URL(server.url).href } });
  apps = {};
  configs = {};
  for (const policy of ['Compatibility', 'Strict']) {
    const { response } = await client.createApplication(null, {
      application: {
        name: `scope-policy-${policy}-${randomUUID()}`,
        roles: [{ name: 'admin' }],
        oauthConfiguration: {
          authorizedRedirectURLs: [REDIRECT], enabledGrants: ['authorization_code'],
          clientAuthenticationPolicy: 'Required', proofKeyForCodeExchangePolicy: 'Required',
          scopeHandlingPolicy: policy,
        },
      },
    });
    apps[policy] = response.application;
    const secret = response.application.oauthConfiguration.clientSecret;
    configs[policy] = await oidc.discovery(new URL(server.url), response.application.id, secret,
      oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
  }
  email = uniqueEmail('scope-policy');
  const { response } = await client.register(null, {
    user: { email, username, password: PASSWORD, ...PROFILE },
    registration: { applicationId: apps.Compatibility.id, roles: ['admin'] },
  });
  user = response.user;
  await client.register(user.id, { registration: { applicationId: apps.Strict.id, roles: ['admin'] } });
});
after(async () => { await server?.dispose(); });

// openid-client builds the request; the seed's token-less POST /oauth2/authorize signs in.
async function signIn(policy, scope) {
  const config = configs[policy];
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT, scope, state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  });
  const body = new URLSearchParams(url.searchParams);
  body.set('loginId', email);
  body.set('password', PASSWORD);
  const response = await fetch(new URL('/oauth2/authorize', server.url), { method: 'POST', redirect: 'manual', body });
  assert.equal(response.status, 302, await response.text());
  const tokens = await oidc.authorizationCodeGrant(config, new URL(response.headers.get('location')),
    { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
  const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims().sub);
  return { idToken: tokens.claims(), userinfo };
}

test('Compatibility: userinfo carries the whole userinfo table for scope=openid alone', async () => {
  const { userinfo } = await signIn('Compatibility', 'openid');
  for (const [claim, value] of Object.entries(TABLE)) assert.equal(userinfo[claim], value, claim);
  assert.equal(userinfo.email, email);
  assert.equal(userinfo.email_verified, user.verified);
  assert.equal(typeof userinfo.email_verified, 'boolean');
  assert.equal(userinfo.preferred_username, username);
  assert.equal(userinfo.sub, user.id);
  assert.equal(userinfo.applicationId, apps.Compatibility.id);
  assert.deepEqual(userinfo.roles, ['admin']);
});

test('Compatibility: the id_token carries email, email_verified and preferred_username for scope=openid', async () => {
  const { idToken } = await signIn('Compatibility', 'openid');
  assert.equal(idToken.email, email);
  assert.equal(idToken.email_verified, user.verified);
  assert.equal(idToken.preferred_username, username);
  // FusionAuth's id_token dropped roles and applicationId in 1.24; both policies agree.
  assert.equal(idToken.roles, undefined);
  assert.equal(idToken.applicationId, undefined);
});

test('Compatibility: requesting profile adds nothing missing and removes nothing', async () => {
  const { userinfo, idToken } = await signIn('Compatibility', 'openid profile email phone');
  for (const [claim, value] of Object.entries(TABLE)) assert.equal(userinfo[claim], value, claim);
  assert.equal(idToken.given_name, 'Richard');
  assert.equal(idToken.email, email);
});

test('Strict: scope=openid alone gives neither profile nor email claims, in userinfo or the id_token', async () => {
  const { userinfo, idToken } = await signIn('Strict', 'openid');
  assert.equal(userinfo.sub, user.id);
  for (const claim of [...PROFILE_CLAIMS, 'email', 'email_verified', 'preferred_username']) {
    assert.equal(userinfo[claim], undefined, `userinfo ${claim}`);
    assert.equal(idToken[claim], undefined, `id_token ${claim}`);
  }
});

test('Strict: the scopes decide, claim by claim', async () => {
  const emailOnly = await signIn('Strict', 'openid email');
  assert.equal(emailOnly.userinfo.email, email);
  assert.equal(emailOnly.userinfo.given_name, undefined);
  assert.equal(emailOnly.idToken.email, email);
  const profile = await signIn('Strict', 'openid profile');
  assert.equal(profile.userinfo.given_name, 'Richard');
  assert.equal(profile.userinfo.preferred_username, username);
  assert.equal(profile.userinfo.email, undefined);
  assert.equal(profile.userinfo.phone_number, undefined);
  assert.equal(profile.idToken.family_name, 'Hendricks');
});
