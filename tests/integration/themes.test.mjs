// The Theme API (FusionAuth apis/themes/advanced-themes.mdx) through FusionAuth's official
// client: every method (createTheme with and without an id and as a copy of `sourceThemeId`,
// retrieveTheme(s), updateTheme, patchTheme, deleteTheme, searchThemes) with its errors, the
// global-key rule (a tenant-locked key is refused), endpoint permissions, themeId references
// from tenants and applications, and the theme applied on the hosted login page.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { UUID_PATTERN, assertFieldError, expectStatus, makeClient } from './support/client.mjs';
import { baseKickstart } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const FUSIONAUTH_THEME_ID = '75a068fd-e94b-451a-9aeb-3ddb9a3b5987';
const LOCKED_KEY = `themes-locked-${randomUUID()}`;
const GET_ONLY_KEY = `themes-get-only-${randomUUID()}`;
const APP_ID = randomUUID();
const REDIRECT = 'https://app.example/callback';
const MESSAGES = ['code', 'login', 'loginId', 'password', 'password-change-title', 'passwordConfirm',
  'submit', 'two-factor-challenge', 'verify'].map((key) => `${key}=${key}`).join('\n');

let server;
let client;
let tenantId;

before(async () => {
  server = await startServer({
    kickstart: baseKickstart({
      apiKeys: [
        { key: LOCKED_KEY, tenantId: '#{FUSIONAUTH_TENANT_ID}' },
        { key: GET_ONLY_KEY, permissions: { endpoints: { '/api/theme': ['GET'] } } },
      ],
      requests: [{ method: 'POST', url: `/api/application/${APP_ID}`, body: { application: {
        name: 'Themed Shop',
        oauthConfiguration: { authorizedRedirectURLs: [REDIRECT], enabledGrants: ['authorization_code'] },
      } } }],
    }),
  });
  client = makeClient(server);
  tenantId = (await client.retrieveApplication(APP_ID)).response.application.tenantId;
});
after(async () => { await server?.dispose(); });

const copyOf = (name, source = FUSIONAUTH_THEME_ID) => ({ sourceThemeId: source, theme: { name } });
const uniqueName = (prefix) => `${prefix} ${randomUUID().slice(0, 8)}`;

test('the FusionAuth theme exists with its fixed id and every template', async () => {
  const { response } = await client.retrieveTheme(FUSIONAUTH_THEME_ID);
  assert.equal(response.theme.id, FUSIONAUTH_THEME_ID);
  assert.equal(response.theme.name, 'FusionAuth');
  assert.equal(typeof response.theme.templates.oauth2Authorize, 'string');
  assert.equal(typeof response.theme.defaultMessages, 'string');
  const all = (await client.retrieveThemes()).response.themes;
  assert.ok(all.some((theme) => theme.id === FUSIONAUTH_THEME_ID));
});

test('createTheme copies sourceThemeId: messages, stylesheet and templates, a random id', async () => {
  const name = uniqueName('Copy');
  const { response } = await client.createTheme(null, copyOf(name));
  const source = (await client.retrieveTheme(FUSIONAUTH_THEME_ID)).response.theme;
  assert.match(response.theme.id, UUID_PATTERN);
  assert.equal(response.theme.name, name);
  assert.deepEqual(response.theme.templates, source.templates);
  assert.equal(response.theme.defaultMessages, source.defaultMessages);
  assert.equal(typeof response.theme.insertInstant, 'number');
  assert.deepEqual((await client.retrieveTheme(response.theme.id)).response.theme, response.theme);
});

test('createTheme with an id, and a whole theme without a source', async () => {
  const id = randomUUID();
  const name = uniqueName('Whole');
  const { response } = await client.createTheme(id, { theme: {
    name, defaultMessages: MESSAGES, stylesheet: 'h1 { color: orange; }',
    localizedMessages: { fr: 'login=Connexion' }, data: { addedBy: 'test' },
  } });
  assert.equal(response.theme.id, id);
  assert.equal(response.theme.stylesheet, 'h1 { color: orange; }');
  assert.equal(response.theme.localizedMessages.fr, 'login=Connexion');
  assert.deepEqual(response.theme.data, { addedBy: 'test' });
});

