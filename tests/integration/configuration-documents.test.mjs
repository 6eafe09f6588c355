// The configuration document APIs through FusionAuth's official client: Email Template, Form
// Field, Form and Lambda, every client method, their validation and error codes, FusionAuth's
// default objects, and API-key permissions (endpoint allow-lists; tenant-locked keys are refused
// as on FusionAuth's global-api-key endpoints).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { UUID_PATTERN, assertFieldError, expectStatus, makeClient } from './support/client.mjs';
import { baseKickstart } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const LOCKED_KEY = `config-docs-locked-${randomUUID()}`;
const LAMBDA_GET_ONLY_KEY = `config-docs-lambda-get-${randomUUID()}`;

let server;
let client;

before(async () => {
  server = await startServer({
    kickstart: baseKickstart({ apiKeys: [
      { key: LOCKED_KEY, tenantId: '#{FUSIONAUTH_TENANT_ID}' },
      { key: LAMBDA_GET_ONLY_KEY, permissions: { endpoints: { '/api/lambda': ['GET'] } } },
    ] }),
  });
  client = makeClient(server);
});

after(async () => { await server?.dispose(); });

const template = (name, extra = {}) => ({ emailTemplate: {
  name, defaultSubject: 'Hello ${user.firstName}', defaultFromName: 'Team',
  defaultHtmlTemplate: '<p>Hello ${user.email}</p>', defaultTextTemplate: 'Hello ${user.email}', ...extra,
} });

// ---- Email templates ----------------------------------------------------------------------

test('createEmailTemplate with and without an id, retrieveEmailTemplate(s)', async () => {
  const id = randomUUID();
  const created = (await client.createEmailTemplate(id, template('Welcome', { localizedSubjects: { de: 'Hallo' } }))).response.emailTemplate;
  assert.equal(created.id, id);
  assert.equal(created.localizedSubjects.de, 'Hallo');
  assert.equal(typeof created.insertInstant, 'number');
  const generated = (await client.createEmailTemplate(null, template('Generated id'))).response.emailTemplate;
  assert.match(generated.id, UUID_PATTERN);
  assert.deepEqual((await client.retrieveEmailTemplate(id)).response.emailTemplate, created);
  const all = (await client.retrieveEmailTemplates()).response.emailTemplates;
  assert.ok(all.some((t) => t.id === id) && all.some((t) => t.id === generated.id));
});

test('FusionAuth\'s default email templates exist on a fresh install, findable by name', async () => {
  const { response } = await client.searchEmailTemplates({ search: { name: '[FusionAuth Default] Forgot Password' } });
  assert.equal(response.total, 1);
  assert.equal(response.emailTemplates[0].defaultSubject, 'Reset your password');
  const defaults = (await client.searchEmailTemplates({ search: { name: '[FusionAuth Default]*', numberOfResults: 100 } })).response;
  assert.ok(defaults.total >= 15, `expected FusionAuth's default set, got ${defaults.total}`);
  // A default is an ordinary template: it can be copied by reading it and creating another.
  const copy = { ...response.emailTemplates[0], name: 'My forgot password' };
  delete copy.id;
  const created = (await client.createEmailTemplate(null, { emailTemplate: copy })).response.emailTemplate;
  assert.equal(created.defaultHtmlTemplate, response.emailTemplates[0].defaultHtmlTemplate);
});

test('updateEmailTemplate replaces, patchEmailTemplate merges, deleteEmailTemplate removes', async () => {
  const id = randomUUID();
  const created = (await client.createEmailTemplate(id, template('Edit me'))).response.emailTemplate;
  const updated = (await client.updateEmailTemplate(id, template('Edited', { defaultSubject: 'New subject' }))).response.emailTemplate;
  assert.equal(updated.name, 'Edited');
  assert.equal(updated.defaultSubject, 'New subject');
  assert.equal(updated.insertInstant, created.insertInstant);
  const patched = (await client.patchEmailTemplate(id, { emailTemplate: { fromEmail: 'team@example.com' } })).response.emailTemplate;
  assert.equal(patched.fromEmail, 'team@example.com');
  assert.equal(patched.name, 'Edited');
  await client.deleteEmailTemplate(id);
  await expectStatus(client.retrieveEmailTemplate(id), 404);
});

