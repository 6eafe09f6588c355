// Key API / Key Master (spec/keys-apikeys.md): generate, import, retrieve, list, update (name
// only), delete (refused while in use), kid rules, and the rule that private keys and HMAC
// secrets are never returned.
// Setup: base kickstart only (its API key is global, so it may call /api/key).
import assert from 'node:assert/strict';
import crypto, { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import * as jose from 'jose';

import { UUID_PATTERN, assertFieldError, expectStatus, makeClient } from './support/client.mjs';
import { allKeys, assertAccepted, assertRejected, samePublicKey, x5tOf } from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

let server;
let client;
before(async () => {
  server = await startServer();
  client = makeClient(server);
});
after(async () => { await server?.dispose(); });

const uniqueName = (label) => `keys.test ${label} ${randomUUID()}`;

// Fields that must never leave the server (spec/keys-apikeys.md "Key fields").
function assertNoKeySecrets(value, where = 'response') {
  const names = allKeys(value);
  assert.ok(!names.has('privateKey'), `${where} must never contain privateKey`);
  assert.ok(!names.has('secret'), `${where} must never contain secret`);
}

async function generate(key, id = null) {
  const { statusCode, response } = await client.generateKey(id, { key });
  assert.equal(statusCode, 200);
  assertNoKeySecrets(response);
  return response.key;
}

function assertCertificateKid(key) {
  // kid rule 2: with a certificate, kid = x5t = base64url(SHA-1(DER certificate)), 27 characters.
  assert.match(key.certificate, /^-----BEGIN CERTIFICATE-----\n/);
  assert.equal(key.kid, x5tOf(key.certificate));
  assert.equal(key.kid.length, 27);
  const certificate = new crypto.X509Certificate(key.certificate);
  assert.ok(samePublicKey(certificate.publicKey.export({ type: 'spki', format: 'pem' }), key.publicKey),
    'the certificate certifies the key\'s public key');
}

test('generating an RS256 key (2048) returns id, name, algorithm, type, length, kid, publicKey and certificate, never the private key', async () => {
  const name = uniqueName('RS256');
  const key = await generate({ algorithm: 'RS256', name, length: 2048 });
  assert.match(key.id, UUID_PATTERN);
  assert.equal(key.name, name);
  assert.equal(key.algorithm, 'RS256');
  assert.equal(key.type, 'RSA');
  assert.equal(key.length, 2048);
  assert.equal(key.hasPrivateKey, true);
  assert.match(key.publicKey, /^-----BEGIN PUBLIC KEY-----\n/);
  assert.equal(crypto.createPublicKey(key.publicKey).asymmetricKeyDetails.modulusLength, 2048);
  assertCertificateKid(key);
  assert.equal(typeof key.insertInstant, 'number');
});

test('generating an ES256 key returns an EC P-256 public key and certificate, never the private key', async () => {
  const key = await generate({ algorithm: 'ES256', name: uniqueName('ES256') });
  assert.equal(key.algorithm, 'ES256');
  assert.equal(key.type, 'EC');
  assert.equal(key.length, 256);
  assert.equal(key.hasPrivateKey, true);
  assert.equal(crypto.createPublicKey(key.publicKey).asymmetricKeyDetails.namedCurve, 'prime256v1');
  assertCertificateKid(key);
});

test('generating an Ed25519 key returns an OKP public key and certificate, never the private key', async () => {
  const key = await generate({ algorithm: 'Ed25519', name: uniqueName('Ed25519') });
  assert.equal(key.algorithm, 'Ed25519');
  assert.equal(key.type, 'OKP');
  assert.equal(key.hasPrivateKey, true);
  assert.equal(crypto.createPublicKey(key.publicKey).asymmetricKeyType, 'ed25519');
  assertCertificateKid(key);
});

test('a generated Ed25519 key reports length 32, as in FusionAuth\'s example response', async () => {
  // fusionauth-site astro/src/content/json/keys/eddsa-response.json: "length": 32.
  const key = await generate({ algorithm: 'Ed25519', name: uniqueName('Ed25519 length') });
  assert.equal(key.length, 32);
});

test('generating an HS256 key returns type HMAC and a kid but never the secret, a public key or a certificate', async () => {
  const key = await generate({ algorithm: 'HS256', name: uniqueName('HS256') });
  assert.equal(key.algorithm, 'HS256');
  assert.equal(key.type, 'HMAC');
  assert.equal(typeof key.kid, 'string');
  assert.ok(key.kid.length > 0);
  assert.equal(key.publicKey, undefined);
  assert.equal(key.certificate, undefined);
  // The generated secret works: a vended token signed with it validates.
  const { token } = (await client.vendJWT({ claims: { sub: 'hs' }, keyId: key.id, timeToLiveInSeconds: 60 })).response;
  assert.equal(jose.decodeProtectedHeader(token).kid, key.kid);
  assert.equal((await assertAccepted(server, token)).sub, 'hs');
});

test('generate with an id in the path uses that id', async () => {
  const id = randomUUID();
  const key = await generate({ algorithm: 'ES384', name: uniqueName('ES384 with id') }, id);
  assert.equal(key.id, id);
  assert.equal(key.type, 'EC');
  assert.equal(key.length, 384);
  assert.equal((await client.retrieveKey(id)).response.key.id, id);
  await expectStatus(client.generateKey(id, { key: { algorithm: 'ES256', name: uniqueName('same id') } }), 400);
});

test('retrieveKey returns the same key, without private material', async () => {
  const generated = await generate({ algorithm: 'RS256', name: uniqueName('retrieve'), length: 2048 });
  const { statusCode, response } = await client.retrieveKey(generated.id);
  assert.equal(statusCode, 200);
  assertNoKeySecrets(response);
  for (const field of ['id', 'name', 'algorithm', 'type', 'kid', 'publicKey', 'certificate', 'length']) {
    assert.deepEqual(response.key[field], generated[field], field);
  }
});

test('retrieveKey of an unknown id is 404', async () => {
  await expectStatus(client.retrieveKey(randomUUID()), 404);
});

test('retrieveKeys lists the Default signing key (HS256) and generated keys, and no secret or private key', async () => {
  const generated = await generate({ algorithm: 'HS512', name: uniqueName('list') });
  const { statusCode, response } = await client.retrieveKeys();
  assert.equal(statusCode, 200);
  assertNoKeySecrets(response);
  assert.ok(Array.isArray(response.keys));
  const byName = new Map(response.keys.map((key) => [key.name, key]));
  const defaultKey = byName.get('Default signing key');
  assert.ok(defaultKey, `no "Default signing key" in ${[...byName.keys()]}`);
  assert.equal(defaultKey.algorithm, 'HS256');
  assert.equal(defaultKey.type, 'HMAC');
  assert.ok(response.keys.some((key) => key.id === generated.id));
  // It is the Default tenant's access-token key (tenants-applications.md "First-start state").
  const tenant = (await client.retrieveTenants()).response.tenants[0];
  assert.equal(tenant.jwtConfiguration.accessTokenKeyId, defaultKey.id);
});

test('updateKey changes the name only; algorithm and key material are kept', async () => {
  const generated = await generate({ algorithm: 'RS256', name: uniqueName('before'), length: 2048 });
  const name = uniqueName('after');
  const { statusCode, response } = await client.updateKey(generated.id, { key: { name, algorithm: 'ES256', length: 256 } });
  assert.equal(statusCode, 200);
  assertNoKeySecrets(response);
  assert.equal(response.key.name, name);
  assert.equal(response.key.algorithm, 'RS256');
  assert.equal(response.key.type, 'RSA');
  assert.equal(response.key.kid, generated.kid);
  assert.equal(response.key.publicKey, generated.publicKey);
  const fetched = (await client.retrieveKey(generated.id)).response.key;
  assert.equal(fetched.name, name);
  assert.equal(fetched.algorithm, 'RS256');
  assert.equal(fetched.kid, generated.kid);
});

test('updateKey of an unknown id is 404', async () => {
  await expectStatus(client.updateKey(randomUUID(), { key: { name: uniqueName('ghost') } }), 404);
});

test('deleteKey answers 200, then the key is 404 and gone from the list and the JWKS', async () => {
  const generated = await generate({ algorithm: 'ES256', name: uniqueName('delete') });
  const deleted = await client.deleteKey(generated.id);
  assert.equal(deleted.statusCode, 200);
  await expectStatus(client.retrieveKey(generated.id), 404);
  assert.ok(!(await client.retrieveKeys()).response.keys.some((key) => key.id === generated.id));
  assert.ok(!(await client.retrieveJsonWebKeySet()).response.keys.some((jwk) => jwk.kid === generated.kid));
  await expectStatus(client.deleteKey(generated.id), 404);
});

test('deleting a key an application signs with is 400 and the key survives', async () => {
  const generated = await generate({ algorithm: 'RS256', name: uniqueName('in use'), length: 2048 });
  const appId = randomUUID();
  await client.createApplication(appId, {
    application: { name: `Key user ${appId}`, jwtConfiguration: { enabled: true, accessTokenKeyId: generated.id, timeToLiveInSeconds: 3600, refreshTokenTimeToLiveInMinutes: 60 } },
  });
  await expectStatus(client.deleteKey(generated.id), 400);
  assert.equal((await client.retrieveKey(generated.id)).response.key.id, generated.id);
});

test('deleting the tenant\'s access-token key is 400', async () => {
  const tenant = (await client.retrieveTenants()).response.tenants[0];
  await expectStatus(client.deleteKey(tenant.jwtConfiguration.accessTokenKeyId), 400);
  assert.equal((await client.retrieveKey(tenant.jwtConfiguration.accessTokenKeyId)).statusCode, 200);
});

test('a duplicate key name is 400 [duplicate]key.name', async () => {
  const name = uniqueName('duplicate');
  await generate({ algorithm: 'HS256', name });
  assertFieldError(await expectStatus(client.generateKey(null, { key: { algorithm: 'HS384', name } }), 400), 'key.name', '[duplicate]key.name');
});

test('generate without an algorithm is 400 [missing]key.algorithm; without a name 400 [blank]key.name', async () => {
  assertFieldError(await expectStatus(client.generateKey(null, { key: { name: uniqueName('no alg') } }), 400), 'key.algorithm', '[missing]key.algorithm');
  assertFieldError(await expectStatus(client.generateKey(null, { key: { algorithm: 'HS256', name: '' } }), 400), 'key.name', '[blank]key.name');
});

test('the Key API requires an API key', async () => {
  const anonymous = makeClient(server, null);
  await expectStatus(anonymous.retrieveKeys(), 401);
  await expectStatus(anonymous.generateKey(null, { key: { algorithm: 'HS256', name: uniqueName('anon') } }), 401);
});

// ---------------------------------------------------------------------------------------------
// Import

function rsaPair(modulusLength = 2048) {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

test('importing an RSA public+private PEM pair keeps the explicit kid and never returns the private key; it signs', async () => {
  const { publicKey, privateKey } = rsaPair();
  const kid = `imported-${randomUUID()}`;
  const { statusCode, response } = await client.importKey(null, {
    key: { name: uniqueName('import RSA'), algorithm: 'RS256', type: 'RSA', kid, publicKey, privateKey },
  });
  assert.equal(statusCode, 200);
  assertNoKeySecrets(response);
  const key = response.key;
  assert.equal(key.kid, kid);
  assert.equal(key.algorithm, 'RS256');
  assert.equal(key.type, 'RSA');
  assert.equal(key.length, 2048);
  assert.equal(key.hasPrivateKey, true);
  assert.ok(samePublicKey(key.publicKey, publicKey));
  // The imported private key really signs: verify a vended token with our own public key.
  const { token } = (await client.vendJWT({ claims: { imported: true }, keyId: key.id, timeToLiveInSeconds: 60 })).response;
  const { payload, protectedHeader } = await jose.jwtVerify(token, await jose.importSPKI(publicKey, 'RS256'));
  assert.equal(protectedHeader.kid, kid);
  assert.equal(payload.imported, true);
});

test('importing without a kid derives one (certificate x5t, else the RFC 7638 thumbprint)', async () => {
  const { publicKey, privateKey } = rsaPair();
  const key = (await client.importKey(null, { key: { name: uniqueName('import no kid'), algorithm: 'RS256', type: 'RSA', publicKey, privateKey } })).response.key;
  assert.equal(typeof key.kid, 'string');
  if (key.certificate) {
    assert.equal(key.kid, x5tOf(key.certificate));
  } else {
    const thumbprint = await jose.calculateJwkThumbprint(await jose.exportJWK(crypto.createPublicKey(publicKey)), 'sha256');
    assert.equal(key.kid, thumbprint);
  }
});

test('importing a duplicate kid is 400 [duplicate]key.kid', async () => {
  const kid = `dup-${randomUUID()}`;
  const first = rsaPair();
  await client.importKey(null, { key: { name: uniqueName('kid 1'), algorithm: 'RS256', type: 'RSA', kid, ...first } });
  const second = rsaPair();
  assertFieldError(await expectStatus(client.importKey(null, { key: { name: uniqueName('kid 2'), algorithm: 'RS256', type: 'RSA', kid, ...second } }), 400),
    'key.kid', '[duplicate]key.kid');
});

test('importing an HMAC secret gives type HMAC, algorithm HS256, never returns the secret, and signs with it', async () => {
  const secret = crypto.randomBytes(32).toString('base64');
  const id = randomUUID();
  const { statusCode, response } = await client.importKey(id, { key: { name: uniqueName('import HMAC'), type: 'HMAC', algorithm: 'HS256', secret } });
  assert.equal(statusCode, 200);
  assertNoKeySecrets(response);
  assert.equal(response.key.id, id);
  assert.equal(response.key.type, 'HMAC');
  assert.equal(response.key.algorithm, 'HS256');
  assertNoKeySecrets((await client.retrieveKey(id)).response);
  // FusionAuth's HMAC key is the UTF-8 bytes of the secret string.
  const { token } = (await client.vendJWT({ claims: { hmac: 'yes' }, keyId: id, timeToLiveInSeconds: 60 })).response;
  const { payload } = await jose.jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
  assert.equal(payload.hmac, 'yes');
});

test('importing an HMAC key without a secret is 400', async () => {
  await expectStatus(client.importKey(null, { key: { name: uniqueName('HMAC no secret'), type: 'HMAC', algorithm: 'HS256' } }), 400);
});

test('a public-key-only import is a verify-only key: no private key, and its tokens are not access tokens', async () => {
  const { publicKey, privateKey } = rsaPair();
  const kid = `verify-only-${randomUUID()}`;
  const { statusCode, response } = await client.importKey(null, { key: { name: uniqueName('public only'), algorithm: 'RS256', type: 'RSA', kid, publicKey } });
  assert.equal(statusCode, 200);
  assert.equal(response.key.hasPrivateKey, false);
  assert.equal(response.key.kid, kid);
  assert.ok(samePublicKey(response.key.publicKey, publicKey));
  const token = await new jose.SignJWT({ sub: 'verify-only' })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuedAt().setExpirationTime('5m')
    .sign(crypto.createPrivateKey(privateKey));
  // Issue 10 item 1: such a key verifies someone else's JWTs (reconcile); whoever holds its
  // private half is not Latchkey, so what it signs is never one of our access tokens.
  await assertRejected(server, token, 'token signed with a verify-only key');
});

// ---------------------------------------------------------------------------------------------
// Key sizes (issue 10 item 8): RSA under 2048 bits and HMAC secrets shorter than the hash output
// are refused on generation and import, with a field error and nothing stored.

test('generating an RSA key shorter than 2048 bits is 400 [invalid]key.length and stores nothing', async () => {
  const name = uniqueName('RSA 1024');
  for (const length of [1024, 512, 2047]) {
    assertFieldError(await expectStatus(client.generateKey(null, { key: { algorithm: 'RS256', name, length } }), 400),
      'key.length', '[invalid]key.length');
  }
  assert.ok(!(await client.retrieveKeys()).response.keys.some((key) => key.name === name));
});

test('importing an RSA key under 2048 bits is 400 [invalidLength] on the field it came in, public-only too', async () => {
  const small = rsaPair(1024);
  const name = uniqueName('import RSA 1024');
  assertFieldError(await expectStatus(client.importKey(null, { key: { name, algorithm: 'RS256', type: 'RSA', publicKey: small.publicKey } }), 400),
    'key.publicKey', '[invalidLength]key.publicKey');
  assertFieldError(await expectStatus(client.importKey(null, { key: { name, algorithm: 'RS256', type: 'RSA', ...small } }), 400),
    'key.privateKey', '[invalidLength]key.privateKey');
  assertFieldError(await expectStatus(client.importKey(null, { key: { name, publicKey: small.publicKey } }), 400),
    'key.publicKey', '[invalidLength]key.publicKey');
  assert.ok(!(await client.retrieveKeys()).response.keys.some((key) => key.name === name));
});

test('importing an HMAC secret shorter than its hash (32/48/64 bytes) is 400 [invalidLength]key.secret; full length is accepted', async () => {
  for (const [algorithm, bytes] of [['HS256', 32], ['HS384', 48], ['HS512', 64]]) {
    const name = uniqueName(`short ${algorithm}`);
    const short = 'k'.repeat(bytes - 1);
    assertFieldError(await expectStatus(client.importKey(null, { key: { name, type: 'HMAC', algorithm, secret: short } }), 400),
      'key.secret', '[invalidLength]key.secret');
    const { statusCode } = await client.importKey(null, { key: { name, type: 'HMAC', algorithm, secret: 'k'.repeat(bytes) } });
    assert.equal(statusCode, 200, `${algorithm} with ${bytes} bytes`);
  }
});
