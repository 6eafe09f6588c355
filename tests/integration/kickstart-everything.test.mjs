// One kickstart that uses every construct real FusionAuth set-ups use, together: `&{file}` as a
// request body and as a whole request, `@{file}` text includes, URLs without the leading `/`,
// every built-in variable, `#{ENV.X}` and `#{UUID()}`, and each configuration API (themes,
// email templates, system configuration with CORS, groups, form fields and forms, lambdas,
// an OpenID Connect provider, OAuth scopes, the Reactor, entity types, entities and grants), plus
// a registration placed by its applicationId while two tenants exist. Start-up succeeds, and
// each object is there and has its effect.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { decodeJwt } from 'jose';

import { makeClient } from './support/client.mjs';
import { FUSIONAUTH_APPLICATION_ID, baseKickstart } from './support/kickstart.mjs';
import { makeTempDir, startServer } from './support/server.mjs';

const FUSIONAUTH_THEME_ID = '75a068fd-e94b-451a-9aeb-3ddb9a3b5987';
const SPA_ORIGIN = 'http://spa.everything.example:3000';
const STYLESHEET = ':root { --everything-brand: #123456; }\n';
const TEMPLATE_HTML = '<p>Hello ${user.firstName!"there"}, welcome to #{notAVariable}.</p>\n';
const LAMBDA_BODY = 'function populate(jwt, user, registration) {\n  jwt.everything = true;\n}\n';

const ids = {
  tenant: randomUUID(), app: randomUUID(), otherApp: randomUUID(), theme: randomUUID(),
  template: randomUUID(), field: randomUUID(), form: randomUUID(), lambda: randomUUID(),
  group: randomUUID(), adminRole: randomUUID(), idp: randomUUID(), scope: randomUUID(),
  entityType: randomUUID(), api: randomUUID(), machine: randomUUID(), user: randomUUID(),
};
const machineSecret = `everything-secret-${randomUUID()}`;
const password = 'everything-password-1';
let server;
let dataDir;

