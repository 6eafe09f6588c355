// FusionAuth's official client pointed at a test server, and helpers to assert on its
// rejections (the client rejects every non-2xx answer with a ClientResponse).
//
//   const client = makeClient(server);
//   const errors = await expectStatus(client.createUser(null, { user: {} }), 400);

import assert from 'node:assert/strict';

import { FusionAuthClient } from '@fusionauth/typescript-client';

import { DEFAULT_API_KEY } from './kickstart.mjs';

export { FusionAuthClient };

// The client rejects with a bare ClientResponse ({statusCode, exception}); this wrapper turns
// it into an Error that names the call, keeping statusCode and exception for assertions.
export function makeClient(server, apiKey = DEFAULT_API_KEY, tenantId = undefined) {
  const client = new FusionAuthClient(apiKey, server.url, tenantId);
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'constructor') return value;
      return (...args) => {
        const result = value.apply(target, args);
        if (result === target) return receiver;
        if (!(result instanceof Promise)) return result;
        return result.catch((rejection) => { throw describeRejection(String(property), rejection); });
      };
    },
  });
}

function describeRejection(method, rejection) {
  if (rejection instanceof Error && !('exception' in rejection)) return rejection;
  const status = rejection?.statusCode;
  const detail = rejection?.exception instanceof Error
    ? rejection.exception.message : JSON.stringify(rejection?.exception);
  const error = new Error(status === undefined
    ? `${method}: no HTTP answer (${detail})`
    : `${method}: HTTP ${status}${detail === undefined ? '' : ` ${detail}`}`);
  error.statusCode = status;
  error.exception = rejection?.exception;
  return error;
}

// Awaits a call that must be answered with `status`; returns the parsed Errors JSON
// (`exception`, undefined when the body is empty or not JSON).
export async function expectStatus(promise, status) {
  let response;
  try {
    response = await promise;
  } catch (rejection) {
    if (rejection?.statusCode === undefined) throw rejection;
    assert.equal(rejection.statusCode, status,
      `expected HTTP ${status}, got ${rejection.statusCode}: ${JSON.stringify(rejection.exception)}`);
    return rejection.exception;
  }
  assert.equal(response.statusCode, status,
    `expected HTTP ${status}, got ${response.statusCode}: ${JSON.stringify(response.response)}`);
  return response.response;
}

// Asserts `errors.fieldErrors[field]` contains `code`.
export function assertFieldError(errors, field, code) {
  assert.ok(errors && typeof errors === 'object', `expected an Errors JSON body, got ${JSON.stringify(errors)}`);
  const list = errors.fieldErrors?.[field];
  assert.ok(Array.isArray(list) && list.length > 0,
    `expected fieldErrors["${field}"], got ${JSON.stringify(errors)}`);
  for (const error of list) assert.equal(typeof error.message, 'string');
  assert.ok(list.some((error) => error.code === code),
    `expected code ${code} in fieldErrors["${field}"], got ${JSON.stringify(list)}`);
}

// Asserts `errors.generalErrors` contains `code`.
export function assertGeneralError(errors, code) {
  assert.ok(errors && typeof errors === 'object', `expected an Errors JSON body, got ${JSON.stringify(errors)}`);
  const list = errors.generalErrors;
  assert.ok(Array.isArray(list) && list.length > 0, `expected generalErrors, got ${JSON.stringify(errors)}`);
  assert.ok(list.some((error) => error.code === code),
    `expected code ${code} in generalErrors, got ${JSON.stringify(list)}`);
}

// Asserts a FusionAuth Errors object: fieldErrors and/or generalErrors, each error {code, message}.
export function assertErrorsObject(errors) {
  assert.ok(errors && typeof errors === 'object', `expected an Errors JSON body, got ${JSON.stringify(errors)}`);
  const all = [...(errors.generalErrors ?? []), ...Object.values(errors.fieldErrors ?? {}).flat()];
  assert.ok(all.length > 0, `expected at least one error, got ${JSON.stringify(errors)}`);
  for (const error of all) {
    assert.match(error.code, /^\[[A-Za-z]+\]/, `error code ${JSON.stringify(error.code)}`);
    assert.equal(typeof error.message, 'string');
  }
}

// Secrets that must never appear in any response describing a user.
const SECRET_KEYS = new Set(['password', 'salt', 'encryptionScheme']);

export function assertNoSecrets(value, where = 'response') {
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoSecrets(item, `${where}[${index}]`));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      assert.ok(!SECRET_KEYS.has(key), `${where}.${key} must never be sent`);
      assertNoSecrets(item, `${where}.${key}`);
    }
  }
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let counter = 0;
// A unique, valid email for this process.
export function uniqueEmail(label = 'user') {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}