test('createTheme errors: blank name, messages, missing keys, stylesheet, unknown source, duplicates', async () => {
  let errors = await expectStatus(client.createTheme(null, { theme: { name: '' } }), 400);
  assertFieldError(errors, 'theme.name', '[blank]theme.name');
  assertFieldError(errors, 'theme.defaultMessages', '[blank]theme.defaultMessages');
  errors = await expectStatus(client.createTheme(null, { theme: { name: uniqueName('x'), defaultMessages: 'login=Login' } }), 400);
  assertFieldError(errors, 'theme.defaultMessages', '[invalid]theme.defaultMessages');
  assert.match(errors.fieldErrors['theme.defaultMessages'][0].message, /submit/);
  errors = await expectStatus(client.createTheme(null, { theme: {
    name: uniqueName('x'), defaultMessages: MESSAGES, stylesheet: 'h1{}</style><script>alert(1)</script>',
  } }), 400);
  assertFieldError(errors, 'theme.stylesheet', '[invalid]theme.stylesheet');
  errors = await expectStatus(client.createTheme(null, copyOf(uniqueName('x'), randomUUID())), 400);
  assertFieldError(errors, 'sourceThemeId', '[invalid]sourceThemeId');

  const id = randomUUID();
  const name = uniqueName('Dup');
  await client.createTheme(id, copyOf(name));
  assertFieldError(await expectStatus(client.createTheme(null, copyOf(name.toUpperCase())), 400),
    'theme.name', '[duplicate]theme.name');
  assertFieldError(await expectStatus(client.createTheme(id, copyOf(uniqueName('other'))), 400),
    'themeId', '[duplicate]themeId');
  assertFieldError(await expectStatus(client.createTheme(null, { theme: { name: 5, templates: 'nope' } }), 400),
    'theme.templates', '[invalidJSON]');
});

test('retrieveTheme of an unknown or malformed id', async () => {
  await expectStatus(client.retrieveTheme(randomUUID()), 404);
  const response = await fetch(`${server.url}/api/theme/not-a-uuid`, { headers: { Authorization: client.apiKey } });
  assert.equal(response.status, 400);
  assertFieldError(await response.json(), 'themeId', '[couldNotConvert]themeId');
});

test('updateTheme replaces the theme; it must carry templates and exist', async () => {
  const created = (await client.createTheme(null, copyOf(uniqueName('Put')))).response.theme;
  const name = uniqueName('Put renamed');
  const { response } = await client.updateTheme(created.id, { theme: {
    name, defaultMessages: MESSAGES, templates: { oauth2Authorize: '[#ftl/]<p>mine</p>' }, stylesheet: '.x{}',
  } });
  assert.equal(response.theme.name, name);
  assert.equal(response.theme.templates.oauth2Authorize, '[#ftl/]<p>mine</p>');
  assert.equal(response.theme.insertInstant, created.insertInstant);
  assert.ok(response.theme.lastUpdateInstant >= created.lastUpdateInstant);
  assertFieldError(await expectStatus(client.updateTheme(created.id, { theme: { name, defaultMessages: MESSAGES } }), 400),
    'theme.templates', '[missing]theme.templates');
  await expectStatus(client.updateTheme(randomUUID(), { theme: { name: uniqueName('ghost'), defaultMessages: MESSAGES, templates: { helpers: 'x' } } }), 404);
});