before(async () => {
  dataDir = await makeTempDir('latchkey-kickstart-everything-');
  const files = {
    'css/styles.css': STYLESHEET,
    'email/welcome.html': TEMPLATE_HTML,
    'lambda/populate.js': LAMBDA_BODY,
    // A whole request from a file, with its own variables and a nested text include.
    'requests/lambda.json': JSON.stringify({ method: 'POST', url: 'api/lambda/#{lambdaId}', body: {
      lambda: { name: 'Everything populate', type: 'JWTPopulate', body: '@{lambda/populate.js}' } } }),
    // A body from a file.
    'json/application.json': JSON.stringify({ application: {
      name: '#{ENV.LK_EVERYTHING_APP_NAME}',
      roles: [{ name: 'user', isDefault: true }, { id: '#{adminRole}', name: 'admin' }],
      jwtConfiguration: { enabled: true, accessTokenKeyId: '#{FUSIONAUTH_DEFAULT_SIGNING_KEY_ID}', timeToLiveInSeconds: 300 },
      oauthConfiguration: { authorizedRedirectURLs: ['https://everything.example/cb'], enabledGrants: ['authorization_code', 'password'] },
      themeId: '#{themeId}',
    } }),
  };
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dataDir, name)), { recursive: true });
    await fs.writeFile(path.join(dataDir, name), content);
  }
  server = await startServer({
    dataDir,
    env: { LK_EVERYTHING_APP_NAME: 'Everything App' },
    kickstart: baseKickstart({
      variables: {
        tenantId: ids.tenant, appId: ids.app, themeId: ids.theme, lambdaId: ids.lambda,
        adminRole: ids.adminRole, groupId: ids.group, spaOrigin: SPA_ORIGIN, requestId: '#{UUID()}',
      },
      requests: [
        { method: 'POST', url: 'api/reactor', body: { licenseId: 'everything-licence' } },
        { method: 'PATCH', url: 'api/system-configuration', body: { systemConfiguration: { corsConfiguration: {
          enabled: true, allowedOrigins: ['#{spaOrigin}'], allowedMethods: ['POST', 'OPTIONS'] } } } },
        { method: 'POST', url: '/api/theme/#{themeId}', body: { sourceThemeId: FUSIONAUTH_THEME_ID, theme: { name: 'Everything theme' } } },
        { method: 'PATCH', url: 'api/theme/#{themeId}', body: { theme: { stylesheet: '@{css/styles.css}' } } },
        { method: 'POST', url: `/api/email/template/${ids.template}`, body: { emailTemplate: {
          name: 'Everything welcome', defaultSubject: 'Welcome', defaultHtmlTemplate: '@{email/welcome.html}', defaultTextTemplate: 'Welcome' } } },
        '&{requests/lambda.json}',
        { method: 'PATCH', url: `api/lambda/#{FUSIONAUTH_LAMBDA[GoogleReconcile]_ID}`, body: { lambda: { debug: true } } },
        { method: 'POST', url: `/api/form/field/${ids.field}`, body: { field: {
          name: 'Everything favourite colour', key: 'user.data.colour', control: 'text', type: 'string' } } },
        { method: 'POST', url: `/api/form/${ids.form}`, body: { form: {
          name: 'Everything registration', type: 'registration', steps: [{ fields: [ids.field] }] } } },
        { method: 'PATCH', url: 'api/form/#{FUSIONAUTH_FORM[adminUser]_ID}', body: { form: { data: { touched: true } } } },
        { method: 'POST', url: '/api/tenant/#{tenantId}', body: { sourceTenantId: '#{FUSIONAUTH_TENANT_ID}', tenant: { name: 'Everything tenant' } } },
        // A request's own `tenantId` scopes it, as FusionAuth's multi-tenant kickstarts do.
        { method: 'POST', url: '/api/application/#{appId}', tenantId: '#{tenantId}', body: '&{json/application.json}' },
        { method: 'POST', url: `/api/application/${ids.otherApp}`, tenantId: '#{FUSIONAUTH_TENANT_ID}', body: { application: { name: 'Default-tenant app' } } },
        { method: 'POST', url: `api/application/#{appId}/scope/${ids.scope}`, body: { scope: { name: 'everything:read', description: 'Read' } } },
        { method: 'POST', url: 'api/group/#{groupId}', body: { group: { name: 'Everything admins' }, roleIds: ['#{adminRole}'] } },
        // Two tenants exist now: FusionAuth places this by its applicationId, without the header.
        { method: 'POST', url: `/api/user/registration/${ids.user}`, body: {
          user: { email: 'ada@everything.example.com', password },
          registration: { applicationId: '#{appId}' } } },
        { method: 'POST', url: 'api/group/member', body: { members: { '#{groupId}': [{ userId: ids.user }] } } },
        { method: 'POST', url: `/api/identity-provider/${ids.idp}`, body: { identityProvider: {
          type: 'OpenIDConnect', name: 'Everything OIDC', buttonText: 'Login with OIDC', enabled: true,
          oauth2: { client_id: 'everything', client_secret: 'everything-secret', issuer: 'https://oidc.everything.example' } } } },
        { method: 'POST', url: `/api/entity/type/${ids.entityType}`, body: { entityType: { name: 'Everything API' } } },
        { method: 'POST', url: `api/entity/type/${ids.entityType}/permission`, body: { permission: { name: 'read', isDefault: true } } },
        { method: 'POST', url: `/api/entity/${ids.api}`, body: { entity: { name: 'API', tenantId: '#{tenantId}', type: { id: ids.entityType } } } },
        { method: 'POST', url: `/api/entity/${ids.machine}`, body: { entity: { name: 'Machine', tenantId: '#{tenantId}', type: { id: ids.entityType }, clientSecret: machineSecret } } },
        { method: 'POST', url: `/api/entity/${ids.api}/grant`, body: { grant: { recipientEntityId: ids.machine } } },
        // Built-ins that only need to resolve: the admin application and the request's own UUID.
        { method: 'PATCH', url: '/api/application/#{FUSIONAUTH_APPLICATION_ID}', body: { application: { data: { kickstartRequest: '#{requestId}' } } } },
      ],
    }),
  });
});
after(async () => {
  await server?.dispose();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

function preflight(url, origin) {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/oauth2/token`, { method: 'OPTIONS', headers: {
      Origin: origin, 'Access-Control-Request-Method': 'POST' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response));
    });
    request.on('error', reject);
    request.end();
  });
}

test('every configuration object of the kickstart is stored, and the includes are byte for byte', async () => {
  const client = makeClient(server);
  const theme = (await client.retrieveTheme(ids.theme)).response.theme;
  assert.equal(theme.stylesheet, STYLESHEET);
  const template = (await client.retrieveEmailTemplate(ids.template)).response.emailTemplate;
  assert.equal(template.defaultHtmlTemplate, TEMPLATE_HTML, '@{} is not scanned for #{}');
  const lambda = (await client.retrieveLambda(ids.lambda)).response.lambda;
  assert.equal(lambda.body, LAMBDA_BODY, 'a whole request from &{}, with a nested @{}');
  assert.equal(lambda.type, 'JWTPopulate');
  const form = (await client.retrieveForm(ids.form)).response.form;
  assert.deepEqual(form.steps[0].fields, [ids.field]);
  const idp = (await client.retrieveIdentityProvider(ids.idp)).response.identityProvider;
  assert.equal(idp.type, 'OpenIDConnect');
  const app = (await client.retrieveApplication(ids.app)).response.application;
  assert.equal(app.name, 'Everything App', '#{ENV.X} inside a &{} body');
  assert.equal(app.tenantId, ids.tenant);
  assert.equal(app.themeId, ids.theme);
  assert.deepEqual(app.scopes.map((scope) => scope.name), ['everything:read']);
  const signingKeys = (await client.retrieveKeys()).response.keys;
  assert.ok(signingKeys.some((key) => key.id === app.jwtConfiguration.accessTokenKeyId),
    '#{FUSIONAUTH_DEFAULT_SIGNING_KEY_ID} names a real key');
  const admin = (await client.retrieveApplication(FUSIONAUTH_APPLICATION_ID)).response.application;
  assert.match(admin.data.kickstartRequest, /^[0-9a-f-]{36}$/, '#{UUID()} resolved');
});

test('the registration was placed in its application\'s tenant, and the group role reaches the token', async () => {
  const client = makeClient(server);
  const user = (await client.retrieveUser(ids.user)).response.user;
  assert.equal(user.tenantId, ids.tenant);
  const login = (await client.login({ loginId: 'ada@everything.example.com', password, applicationId: ids.app })).response;
  assert.deepEqual(decodeJwt(login.token).roles, ['user', 'admin']);
});

test('the machine client gets a client_credentials token for its grant', async () => {
  const { response } = await makeClient(server).clientCredentialsGrant(ids.machine, machineSecret, `target-entity:${ids.api}:read`);
  assert.deepEqual(decodeJwt(response.access_token).permissions, { [ids.api]: ['read'] });
});

test('CORS from the kickstart applies, and the hosted login wears the application theme and name', async () => {
  const allowed = await preflight(server.url, SPA_ORIGIN);
  assert.equal(allowed.headers['access-control-allow-origin'], SPA_ORIGIN);
  const refused = await preflight(server.url, 'http://elsewhere.example');
  assert.equal(refused.statusCode, 403);
  const query = new URLSearchParams({ client_id: ids.app, redirect_uri: 'https://everything.example/cb', response_type: 'code' });
  const html = await (await fetch(`${server.url}/oauth2/authorize?${query}`)).text();
  assert.ok(html.includes('--everything-brand: #123456;'), 'the application theme stylesheet');
  assert.ok(html.includes('Everything App'), "the application's name");
});