test('searchEmailTemplates pages, orders and wildcards', async () => {
  const prefix = `Search ${randomUUID().slice(0, 8)}`;
  for (const n of ['c', 'a', 'b']) await client.createEmailTemplate(null, template(`${prefix} ${n}`));
  const { response } = await client.searchEmailTemplates({ search: { name: prefix, orderBy: 'name DESC', startRow: 1, numberOfResults: 1 } });
  assert.equal(response.total, 3);
  assert.deepEqual(response.emailTemplates.map((t) => t.name), [`${prefix} b`]);
  const viaGet = await fetch(`${server.url}/api/email/template/search?name=${encodeURIComponent(`${prefix} a`)}`,
    { headers: { Authorization: client.apiKey } });
  assert.equal(viaGet.status, 200);
  assert.equal((await viaGet.json()).total, 1);
  assertFieldError(await expectStatus(client.searchEmailTemplates({ search: { orderBy: 'secret ASC' } }), 400),
    'search.orderBy', '[invalid]search.orderBy');
});

test('email template errors: required members, duplicate id, unknown id, bad JSON', async () => {
  const errors = await expectStatus(client.createEmailTemplate(null, { emailTemplate: {} }), 400);
  for (const member of ['name', 'defaultSubject', 'defaultHtmlTemplate', 'defaultTextTemplate']) {
    assertFieldError(errors, `emailTemplate.${member}`, `[blank]emailTemplate.${member}`);
  }
  assertFieldError(await expectStatus(client.createEmailTemplate(null, {}), 400), 'emailTemplate', '[missing]emailTemplate');
  const id = randomUUID();
  await client.createEmailTemplate(id, template('Duplicate'));
  assertFieldError(await expectStatus(client.createEmailTemplate(id, template('Duplicate again')), 400),
    'emailTemplateId', '[duplicate]emailTemplateId');
  const unknown = randomUUID();
  await expectStatus(client.retrieveEmailTemplate(unknown), 404);
  await expectStatus(client.updateEmailTemplate(unknown, template('x')), 404);
  await expectStatus(client.patchEmailTemplate(unknown, template('x')), 404);
  await expectStatus(client.deleteEmailTemplate(unknown), 404);
  assertFieldError(await expectStatus(client.createEmailTemplate(null, template('Bad from', { fromEmail: 'nope' })), 400),
    'emailTemplate.fromEmail', '[invalid]emailTemplate.fromEmail');
  const notJson = await fetch(`${server.url}/api/email/template`, {
    method: 'POST', headers: { Authorization: client.apiKey, 'Content-Type': 'application/json' }, body: '{not json',
  });
  assert.equal(notJson.status, 400);
  const badId = await fetch(`${server.url}/api/email/template/not-a-uuid`, { headers: { Authorization: client.apiKey } });
  assert.equal(badId.status, 400);
});

test('retrieveEmailTemplatePreview is answered 501: Latchkey does not render FreeMarker yet', async () => {
  const errors = await expectStatus(client.retrieveEmailTemplatePreview(template('Preview')), 501);
  assert.equal(errors.generalErrors[0].code, '[notImplemented]');
});

// ---- Form fields and forms ----------------------------------------------------------------

async function createField(key, extra = {}) {
  return (await client.createFormField(null, { field: { name: `${key} ${randomUUID().slice(0, 8)}`, key, ...extra } })).response.field;
}

test('createFormField with and without an id, retrieveFormField(s); managed keys get FusionAuth\'s control and type', async () => {
  const id = randomUUID();
  const created = (await client.createFormField(id, { field: { name: `Color ${id}`, key: 'user.data.favoriteColor', control: 'select', options: ['red', 'blue'], required: true } })).response.field;
  assert.equal(created.id, id);
  assert.equal(created.control, 'select');
  assert.equal(created.type, 'string');
  assert.deepEqual(created.options, ['red', 'blue']);
  const email = await createField('user.email', { control: 'textarea' });
  assert.match(email.id, UUID_PATTERN);
  assert.equal(email.control, 'text');
  assert.equal(email.type, 'email');
  assert.deepEqual((await client.retrieveFormField(id)).response.field, created);
  const all = (await client.retrieveFormFields()).response.fields;
  assert.ok(all.some((f) => f.id === id) && all.some((f) => f.id === email.id));
});

