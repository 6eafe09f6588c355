// Kickstart format parity with FusionAuth's documentation (fusionauth-site,
// astro/src/content/docs/get-started/download-and-install/development/kickstart.mdx):
// `@{file}` text includes, `&{file}` JSON includes (a body or a whole request), both relative
// to the kickstart file; request URLs with or without the leading `/`; every documented
// built-in variable; `#{ENV.X}`. A missing or escaping include, or a failing request from an
// included file, stops start-up naming it, and no secret value is printed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, test } from 'node:test';

import { UUID_PATTERN, makeClient } from './support/client.mjs';
import { FUSIONAUTH_APPLICATION_ID } from './support/kickstart.mjs';
import { makeTempDir, runUntilExit, startServer } from './support/server.mjs';

const servers = [];
const tempDirs = [];
after(async () => {
  await Promise.all(servers.map((server) => server.dispose()));
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

// A data directory holding the include files (kickstart.json is written beside them).
async function bundle(files) {
  const dir = await makeTempDir('latchkey-kickstart-format-');
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

async function start(options) {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

const key = () => `kickstart-format-key-${randomUUID()}`;

// The text file includes quotes, backslashes, newlines, a tab and non-ASCII, and kickstart-like
// syntax that must stay as it is.
const STYLESHEET = 'body {\n  font-family: "Helvetica Neue", sans-serif;\n}\n.a\\:hover { content: "…"; }\n\t/* #{notAVariable} @{nor-a-file} */\n';

test('@{file} includes a text file into a string, JSON-escaped, relative to the kickstart file', async () => {
  const apiKey = key();
  const appId = randomUUID();
  const dataDir = await bundle({ 'css/styles.css': STYLESHEET, 'emails/setup.txt': 'Hello,\nset up your password.\n' });
  const server = await start({
    dataDir,
    kickstart: {
      apiKeys: [{ key: apiKey }],
      requests: [{ method: 'POST', url: `/api/application/${appId}`, body: { application: {
        name: 'Text includes',
        data: { stylesheet: '@{css/styles.css}', inline: 'Mail: @{emails/setup.txt}(end)', literal: '\\@{css/styles.css}' },
      } } }],
    },
  });
  const { data } = (await makeClient(server, apiKey).retrieveApplication(appId)).response.application;
  assert.equal(data.stylesheet, STYLESHEET, 'the whole file, byte for byte, not scanned for #{} or @{}');
  assert.equal(data.inline, 'Mail: Hello,\nset up your password.\n(end)', 'an include inside a longer string');
  assert.equal(data.literal, '@{css/styles.css}', '\\@{ is a literal @{');
});

test('&{file} includes a JSON file as a request body; its own strings are substituted', async () => {
  const apiKey = key();
  const appId = randomUUID();
  const dataDir = await bundle({
    'json/application.json': { application: { name: '#{appName}', data: { css: '@{css/styles.css}', env: '#{ENV.LK_KS_FORMAT_COLOR}' } } },
    'css/styles.css': STYLESHEET,
  });
  const server = await start({
    dataDir,
    env: { LK_KS_FORMAT_COLOR: 'teal' },
    kickstart: {
      variables: { appName: 'Body from a file' },
      apiKeys: [{ key: apiKey }],
      requests: [{ method: 'POST', url: `/api/application/${appId}`, body: '&{json/application.json}' }],
    },
  });
  const app = (await makeClient(server, apiKey).retrieveApplication(appId)).response.application;
  assert.equal(app.name, 'Body from a file', '#{variable} inside the included file');
  assert.equal(app.data.css, STYLESHEET, '@{} inside the included file, relative to the kickstart file');
  assert.equal(app.data.env, 'teal', '#{ENV.X} inside the included file');
});

test('&{file} includes a whole request', async () => {
  const apiKey = key();
  const tenantId = randomUUID();
  const dataDir = await bundle({
    'requests/tenant.json': { method: 'POST', url: '/api/tenant/#{tenantId}', body: { tenant: { name: 'Tenant from a request file' } } },
  });
  const server = await start({
    dataDir,
    kickstart: { variables: { tenantId }, apiKeys: [{ key: apiKey }], requests: ['&{requests/tenant.json}'] },
  });
  const tenant = (await makeClient(server, apiKey).retrieveTenant(tenantId)).response.tenant;
  assert.equal(tenant.name, 'Tenant from a request file');
});

test('request URLs work with and without the leading /', async () => {
  const apiKey = key();
  const [withSlash, withoutSlash] = [randomUUID(), randomUUID()];
  const server = await start({
    kickstart: {
      apiKeys: [{ key: apiKey }],
      requests: [
        { method: 'POST', url: `/api/application/${withSlash}`, body: { application: { name: 'With slash' } } },
        { method: 'POST', url: `api/application/${withoutSlash}`, body: { application: { name: 'Without slash' } } },
        { method: 'PATCH', url: 'api/tenant/#{FUSIONAUTH_TENANT_ID}', body: { tenant: { data: { patched: 'no slash' } } } },
      ],
    },
  });
  const client = makeClient(server, apiKey);
  assert.equal((await client.retrieveApplication(withSlash)).response.application.name, 'With slash');
  assert.equal((await client.retrieveApplication(withoutSlash)).response.application.name, 'Without slash');
  const tenant = (await client.retrieveTenants()).response.tenants.find((t) => t.name === 'Default');
  assert.equal(tenant.data.patched, 'no slash');
});

const LAMBDA_TYPES = ['OpenIDReconcile', 'SAMLv2Reconcile', 'AppleReconcile', 'FacebookReconcile', 'GoogleReconcile', 'TwitterReconcile'];
const BUILT_INS = ['FUSIONAUTH_APPLICATION_ID', 'FUSIONAUTH_TENANT_ID', 'FUSIONAUTH_DEFAULT_SIGNING_KEY_ID',
  'TENANT_MANAGER_ID', 'FUSIONAUTH_TENANT_MANAGER_APPLICATION_ID',
  'FUSIONAUTH_FORM[adminUser]_ID', 'FUSIONAUTH_FORM[adminRegistration]_ID',
  ...LAMBDA_TYPES.map((type) => `FUSIONAUTH_LAMBDA[${type}]_ID`)];

test('every documented built-in variable resolves to the instance\'s id', async () => {
  const apiKey = key();
  const appId = randomUUID();
  const server = await start({
    kickstart: {
      apiKeys: [{ key: apiKey }],
      requests: [
        { method: 'POST', url: `/api/application/${appId}`, body: { application: {
          name: 'Built-ins', data: Object.fromEntries(BUILT_INS.map((name) => [name, `#{${name}}`])),
        } } },
        // The signing-key built-in is usable where FusionAuth's kickstarts use it: a key reference.
        { method: 'PATCH', url: '/api/tenant/#{FUSIONAUTH_TENANT_ID}', body: { tenant: { jwtConfiguration: {
          accessTokenKeyId: '#{FUSIONAUTH_DEFAULT_SIGNING_KEY_ID}', idTokenKeyId: '#{FUSIONAUTH_DEFAULT_SIGNING_KEY_ID}',
        } } } },
      ],
    },
  });
  const client = makeClient(server, apiKey);
  const { data } = (await client.retrieveApplication(appId)).response.application;
  for (const name of BUILT_INS) assert.match(data[name], UUID_PATTERN, name);

  assert.equal(data.FUSIONAUTH_APPLICATION_ID, FUSIONAUTH_APPLICATION_ID);
  assert.equal((await client.retrieveApplication(data.FUSIONAUTH_APPLICATION_ID)).response.application.name, 'FusionAuth');
  const tenant = (await client.retrieveTenant(data.FUSIONAUTH_TENANT_ID)).response.tenant;
  assert.equal(tenant.name, 'Default');
  const signingKey = (await client.retrieveKey(data.FUSIONAUTH_DEFAULT_SIGNING_KEY_ID)).response.key;
  assert.equal(signingKey.name, 'Default signing key');
  assert.equal(tenant.jwtConfiguration.accessTokenKeyId, signingKey.id);
  assert.equal(data.TENANT_MANAGER_ID, data.FUSIONAUTH_TENANT_MANAGER_APPLICATION_ID);
  const lambdaIds = LAMBDA_TYPES.map((type) => data[`FUSIONAUTH_LAMBDA[${type}]_ID`]);
  assert.equal(new Set(lambdaIds).size, LAMBDA_TYPES.length, 'each reconcile lambda has its own id');
  assert.notEqual(data['FUSIONAUTH_FORM[adminUser]_ID'], data['FUSIONAUTH_FORM[adminRegistration]_ID']);
});

test('#{ENV.X} reads the environment; built-ins follow defaultTenantId and tenantManagerApplicationId', async () => {
  const apiKey = key();
  const defaultTenantId = randomUUID();
  const tenantManagerApplicationId = randomUUID();
  const appId = randomUUID();
  const server = await start({
    env: { LK_KS_FORMAT_TENANT: defaultTenantId, LK_KS_FORMAT_KEY: apiKey },
    kickstart: {
      variables: { apiKey: '#{ENV.LK_KS_FORMAT_KEY}', defaultTenantId: '#{ENV.LK_KS_FORMAT_TENANT}', tenantManagerApplicationId },
      apiKeys: [{ key: '#{apiKey}' }],
      requests: [{ method: 'POST', url: `/api/application/${appId}`, body: { application: {
        name: 'Special variables', data: { tenant: '#{FUSIONAUTH_TENANT_ID}', manager: '#{TENANT_MANAGER_ID}', manager160: '#{FUSIONAUTH_TENANT_MANAGER_APPLICATION_ID}' },
      } } }],
    },
  });
  const client = makeClient(server, apiKey);
  const app = (await client.retrieveApplication(appId)).response.application;
  assert.equal(app.data.tenant, defaultTenantId);
  assert.equal(app.tenantId, defaultTenantId);
  assert.equal((await client.retrieveTenant(defaultTenantId)).response.tenant.name, 'Default');
  assert.equal(app.data.manager, tenantManagerApplicationId);
  assert.equal(app.data.manager160, tenantManagerApplicationId);
});

test('a missing include file stops start-up naming the file', async () => {
  const apiKey = key();
  const dataDir = await bundle({});
  const result = await runUntilExit({ dataDir, kickstart: {
    apiKeys: [{ key: apiKey }],
    requests: [{ method: 'POST', url: '/api/application', body: '&{json/not-there.json}' }],
  } });
  assert.equal(result.timedOut, false, result.output);
  assert.ok(result.code !== 0 && result.code !== null, `exit code ${result.code}`);
  assert.equal(result.listened, false);
  assert.match(result.output, /json\/not-there\.json/, result.output);
  assert.ok(!result.output.includes(apiKey), 'the API key is not printed');

  const text = await runUntilExit({ dataDir, kickstart: {
    apiKeys: [{ key: apiKey }],
    requests: [{ method: 'POST', url: '/api/application', body: { application: { name: 'x', data: { css: '@{css/missing.css}' } } } }],
  } });
  assert.ok(text.code !== 0 && text.code !== null, `exit code ${text.code}`);
  assert.match(text.output, /css\/missing\.css/, text.output);
});

test('an include path that is absolute or climbs out of the kickstart directory is refused', async () => {
  const outside = await bundle({ 'secret.txt': 'top-secret-outside-value' });
  const dataDir = await bundle({});
  for (const include of ['@{../' + path.basename(outside) + '/secret.txt}', `@{${path.join(outside, 'secret.txt')}}`]) {
    const appId = randomUUID();
    const result = await runUntilExit({ dataDir, kickstart: {
      apiKeys: [{ key: key() }],
      requests: [{ method: 'POST', url: `/api/application/${appId}`, body: { application: { name: 'x', data: { leak: include } } } }],
    } });
    assert.equal(result.timedOut, false, result.output);
    assert.ok(result.code !== 0 && result.code !== null, `${include}: exit code ${result.code}`);
    assert.ok(result.output.includes('secret.txt'), `the refusal names the path:\n${result.output}`);
    assert.ok(!result.output.includes('top-secret-outside-value'), 'nothing of the file is read');
  }
});

test('a failing request from an included file stops start-up naming the request, the file and the reason', async () => {
  const apiKey = key();
  const password = `kickstart-secret-password-${randomUUID()}`;
  const appId = randomUUID();
  const dataDir = await bundle({
    // The registration names an application that does not exist.
    'requests/register.json': { method: 'POST', url: 'api/user/registration', body: {
      user: { email: 'fails@example.com', password: '#{password}' },
      registration: { applicationId: appId },
    } },
  });
  const result = await runUntilExit({ dataDir, env: { LK_KS_FORMAT_PASSWORD: password }, kickstart: {
    variables: { password: '#{ENV.LK_KS_FORMAT_PASSWORD}' },
    apiKeys: [{ key: apiKey }],
    requests: ['&{requests/register.json}'],
  } });
  assert.equal(result.timedOut, false, result.output);
  assert.ok(result.code !== 0 && result.code !== null, `exit code ${result.code}`);
  assert.match(result.output, /requests\[0\] \(&\{requests\/register\.json\}\) POST \/api\/user\/registration failed with HTTP 400/, result.output);
  assert.match(result.output, /applicationId/, 'the reason (FusionAuth\'s error) is named');
  assert.ok(!result.output.includes(password), 'the password is not printed');
  assert.ok(!result.output.includes(apiKey), 'the API key is not printed');
});

test('one kickstart using every construct together starts, and its user logs in', async () => {
  const apiKey = `kickstart-all-key-${randomUUID()}`;
  const password = `all-constructs-password-${randomUUID()}`;
  const defaultTenantId = randomUUID();
  const dataDir = await bundle({
    'css/styles.css': STYLESHEET,
    'emails/welcome.txt': 'Welcome "aboard",\n  #{notSubstituted}\n',
    'json/application.json': { application: {
      name: 'All constructs', roles: [{ name: 'admin' }, { name: 'user', isDefault: true }],
      data: { stylesheet: '@{css/styles.css}', signingKey: '#{FUSIONAUTH_DEFAULT_SIGNING_KEY_ID}' },
      jwtConfiguration: { enabled: true, accessTokenKeyId: '#{FUSIONAUTH_DEFAULT_SIGNING_KEY_ID}' },
      oauthConfiguration: { authorizedRedirectURLs: ['http://localhost:3000/callback'], enabledGrants: ['authorization_code', 'password'] },
    } },
    'requests/register.json': { method: 'POST', url: 'api/user/registration/#{userId}', body: {
      user: { email: '#{email}', password: '#{password}', data: { welcome: '@{emails/welcome.txt}' } },
      registration: { applicationId: '#{appId}', roles: ['admin'] },
    } },
  });
  const server = await start({
    dataDir,
    env: { LK_KS_ALL_KEY: apiKey, LK_KS_ALL_PASSWORD: password },
    kickstart: {
      variables: {
        apiKey: '#{ENV.LK_KS_ALL_KEY}', password: '#{ENV.LK_KS_ALL_PASSWORD}', defaultTenantId,
        appId: '#{UUID()}', userId: '#{UUID()}', secondTenantId: '#{UUID()}', email: 'all@example.com',
      },
      apiKeys: [{ key: '#{apiKey}', description: 'all constructs' }],
      requests: [
        { method: 'PATCH', url: 'api/tenant/#{FUSIONAUTH_TENANT_ID}', body: { tenant: { data: { css: '@{css/styles.css}' } } } },
        { method: 'POST', url: '/api/application/#{appId}', body: '&{json/application.json}' },
        '&{requests/register.json}',
        { method: 'POST', url: '/api/user/registration/#{userId}', body: { registration: { applicationId: '#{FUSIONAUTH_APPLICATION_ID}', roles: ['admin'] } } },
        { method: 'POST', url: '/api/tenant/#{secondTenantId}', body: { tenant: { name: 'Second #{FUSIONAUTH_LAMBDA[GoogleReconcile]_ID}' } } },
      ],
    },
  });
  const client = makeClient(server, apiKey);
  const tenant = (await client.retrieveTenant(defaultTenantId)).response.tenant;
  assert.equal(tenant.name, 'Default');
  assert.equal(tenant.data.css, STYLESHEET);

  const app = (await client.retrieveApplications()).response.applications.find((a) => a.name === 'All constructs');
  assert.ok(app, 'the &{} body created the application');
  assert.match(app.id, UUID_PATTERN);
  assert.equal(app.tenantId, defaultTenantId);
  assert.equal(app.data.stylesheet, STYLESHEET);
  const signingKey = (await client.retrieveKey(app.data.signingKey)).response.key;
  assert.equal(signingKey.name, 'Default signing key');
  assert.equal(app.jwtConfiguration.accessTokenKeyId, signingKey.id);

  const user = (await makeClient(server, apiKey, defaultTenantId).retrieveUserByEmail('all@example.com')).response.user;
  assert.equal(user.data.welcome, 'Welcome "aboard",\n  #{notSubstituted}\n');
  assert.deepEqual(user.registrations.map((r) => r.applicationId).sort(), [app.id, FUSIONAUTH_APPLICATION_ID].sort());

  const second = (await client.retrieveTenants()).response.tenants.find((t) => t.name.startsWith('Second '));
  assert.match(second.name.slice('Second '.length), UUID_PATTERN);

  const login = await client.login({ loginId: 'all@example.com', password, applicationId: app.id });
  assert.equal(login.statusCode, 200);
  assert.equal(login.response.user.id, user.id);
  assert.ok(!server.logs().includes(password), 'the password is not logged');
});

test('#{UUID()} values hold for the whole start-up: defaultTenantId, the requests and the welcome lines agree', async () => {
  const apiKey = key();
  const server = await start({
    kickstart: {
      variables: { defaultTenantId: '#{UUID()}', appId: '#{UUID()}' },
      apiKeys: [{ key: apiKey }],
      requests: [{ method: 'POST', url: 'api/application/#{appId}', body: { application: {
        name: 'UUID app', data: { tenant: '#{FUSIONAUTH_TENANT_ID}', declared: '#{defaultTenantId}' },
      } } }],
      welcome: ['kickstart-format welcome: app #{appId} tenant #{FUSIONAUTH_TENANT_ID}'],
    },
  });
  const client = makeClient(server, apiKey);
  const app = (await client.retrieveApplications()).response.applications.find((a) => a.name === 'UUID app');
  assert.ok(app);
  const defaultTenant = (await client.retrieveTenants()).response.tenants.find((t) => t.name === 'Default');
  assert.equal(defaultTenant.id, app.data.declared, 'the Default tenant got the #{UUID()} of defaultTenantId');
  assert.equal(app.data.tenant, defaultTenant.id);
  assert.equal(app.tenantId, defaultTenant.id);
  assert.ok(server.logs().includes(`kickstart-format welcome: app ${app.id} tenant ${defaultTenant.id}`), server.logs());
});
