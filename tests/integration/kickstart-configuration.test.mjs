// Kickstart files that create configuration documents, as FusionAuth's example kickstarts do:
// an email template whose bodies are `@{file}` text includes, a lambda request whose body is an
// `&{file}` JSON include, form fields and a form naming them by variable, and a tenant/lambda
// reference to FusionAuth's built-in default lambda ids. Start-up succeeds and GET returns each.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { makeClient } from './support/client.mjs';
import { makeTempDir, runUntilExit, startServer } from './support/server.mjs';

const API_KEY = `kickstart-configuration-${randomUUID()}`;
const TEMPLATE_ID = randomUUID();
const LAMBDA_ID = randomUUID();
const FIELD_EMAIL_ID = randomUUID();
const FIELD_PASSWORD_ID = randomUUID();
const FIELD_COLOR_ID = randomUUID();
const FORM_ID = randomUUID();

const HTML = '<p>Hello ${user.firstName!"friend"},</p>\n<p>Click <a href="${url}">here</a> &amp; "verify".</p>\n';
const TEXT = 'Hello ${user.firstName!"friend"},\nverify at ${url}\n';
const LAMBDA_BODY = 'function populate(jwt, user, registration) {\n  jwt.color = user.data.color;\n}\n';

const dirs = [];
let server;
let client;

async function bundle(files) {
  const dir = await makeTempDir('latchkey-kickstart-configuration-');
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

before(async () => {
  const dataDir = await bundle({
    'email-templates/verify.html.ftl': HTML,
    'email-templates/verify.txt.ftl': TEXT,
    'lambdas/populate.json': { lambda: { name: 'Color populate', type: 'JWTPopulate', body: '@{lambdas/populate.js}', debug: true } },
    'lambdas/populate.js': LAMBDA_BODY,
  });
  server = await startServer({
    dataDir,
    kickstart: {
      variables: { templateId: TEMPLATE_ID, lambdaId: LAMBDA_ID, emailField: FIELD_EMAIL_ID, passwordField: FIELD_PASSWORD_ID, colorField: FIELD_COLOR_ID },
      apiKeys: [{ key: API_KEY }],
      requests: [
        { method: 'POST', url: '/api/email/template/#{templateId}', body: { emailTemplate: {
          name: 'Verify your email', defaultSubject: 'Verify', defaultFromName: 'Example',
          defaultHtmlTemplate: '@{email-templates/verify.html.ftl}', defaultTextTemplate: '@{email-templates/verify.txt.ftl}',
        } } },
        // Written without the leading slash, as several FusionAuth examples are.
        { method: 'POST', url: 'api/lambda/#{lambdaId}', body: '&{lambdas/populate.json}' },
        { method: 'POST', url: '/api/form/field/#{emailField}', body: { field: { name: 'Email', key: 'user.email', required: true } } },
        { method: 'POST', url: '/api/form/field/#{passwordField}', body: { field: { name: 'Password', key: 'user.password', required: true } } },
        { method: 'POST', url: '/api/form/field/#{colorField}', body: { field: { name: 'Favorite color', key: 'user.data.color', control: 'select', options: ['red', 'blue'] } } },
        { method: 'POST', url: `/api/form/${FORM_ID}`, body: { form: { name: 'Registration', type: 'registration', steps: [
          { fields: ['#{emailField}', '#{passwordField}'] }, { fields: ['#{colorField}'] },
        ] } } },
        // FusionAuth's default lambdas are there to name, by their built-in ids.
        { method: 'PATCH', url: '/api/lambda/#{FUSIONAUTH_LAMBDA[GoogleReconcile]_ID}', body: { lambda: { debug: true } } },
        { method: 'PATCH', url: '/api/form/#{FUSIONAUTH_FORM[adminUser]_ID}', body: { form: { data: { edited: true } } } },
      ],
    },
  });
  client = makeClient(server, API_KEY);
});

after(async () => {
  await server?.dispose();
  await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

test('kickstart POST /api/email/template with @{file} bodies: GET returns them byte for byte', async () => {
  const { emailTemplate } = (await client.retrieveEmailTemplate(TEMPLATE_ID)).response;
  assert.equal(emailTemplate.name, 'Verify your email');
  assert.equal(emailTemplate.defaultHtmlTemplate, HTML);
  assert.equal(emailTemplate.defaultTextTemplate, TEXT);
});

test('kickstart POST api/lambda with an &{file} request body: GET returns it', async () => {
  const { lambda } = (await client.retrieveLambda(LAMBDA_ID)).response;
  assert.equal(lambda.name, 'Color populate');
  assert.equal(lambda.type, 'JWTPopulate');
  assert.equal(lambda.body, LAMBDA_BODY);
  assert.equal(lambda.debug, true);
  const google = (await client.retrieveLambda('89716d2b-78cc-4a60-aced-c8383dc77ffd')).response.lambda;
  assert.equal(google.debug, true, 'the PATCH of a built-in default lambda id was applied');
});

test('kickstart POST /api/form/field and /api/form: GET returns the form with its steps', async () => {
  const adminUser = (await client.retrieveForm('99a0f4c2-e8ac-4db6-b3ca-3f508738d9df')).response.form;
  assert.equal(adminUser.data.edited, true, 'the PATCH of the built-in default admin user form id was applied');
  const { fields } = (await client.retrieveFormFields()).response;
  for (const id of [FIELD_EMAIL_ID, FIELD_PASSWORD_ID, FIELD_COLOR_ID]) assert.ok(fields.some((f) => f.id === id), id);
  const { form } = (await client.retrieveForm(FORM_ID)).response;
  assert.equal(form.name, 'Registration');
  assert.deepEqual(form.steps.map((s) => s.fields), [[FIELD_EMAIL_ID, FIELD_PASSWORD_ID], [FIELD_COLOR_ID]]);
});

test('a kickstart request a configuration API refuses stops start-up naming it', async () => {
  const dataDir = await bundle({});
  const run = await runUntilExit({ dataDir, kickstart: {
    apiKeys: [{ key: `kickstart-configuration-bad-${randomUUID()}` }],
    requests: [{ method: 'POST', url: '/api/form', body: { form: { name: 'Ghost', steps: [{ fields: [randomUUID()] }] } } }],
  } });
  assert.notEqual(run.code, 0);
  assert.match(run.output, /\/api\/form/);
  assert.match(run.output, /form\.steps\.fields/);
});