test('updateFormField keeps key, control and type; patchFormField merges; deleteFormField removes', async () => {
  const field = await createField('user.data.nickname');
  const updated = (await client.updateFormField(field.id, { field: { name: `Renamed ${field.id}`, key: 'user.data.other', type: 'number', required: true } })).response.field;
  assert.equal(updated.name, `Renamed ${field.id}`);
  assert.equal(updated.key, 'user.data.nickname');
  assert.equal(updated.type, 'string');
  const patched = (await client.patchFormField(field.id, { field: { description: 'What friends call you' } })).response.field;
  assert.equal(patched.description, 'What friends call you');
  assert.equal(patched.required, true);
  await client.deleteFormField(field.id);
  await expectStatus(client.retrieveFormField(field.id), 404);
});

test('form field errors: required members, bad key, enums, duplicate name and id, unknown id', async () => {
  const errors = await expectStatus(client.createFormField(null, { field: {} }), 400);
  assertFieldError(errors, 'field.name', '[blank]field.name');
  assertFieldError(errors, 'field.key', '[blank]field.key');
  assertFieldError(await expectStatus(client.createFormField(null, { field: { name: 'Bad key', key: 'user.favorite color' } }), 400),
    'field.key', '[invalid]field.key');
  assertFieldError(await expectStatus(client.createFormField(null, { field: { name: 'Bad control', key: 'user.data.x', control: 'slider' } }), 400),
    'field.control', '[invalidJSON]');
  assertFieldError(await expectStatus(client.createFormField(null, { field: { name: 'No options', key: 'user.data.x', control: 'radio' } }), 400),
    'field.options', '[missing]field.options');
  const field = await createField('user.data.dup');
  assertFieldError(await expectStatus(client.createFormField(null, { field: { name: field.name, key: 'user.data.dup2' } }), 400),
    'field.name', '[duplicate]field.name');
  assertFieldError(await expectStatus(client.createFormField(field.id, { field: { name: 'Other name', key: 'user.data.dup3' } }), 400),
    'fieldId', '[duplicate]fieldId');
  const unknown = randomUUID();
  await expectStatus(client.retrieveFormField(unknown), 404);
  await expectStatus(client.updateFormField(unknown, { field: { name: 'x', key: 'user.data.x' } }), 404);
  await expectStatus(client.patchFormField(unknown, { field: { name: 'x' } }), 404);
  await expectStatus(client.deleteFormField(unknown), 404);
});

test('createForm with and without an id, retrieveForm(s), updateForm, patchForm, deleteForm', async () => {
  const email = await createField('user.email');
  const password = await createField('user.password');
  const color = await createField('user.data.color');
  const id = randomUUID();
  const name = `Sign up ${id}`;
  const created = (await client.createForm(id, { form: { name, steps: [{ fields: [email.id, password.id] }, { fields: [color.id] }] } })).response.form;
  assert.equal(created.id, id);
  assert.equal(created.type, 'registration');
  assert.deepEqual(created.steps.map((s) => s.type), ['collectData', 'collectData']);
  const generated = (await client.createForm(null, { form: { name: `Admin ${id}`, type: 'adminUser', steps: [{ fields: [email.id] }] } })).response.form;
  assert.match(generated.id, UUID_PATTERN);
  assert.deepEqual((await client.retrieveForm(id)).response.form, created);
  const all = (await client.retrieveForms()).response.forms;
  assert.ok(all.some((f) => f.id === id) && all.some((f) => f.id === generated.id));

  const updated = (await client.updateForm(id, { form: { name, type: 'adminUser', steps: [{ fields: [email.id] }] } })).response.form;
  assert.equal(updated.type, 'registration', 'a form type cannot be changed after creation');
  assert.equal(updated.steps.length, 1);
  const patched = (await client.patchForm(id, { form: { data: { theme: 'dark' } } })).response.form;
  assert.equal(patched.data.theme, 'dark');
  assert.equal(patched.name, name);

  // A field a form uses cannot be deleted; once the form is gone it can.
  assertFieldError(await expectStatus(client.deleteFormField(email.id), 400), 'fieldId', '[inUse]fieldId');
  await client.deleteForm(id);
  await client.deleteForm(generated.id);
  await expectStatus(client.retrieveForm(id), 404);
  await client.deleteFormField(email.id);
});