test('patchTheme changes stylesheet, templates.*, defaultMessages, localizedMessages and name', async () => {
  const created = (await client.createTheme(null, copyOf(uniqueName('Patch')))).response.theme;
  const name = uniqueName('Patched');
  const { response } = await client.patchTheme(created.id, { theme: {
    stylesheet: 'body { background: #123456; }',
    templates: { helpers: '[#ftl/]<!-- mine -->' },
    defaultMessages: `${MESSAGES}\nextra=Extra`,
    localizedMessages: { de: 'login=Anmelden' },
    name,
  } });
  assert.equal(response.theme.stylesheet, 'body { background: #123456; }');
  assert.equal(response.theme.templates.helpers, '[#ftl/]<!-- mine -->');
  assert.equal(response.theme.templates.oauth2Authorize, created.templates.oauth2Authorize, 'other templates stay');
  assert.match(response.theme.defaultMessages, /extra=Extra/);
  assert.equal(response.theme.localizedMessages.de, 'login=Anmelden');
  assert.equal(response.theme.name, name);
  assertFieldError(await expectStatus(client.patchTheme(created.id, { theme: { stylesheet: 'a{}</STYLE>' } }), 400),
    'theme.stylesheet', '[invalid]theme.stylesheet');
  assertFieldError(await expectStatus(client.patchTheme(created.id, { theme: { name: '' } }), 400),
    'theme.name', '[blank]theme.name');
  await expectStatus(client.patchTheme(randomUUID(), { theme: { name: 'x' } }), 404);
});

test('the FusionAuth theme: its stylesheet may change, its templates may not, it cannot be deleted', async () => {
  const before = (await client.retrieveTheme(FUSIONAUTH_THEME_ID)).response.theme;
  const { response } = await client.patchTheme(FUSIONAUTH_THEME_ID, { theme: { templates: { helpers: '[#ftl/]changed' } } });
  assert.equal(response.theme.templates.helpers, before.templates.helpers);
  assertFieldError(await expectStatus(client.deleteTheme(FUSIONAUTH_THEME_ID), 400), 'themeId', '[fusionAuth]themeId');
});

test('themeId references: tenants and applications must name a theme, which then cannot be deleted', async () => {
  const theme = (await client.createTheme(null, copyOf(uniqueName('InUse')))).response.theme;
  assertFieldError(await expectStatus(client.patchTenant(tenantId, { tenant: { themeId: randomUUID() } }), 400),
    'tenant.themeId', '[invalid]tenant.themeId');
  assertFieldError(await expectStatus(client.createApplication(null, { application: { name: 'Bad theme', themeId: randomUUID() } }), 400),
    'application.themeId', '[invalid]application.themeId');

  const tenant = (await client.createTenant(null, { tenant: { name: uniqueName('Themed tenant'), themeId: theme.id } })).response.tenant;
  assert.equal(tenant.themeId, theme.id);
  assertFieldError(await expectStatus(client.deleteTheme(theme.id), 400), 'themeId', '[inUse]themeId');
  await client.deleteTenant(tenant.id);

  const app = (await client.createApplication(null, { application: { name: uniqueName('Themed app'), themeId: theme.id } })).response.application;
  assertFieldError(await expectStatus(client.deleteTheme(theme.id), 400), 'themeId', '[inUse]themeId');
  await client.deleteApplication(app.id);

  await client.deleteTheme(theme.id);
  await expectStatus(client.retrieveTheme(theme.id), 404);
  await expectStatus(client.deleteTheme(theme.id), 404);
});

test('searchThemes: by name (wildcards), paged, ordered, with the total', async () => {
  const tag = randomUUID().slice(0, 8);
  for (const name of [`Alpha ${tag}`, `Beta ${tag}`, `Gamma ${tag}`]) await client.createTheme(null, copyOf(name));
  let { response } = await client.searchThemes({ search: { name: tag, numberOfResults: 2, orderBy: 'name DESC' } });
  assert.equal(response.total, 3);
  assert.deepEqual(response.themes.map((t) => t.name), [`Gamma ${tag}`, `Beta ${tag}`]);
  ({ response } = await client.searchThemes({ search: { name: `alpha ${tag}*`, startRow: 0 } }));
  assert.deepEqual(response.themes.map((t) => t.name), [`Alpha ${tag}`]);
  ({ response } = await client.searchThemes({ search: { name: tag, startRow: 2 } }));
  assert.equal(response.total, 3);
  assert.deepEqual(response.themes.map((t) => t.name), [`Gamma ${tag}`]);
  const get = await fetch(`${server.url}/api/theme/search?name=${encodeURIComponent(`beta ${tag}`)}`,
    { headers: { Authorization: client.apiKey } });
  assert.equal(get.status, 200);
  assert.deepEqual((await get.json()).themes.map((t) => t.name), [`Beta ${tag}`]);
  assertFieldError(await expectStatus(client.searchThemes({ search: { orderBy: 'stylesheet' } }), 400),
    'search.orderBy', '[invalid]search.orderBy');
});

