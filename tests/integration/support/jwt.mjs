// Helpers for the JWT / Key Master / Login tests: compact-JWS surgery, TOTP (RFC 6238),
// Set-Cookie parsing, PEM comparison, and raw calls to the JWT-authenticated endpoints.
//
//   const token = hmacToken({ alg: 'HS256', typ: 'JWT', kid }, { sub }, secret);
//   await assertRejected(server, forged);          // 401, empty body, server still up

import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { api } from './http.mjs';
import { DEFAULT_API_KEY } from './kickstart.mjs';

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
export const encodeSegment = (object) => b64url(JSON.stringify(object));

// {header, payload} decoded; {h, p, s} the raw segments.
export function splitToken(token) {
  const [h, p, s] = token.split('.');
  return {
    h, p, s,
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')),
  };
}

const HMAC_HASH = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

// An HMAC-signed compact JWS over exactly the given header and payload. `secret` is a string
// (its UTF-8 bytes are the MAC key, as FusionAuth and Latchkey use them) or a Buffer.
export function hmacToken(header, payload, secret) {
  const input = `${encodeSegment(header)}.${encodeSegment(payload)}`;
  const hash = HMAC_HASH[header.alg] ?? 'sha256';
  return `${input}.${b64url(crypto.createHmac(hash, secret).update(input).digest())}`;
}

// Replaces the header of a token, keeping its payload and signature bytes as they are.
export function withHeader(token, header) {
  const { p, s } = splitToken(token);
  return `${encodeSegment(header)}.${p}.${s}`;
}

// RFC 6238 TOTP with HMAC-SHA1 over the base64-decoded secret (FusionAuth stores
// `twoFactor.methods[].secret` as base64 and decodes it before use).
export function totp(secretBase64, { time = Date.now(), step = 30, digits = 6 } = {}) {
  const counter = Math.floor(time / 1000 / step);
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac('sha1', Buffer.from(secretBase64, 'base64')).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

// Set-Cookie headers of a fetch Response as a map name -> {value, attributes, raw}, where
// attributes maps lower-cased attribute names to their value (true for flags).
export function parseSetCookies(headers) {
  const cookies = new Map();
  for (const raw of headers.getSetCookie()) {
    const [pair, ...rest] = raw.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const attributes = {};
    for (const attribute of rest) {
      const i = attribute.indexOf('=');
      if (i < 0) attributes[attribute.toLowerCase()] = true;
      else attributes[attribute.slice(0, i).toLowerCase()] = attribute.slice(i + 1);
    }
    cookies.set(pair.slice(0, eq), { value: pair.slice(eq + 1), attributes, raw });
  }
  return cookies;
}

// True when two PEM public keys (or certificates) encode the same key.
export function samePublicKey(pemA, pemB) {
  const der = (pem) => crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return der(pemA).equals(der(pemB));
}

// base64url(SHA-1(DER certificate)): the x5t thumbprint FusionAuth uses as a generated key's kid.
export function x5tOf(certificatePem) {
  const der = new crypto.X509Certificate(certificatePem).raw;
  return b64url(crypto.createHash('sha1').update(der).digest());
}

// GET /api/jwt/validate with raw headers ({authorization, cookie, apiKey}).
export async function validateRaw(server, { authorization, cookie } = {}) {
  const headers = {};
  if (authorization !== undefined) headers.Authorization = authorization;
  if (cookie !== undefined) headers.Cookie = cookie;
  return api(server, 'GET', '/api/jwt/validate', { headers });
}

export async function assertServerAlive(server) {
  const status = await api(server, 'GET', '/api/status');
  assert.equal(status.status, 200, `GET /api/status after the attack: ${status.status} ${status.text}`);
}

// A token must be refused by /api/jwt/validate with 401 and an empty body (conventions.md §4),
// as a Bearer header and as the access_token cookie; the server must still answer afterwards.
export async function assertRejected(server, token, label = 'token') {
  for (const [how, options] of [
    ['Bearer header', { authorization: `Bearer ${token}` }],
    ['access_token cookie', { cookie: `access_token=${token}` }],
  ]) {
    const response = await validateRaw(server, options);
    assert.equal(response.status, 401, `${label} via ${how}: expected 401, got ${response.status} ${response.text.slice(0, 300)}`);
    assert.equal(response.text, '', `${label} via ${how}: 401 must have an empty body`);
  }
  await assertServerAlive(server);
}

// A token must be accepted by /api/jwt/validate; returns the `jwt` claims.
export async function assertAccepted(server, token, label = 'token') {
  const response = await validateRaw(server, { authorization: `Bearer ${token}` });
  assert.equal(response.status, 200, `${label}: expected 200, got ${response.status} ${response.text.slice(0, 300)}`);
  assert.ok(response.json?.jwt && typeof response.json.jwt === 'object', `${label}: body ${response.text}`);
  return response.json.jwt;
}

// POST /api/login through raw fetch (to see Set-Cookie), with the default API key unless
// `apiKey` is given (null: no Authorization header at all).
export async function rawLogin(server, body, { apiKey = DEFAULT_API_KEY, headers } = {}) {
  return api(server, 'POST', '/api/login', { apiKey: apiKey ?? undefined, body, headers });
}

// Asserts an Errors body has at least one field error whose key mentions `field`; returns them.
export function assertFieldErrorOn(errors, field) {
  assert.ok(errors && typeof errors === 'object', `expected an Errors JSON body, got ${JSON.stringify(errors)}`);
  const entries = Object.entries(errors.fieldErrors ?? {}).filter(([key]) => key.includes(field));
  assert.ok(entries.length > 0, `expected a field error on ${field}, got ${JSON.stringify(errors)}`);
  for (const [, list] of entries) {
    for (const error of list) {
      assert.match(error.code, /^\[[A-Za-z]+\]/);
      assert.equal(typeof error.message, 'string');
    }
  }
  return entries.flatMap(([, list]) => list);
}

// Every property name anywhere in `value` (for "never returned" checks).
export function allKeys(value, into = new Set()) {
  if (Array.isArray(value)) value.forEach((item) => allKeys(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      allKeys(item, into);
    }
  }
  return into;
}

export const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

// Polls `probe` until it returns a truthy value or the deadline passes; returns the last value.
export async function pollUntil(probe, { timeoutMs = 5_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!value && Date.now() < deadline) {
    await sleep(intervalMs);
    value = await probe();
  }
  return value;
}
