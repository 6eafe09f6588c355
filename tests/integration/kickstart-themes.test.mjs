// Themes inside a kickstart, as FusionAuth's quickstarts write them: a copy of the FusionAuth
// theme (POST /api/theme/#{id} with sourceThemeId), its stylesheet set from a file with
// PATCH and @{css/file.css}, and the tenant pointed at it with PATCH /api/tenant; then the
// hosted login page serves that stylesheet. A kickstart naming a theme that does not exist
// stops start-up naming the request.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, test } from 'node:test';

import { makeClient } from './support/client.mjs';
import { makeTempDir, runUntilExit, startServer } from './support/server.mjs';

const FUSIONAUTH_THEME_ID = '75a068fd-e94b-451a-9aeb-3ddb9a3b5987';
const STYLESHEET = ':root {\n  --brand: #ff6600;\n}\n.panel h2 { color: var(--brand); content: "a \\"quoted\\" <b>"; }\n';

const cleanups = [];
after(async () => { for (const cleanup of cleanups) await cleanup(); });

async function bundle(files) {
  const dir = await makeTempDir('latchkey-kickstart-themes-');
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), content);
  }
  return dir;
}

test('a kickstart copies the FusionAuth theme, PATCHes its stylesheet from a file and sets the tenant theme', async () => {
  const apiKey = `kickstart-themes-${randomUUID()}`;
  const themeId = randomUUID();
  const appId = randomUUID();
  const dataDir = await bundle({ 'css/styles.css': STYLESHEET });
  const server = await startServer({
    dataDir,
    kickstart: {
      variables: { themeId, appId },
      apiKeys: [{ key: apiKey }],
      requests: [
        { method: 'POST', url: '/api/theme/#{themeId}', body: {
          sourceThemeId: FUSIONAUTH_THEME_ID, theme: { name: 'Quickstart theme' } } },
        { method: 'PATCH', url: 'api/theme/#{themeId}', body: { theme: { stylesheet: '@{css/styles.css}' } } },
        { method: 'PATCH', url: '/api/tenant/#{FUSIONAUTH_TENANT_ID}', body: { tenant: { themeId: '#{themeId}' } } },
        { method: 'POST', url: '/api/application/#{appId}', body: { application: {
          name: 'Kickstarted App',
          oauthConfiguration: { authorizedRedirectURLs: ['https://app.example/cb'], enabledGrants: ['authorization_code'] },
        } } },
      ],
    },
  });
  cleanups.push(() => server.dispose());
  const client = makeClient(server, apiKey);
  const theme = (await client.retrieveTheme(themeId)).response.theme;
  assert.equal(theme.name, 'Quickstart theme');
  assert.equal(theme.stylesheet, STYLESHEET, 'the whole file, byte for byte');
  const source = (await client.retrieveTheme(FUSIONAUTH_THEME_ID)).response.theme;
  assert.deepEqual(theme.templates, source.templates, 'copied from the FusionAuth theme');
  const tenants = (await client.retrieveTenants()).response.tenants;
  assert.ok(tenants.some((tenant) => tenant.themeId === themeId), JSON.stringify(tenants.map((t) => t.themeId)));

  const query = new URLSearchParams({ client_id: appId, redirect_uri: 'https://app.example/cb', response_type: 'code' });
  const html = await (await fetch(`${server.url}/oauth2/authorize?${query}`)).text();
  assert.ok(html.includes('--brand: #ff6600;'), 'the tenant theme stylesheet is on the login page');
  assert.ok(html.includes('content: "a \\"quoted\\" \\3c b>"'), 'with < escaped for the <style> element');
  assert.ok(html.includes('Kickstarted App'));
});

test('a kickstart naming an unknown theme stops start-up naming the request', async () => {
  const result = await runUntilExit({
    dataDir: await bundle({}),
    kickstart: {
      apiKeys: [{ key: `kickstart-themes-${randomUUID()}` }],
      requests: [{ method: 'PATCH', url: '/api/tenant/#{FUSIONAUTH_TENANT_ID}', body: { tenant: { themeId: randomUUID() } } }],
    },
  });
  assert.notEqual(result.code, 0);
  const output = JSON.stringify(result.output);
  assert.match(output, /requests\[0\]/);
  assert.match(output, /tenant\.themeId/);
});