test('a tenant-locked API key is refused by every Theme API call', async () => {
  const theme = (await client.createTheme(null, copyOf(uniqueName('Locked')))).response.theme;
  const locked = makeClient(server, LOCKED_KEY);
  await expectStatus(locked.createTheme(null, copyOf(uniqueName('locked'))), 401);
  await expectStatus(locked.retrieveTheme(theme.id), 401);
  await expectStatus(locked.retrieveThemes(), 401);
  await expectStatus(locked.updateTheme(theme.id, { theme: { name: 'x', defaultMessages: MESSAGES, templates: { helpers: 'x' } } }), 401);
  await expectStatus(locked.patchTheme(theme.id, { theme: { stylesheet: '.x{}' } }), 401);
  await expectStatus(locked.searchThemes({ search: {} }), 401);
  await expectStatus(locked.deleteTheme(theme.id), 401);
  assert.equal((await client.retrieveTheme(theme.id)).response.theme.stylesheet, theme.stylesheet);
});

test('endpoint permissions apply: a key allowed GET /api/theme only reads', async () => {
  const reader = makeClient(server, GET_ONLY_KEY);
  assert.equal((await reader.retrieveTheme(FUSIONAUTH_THEME_ID)).response.theme.name, 'FusionAuth');
  await expectStatus(reader.createTheme(null, copyOf(uniqueName('reader'))), 401);
  await expectStatus(reader.searchThemes({ search: {} }), 401);
});

test('the hosted login page wears the application theme inside its CSP and names the application', async () => {
  const stylesheet = '.panel { border-top: 7px solid rgb(1, 2, 3); }\r\n/* <b>not html</b> */';
  const theme = (await client.createTheme(null, copyOf(uniqueName('Shop')))).response.theme;
  await client.patchTheme(theme.id, { theme: { stylesheet } });
  await client.patchApplication(APP_ID, { application: { themeId: theme.id } });
  const query = new URLSearchParams({ client_id: APP_ID, redirect_uri: REDIRECT, response_type: 'code' });
  const page = await fetch(`${server.url}/oauth2/authorize?${query}`);
  const html = await page.text();
  assert.equal(page.status, 200);
  assert.match(html, /<title>Login \| Themed Shop<\/title>/);
  assert.match(html, /id="application-name">Themed Shop</);
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  assert.equal(styles.length, 2);
  assert.ok(styles[1].includes('.panel { border-top: 7px solid rgb(1, 2, 3); }\n'), styles[1]);
  assert.ok(!styles[1].includes('<'), 'no < reaches the style element');
  const csp = page.headers.get('content-security-policy');
  assert.ok(!csp.includes('unsafe-inline'), csp);
  for (const text of styles) {
    const hash = createHash('sha256').update(text, 'utf8').digest('base64');
    assert.ok(csp.includes(`'sha256-${hash}'`), `${csp} lacks the hash of ${text.slice(0, 40)}`);
  }
  // FusionAuth's default theme: the elements UI tests look for.
  assert.match(html, /<form action="\/oauth2\/authorize" method="POST" class="full"/);
  assert.match(html, /<input type="text" id="loginId" name="loginId"/);
  assert.match(html, /<input type="password" id="password" name="password"/);
  assert.match(html, /<button type="submit" class="blue button"/);
  await client.patchApplication(APP_ID, { application: { themeId: null } });
});