test('form errors: required members, unknown field ids, enums, duplicate name and id, unknown id', async () => {
  const errors = await expectStatus(client.createForm(null, { form: {} }), 400);
  assertFieldError(errors, 'form.name', '[blank]form.name');
  assertFieldError(errors, 'form.steps', '[missing]form.steps');
  assertFieldError(await expectStatus(client.createForm(null, { form: { name: 'Ghost fields', steps: [{ fields: [randomUUID()] }] } }), 400),
    'form.steps.fields', '[invalid]form.steps.fields');
  const field = await createField('user.email');
  assertFieldError(await expectStatus(client.createForm(null, { form: { name: 'Bad type', type: 'wizard', steps: [{ fields: [field.id] }] } }), 400),
    'form.type', '[invalidJSON]');
  assertFieldError(await expectStatus(client.createForm(null, { form: { name: 'Verify admin', type: 'adminUser', steps: [{ fields: [field.id] }, { type: 'verifyEmail' }] } }), 400),
    'form.steps.type', '[invalid]form.steps.type');
  const id = randomUUID();
  await client.createForm(id, { form: { name: `Unique ${id}`, steps: [{ fields: [field.id] }] } });
  assertFieldError(await expectStatus(client.createForm(null, { form: { name: `Unique ${id}`, steps: [{ fields: [field.id] }] } }), 400),
    'form.name', '[duplicate]form.name');
  assertFieldError(await expectStatus(client.createForm(id, { form: { name: `Other ${id}`, steps: [{ fields: [field.id] }] } }), 400),
    'formId', '[duplicate]formId');
  const unknown = randomUUID();
  await expectStatus(client.retrieveForm(unknown), 404);
  await expectStatus(client.updateForm(unknown, { form: { name: 'x', steps: [{ fields: [field.id] }] } }), 404);
  await expectStatus(client.patchForm(unknown, { form: { name: 'x' } }), 404);
  await expectStatus(client.deleteForm(unknown), 404);
});

test('FusionAuth\'s default admin forms exist under the ids kickstart\'s built-ins name', async () => {
  const userForm = (await client.retrieveForm('99a0f4c2-e8ac-4db6-b3ca-3f508738d9df')).response.form;
  assert.equal(userForm.type, 'adminUser');
  const registrationForm = (await client.retrieveForm('693f1729-3f74-4d54-b302-f35bfd78ef90')).response.form;
  assert.equal(registrationForm.type, 'adminRegistration');
  for (const fieldId of userForm.steps.flatMap((s) => s.fields)) await client.retrieveFormField(fieldId);
});

// ---- Lambdas ------------------------------------------------------------------------------

const lambda = (name, type = 'JWTPopulate', extra = {}) => ({ lambda: {
  name, type, body: 'function populate(jwt, user, registration) { jwt.favorite = user.data.color; }', ...extra,
} });

test('createLambda with and without an id, retrieveLambda(s), retrieveLambdasByType', async () => {
  const id = randomUUID();
  const created = (await client.createLambda(id, lambda('Populate', 'JWTPopulate', { debug: true }))).response.lambda;
  assert.equal(created.id, id);
  assert.equal(created.engineType, 'GraalJS');
  assert.equal(created.debug, true);
  const generated = (await client.createLambda(null, lambda('Userinfo', 'UserInfoPopulate'))).response.lambda;
  assert.match(generated.id, UUID_PATTERN);
  assert.deepEqual((await client.retrieveLambda(id)).response.lambda, created);
  const all = (await client.retrieveLambdas()).response.lambdas;
  assert.ok(all.some((l) => l.id === id) && all.some((l) => l.id === generated.id));
  const byType = (await client.retrieveLambdasByType('UserInfoPopulate')).response.lambdas;
  assert.ok(byType.length >= 1 && byType.every((l) => l.type === 'UserInfoPopulate'));
  assert.ok(byType.some((l) => l.id === generated.id));
});

test('FusionAuth\'s default reconcile lambdas exist under the ids kickstart\'s built-ins name', async () => {
  const openid = (await client.retrieveLambda('7f0baaf5-e3c0-4740-9be6-641f035c8d09')).response.lambda;
  assert.equal(openid.type, 'OpenIDReconcile');
  assert.equal(openid.name, '[FusionAuth Default] OpenID Connect Reconcile');
  const google = (await client.retrieveLambda('89716d2b-78cc-4a60-aced-c8383dc77ffd')).response.lambda;
  assert.equal(google.type, 'GoogleReconcile');
});

test('updateLambda keeps the type, patchLambda merges, deleteLambda removes', async () => {
  const id = randomUUID();
  await client.createLambda(id, lambda('Edit me'));
  const updated = (await client.updateLambda(id, lambda('Edited', 'UserInfoPopulate', { body: 'function populate() {}' }))).response.lambda;
  assert.equal(updated.name, 'Edited');
  assert.equal(updated.type, 'JWTPopulate');
  assert.equal(updated.body, 'function populate() {}');
  const patched = (await client.patchLambda(id, { lambda: { debug: true } })).response.lambda;
  assert.equal(patched.debug, true);
  assert.equal(patched.name, 'Edited');
  await client.deleteLambda(id);
  await expectStatus(client.retrieveLambda(id), 404);
});

test('searchLambdas by name, body and type', async () => {
  const marker = randomUUID().slice(0, 8);
  await client.createLambda(null, lambda(`Search ${marker} one`, 'JWTPopulate', { body: `// ${marker}-body` }));
  await client.createLambda(null, lambda(`Search ${marker} two`, 'LoginValidation'));
  assert.equal((await client.searchLambdas({ search: { name: `search ${marker}` } })).response.total, 2);
  assert.equal((await client.searchLambdas({ search: { body: `${marker}-BODY` } })).response.total, 1);
  const typed = (await client.searchLambdas({ search: { name: marker, type: 'LoginValidation' } })).response;
  assert.equal(typed.total, 1);
  assert.equal(typed.lambdas[0].name, `Search ${marker} two`);
});

test('lambda errors: required members, enums, duplicate id, unknown id', async () => {
  const errors = await expectStatus(client.createLambda(null, { lambda: {} }), 400);
  assertFieldError(errors, 'lambda.name', '[blank]lambda.name');
  assertFieldError(errors, 'lambda.body', '[blank]lambda.body');
  assertFieldError(errors, 'lambda.type', '[missing]lambda.type');
  assertFieldError(await expectStatus(client.createLambda(null, lambda('Bad type', 'NotALambdaType')), 400), 'lambda.type', '[invalidJSON]');
  assertFieldError(await expectStatus(client.createLambda(null, lambda('Bad engine', 'JWTPopulate', { engineType: 'V8' })), 400),
    'lambda.engineType', '[invalidJSON]');
  assertFieldError(await expectStatus(client.createLambda(null, lambda('Bad debug', 'JWTPopulate', { debug: { yes: 1 } })), 400),
    'lambda.debug', '[invalidJSON]');
  const id = randomUUID();
  await client.createLambda(id, lambda('Duplicate'));
  assertFieldError(await expectStatus(client.createLambda(id, lambda('Duplicate')), 400), 'lambdaId', '[duplicate]lambdaId');
  const unknown = randomUUID();
  await expectStatus(client.retrieveLambda(unknown), 404);
  await expectStatus(client.updateLambda(unknown, lambda('x')), 404);
  await expectStatus(client.patchLambda(unknown, lambda('x')), 404);
  await expectStatus(client.deleteLambda(unknown), 404);
});

// ---- API keys -----------------------------------------------------------------------------

test('a tenant-locked key is refused 401 on every configuration document API', async () => {
  const locked = makeClient(server, LOCKED_KEY);
  await expectStatus(locked.retrieveEmailTemplates(), 401);
  await expectStatus(locked.createEmailTemplate(null, template('Locked')), 401);
  await expectStatus(locked.searchEmailTemplates({ search: {} }), 401);
  await expectStatus(locked.retrieveForms(), 401);
  await expectStatus(locked.retrieveFormFields(), 401);
  await expectStatus(locked.createFormField(null, { field: { name: 'Locked', key: 'user.data.locked' } }), 401);
  await expectStatus(locked.retrieveLambdas(), 401);
  await expectStatus(locked.createLambda(null, lambda('Locked')), 401);
  await expectStatus(locked.searchLambdas({ search: {} }), 401);
  assert.equal((await client.searchEmailTemplates({ search: { name: 'Locked' } })).response.total, 0, 'nothing was written');
});

test('an endpoint allow-list applies: GET /api/lambda only may read lambdas and nothing else', async () => {
  const limited = makeClient(server, LAMBDA_GET_ONLY_KEY);
  const id = randomUUID();
  await client.createLambda(id, lambda('Readable'));
  assert.equal((await limited.retrieveLambda(id)).response.lambda.id, id);
  await limited.retrieveLambdas();
  await expectStatus(limited.createLambda(null, lambda('Refused')), 401);
  await expectStatus(limited.deleteLambda(id), 401);
  await expectStatus(limited.retrieveEmailTemplates(), 401);
  await expectStatus(limited.retrieveForms(), 401);
  await expectStatus(makeClient(server, 'not-a-real-key').retrieveLambdas(), 401);
});
