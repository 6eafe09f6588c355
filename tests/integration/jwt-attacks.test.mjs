// Forged and malformed tokens against GET /api/jwt/validate (issue 3 "Attack tests"): each is
// refused with 401 and an empty body, as a Bearer header and as the access_token cookie, and
// GET /api/status still answers 200 afterwards. Every attack starts from a token that is first
// shown to be accepted (positive controls), so a refusal proves the check, not a broken helper.
// Verification must bind the algorithm to the key (never take it from the token), demand exactly
// three base64url segments and check exp / nbf (spec/conventions.md §4, issue 3 item 1).
// Setup: base kickstart only; before() generates RS256 and ES256 keys, imports an HS256 secret
// and an RSA pair the test controls, and creates one registered user.
import assert from 'node:assert/strict';
import crypto, { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import * as jose from 'jose';

import { makeClient, uniqueEmail } from './support/client.mjs';
import { rawExchange, statusCodes } from './support/http.mjs';
import {
  assertAccepted, assertRejected, assertServerAlive, b64url, encodeSegment, hmacToken, nowSeconds, splitToken, withHeader,
} from './support/jwt.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'attack-password-13';

let server;
let client;
let user;
let loginToken; // Latchkey's own token (tenant default HS256 key)
let rsa; // generated RS256 key {id, kid, publicKey}
let rsaToken; // vended with rsa
let ec;
let ecToken;
let hmac; // imported HS256 key {id, kid} with a known secret
let hmacSecret;
let ownRsa; // imported RSA pair we hold the private key of: {kid, privateKey}

const validClaims = () => ({ sub: user.id, iat: nowSeconds(), exp: nowSeconds() + 300, jti: randomUUID() });
const hmacHeader = (extra = {}) => ({ alg: 'HS256', typ: 'JWT', kid: hmac.kid, ...extra });

async function signOwnRsa(claims, header = {}) {
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: ownRsa.kid, ...header }).sign(ownRsa.privateKey);
}

before(async () => {
  server = await startServer();
  client = makeClient(server);
  const appId = randomUUID();
  await client.createApplication(appId, { application: { name: 'Attack App', roles: [{ name: 'user', isDefault: true }] } });
  user = (await client.register(null, { user: { email: uniqueEmail('attack'), password: PASSWORD }, registration: { applicationId: appId } })).response.user;
  loginToken = (await client.login({ loginId: user.email, password: PASSWORD, applicationId: appId })).response.token;

  rsa = (await client.generateKey(null, { key: { algorithm: 'RS256', name: `attack RS256 ${randomUUID()}`, length: 2048 } })).response.key;
  rsaToken = (await client.vendJWT({ claims: { sub: user.id }, keyId: rsa.id, timeToLiveInSeconds: 300 })).response.token;
  ec = (await client.generateKey(null, { key: { algorithm: 'ES256', name: `attack ES256 ${randomUUID()}` } })).response.key;
  ecToken = (await client.vendJWT({ claims: { sub: user.id }, keyId: ec.id, timeToLiveInSeconds: 300 })).response.token;

  hmacSecret = crypto.randomBytes(32).toString('base64url');
  hmac = (await client.importKey(null, { key: { name: `attack HS256 ${randomUUID()}`, type: 'HMAC', algorithm: 'HS256', secret: hmacSecret } })).response.key;

  const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `attack-own-${randomUUID()}`;
  await client.importKey(null, {
    key: {
      name: `attack own RSA ${randomUUID()}`, algorithm: 'RS256', type: 'RSA', kid,
      publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }),
      privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    },
  });
  ownRsa = { kid, privateKey: pair.privateKey };
});
after(async () => { await server?.dispose(); });

test('positive controls: the unmodified tokens every attack starts from are accepted', async () => {
  assert.equal((await assertAccepted(server, loginToken, 'login token')).sub, user.id);
  assert.equal((await assertAccepted(server, rsaToken, 'RS256 token')).sub, user.id);
  assert.equal((await assertAccepted(server, ecToken, 'ES256 token')).sub, user.id);
  assert.equal((await assertAccepted(server, hmacToken(hmacHeader(), validClaims(), hmacSecret), 'crafted HS256')).sub, user.id);
  assert.equal((await assertAccepted(server, await signOwnRsa(validClaims()), 'crafted RS256')).sub, user.id);
});

test('alg "none" (any case) with a valid kid and no signature is refused', async () => {
  const { p } = splitToken(rsaToken);
  for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
    for (const kid of [rsa.kid, hmac.kid]) {
      await assertRejected(server, `${encodeSegment({ alg, typ: 'JWT', kid })}.${p}.`, `alg ${alg} kid ${kid}`);
    }
  }
  // alg none keeping the original signature.
  await assertRejected(server, withHeader(rsaToken, { alg: 'none', typ: 'JWT', kid: rsa.kid }), 'alg none with signature');
});

test('HS256 signed with the RSA public key\'s PEM as HMAC secret and the RSA kid is refused (key confusion)', async () => {
  const pem = rsa.publicKey;
  const der = crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' });
  const secrets = [pem, pem.trim(), `${pem.trim()}\n`, pem.replace(/\n/g, '\r\n'), der];
  for (const alg of ['HS256', 'HS384', 'HS512']) {
    for (const secret of secrets) {
      await assertRejected(server, hmacToken({ alg, typ: 'JWT', kid: rsa.kid }, validClaims(), secret), `${alg} with the RSA PEM as secret`);
    }
  }
  // Same against the EC key.
  await assertRejected(server, hmacToken({ alg: 'HS256', typ: 'JWT', kid: ec.kid }, validClaims(), ec.publicKey), 'HS256 with the EC PEM');
});

test('alg swapped to another algorithm of the same family (signature kept) is refused', async () => {
  const base = splitToken(rsaToken).header;
  for (const alg of ['RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'HS256']) {
    await assertRejected(server, withHeader(rsaToken, { ...base, alg }), `RS256 relabelled ${alg}`);
  }
  const ecHeader = splitToken(ecToken).header;
  for (const alg of ['ES384', 'ES512']) {
    await assertRejected(server, withHeader(ecToken, { ...ecHeader, alg }), `ES256 relabelled ${alg}`);
  }
  const hsToken = hmacToken(hmacHeader(), validClaims(), hmacSecret);
  for (const alg of ['HS384', 'HS512']) {
    await assertRejected(server, withHeader(hsToken, hmacHeader({ alg })), `HS256 relabelled ${alg}`);
  }
});

test('re-signing with a key of another algorithm under the victim kid is refused', async () => {
  // Issue 3 item 1: "the algorithm is bound to the key, never taken from the token".
  // A correct HS384 signature with the right secret, but the key is bound to HS256.
  const secret = hmacSecret;
  await assertRejected(server, hmacToken(hmacHeader({ alg: 'HS384' }), validClaims(), secret), 'HS384 with the HS256 secret');
  await assertRejected(server, hmacToken(hmacHeader({ alg: 'HS512' }), validClaims(), secret), 'HS512 with the HS256 secret');
  // PS256 with our own RSA key whose algorithm is RS256.
  await assertRejected(server, await signOwnRsa(validClaims(), { alg: 'PS256' }), 'PS256 with an RS256 key');
});

test('a tampered payload (another sub, a later exp, extra roles) with the original signature is refused', async () => {
  for (const token of [loginToken, rsaToken, ecToken]) {
    const { h, s, payload } = splitToken(token);
    for (const change of [{ sub: randomUUID() }, { exp: payload.exp + 86_400 }, { roles: ['admin'] }]) {
      await assertRejected(server, `${h}.${encodeSegment({ ...payload, ...change })}.${s}`, `payload ${JSON.stringify(change)}`);
    }
  }
});

test('a truncated signature is refused', async () => {
  for (const token of [loginToken, rsaToken, ecToken]) {
    const { h, p, s } = splitToken(token);
    const bytes = Buffer.from(s, 'base64url');
    for (const cut of [bytes.subarray(0, bytes.length - 1), bytes.subarray(0, bytes.length / 2), Buffer.alloc(0)]) {
      await assertRejected(server, `${h}.${p}.${b64url(cut)}`, `signature cut to ${cut.length} bytes`);
    }
    await assertRejected(server, `${h}.${p}.${s.slice(0, -1)}`, 'signature missing its last character');
  }
});

test('an extended signature is refused', async () => {
  for (const token of [loginToken, rsaToken, ecToken]) {
    const { h, p, s } = splitToken(token);
    const bytes = Buffer.from(s, 'base64url');
    for (const longer of [Buffer.concat([bytes, Buffer.from([0])]), Buffer.concat([bytes, bytes]), Buffer.concat([Buffer.from([0]), bytes])]) {
      await assertRejected(server, `${h}.${p}.${b64url(longer)}`, `signature extended to ${longer.length} bytes`);
    }
  }
});

test('an ECDSA signature in DER instead of raw R||S is refused', async () => {
  // RFC 7518 §3.4: JWS ES* signatures are the 64-byte R||S concatenation, not ASN.1 DER.
  const { h, p, s } = splitToken(ecToken);
  const raw = Buffer.from(s, 'base64url');
  assert.equal(raw.length, 64);
  const integer = (bytes) => {
    let value = bytes;
    while (value.length > 1 && value[0] === 0 && value[1] < 0x80) value = value.subarray(1);
    if (value[0] >= 0x80) value = Buffer.concat([Buffer.from([0]), value]);
    return Buffer.concat([Buffer.from([0x02, value.length]), value]);
  };
  const body = Buffer.concat([integer(raw.subarray(0, 32)), integer(raw.subarray(32))]);
  const der = Buffer.concat([Buffer.from([0x30, body.length]), body]);
  await assertRejected(server, `${h}.${p}.${b64url(der)}`, 'DER ECDSA signature');
});

// P-256's group order n (SEC 2 §2.4.2): (R, S) and (R, n - S) both verify under ECDSA.
const P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551n;
const sOf = (token) => BigInt(`0x${Buffer.from(splitToken(token).s, 'base64url').subarray(32).toString('hex')}`);

test('an ES256 token whose S is replaced by n - S is refused: one token, one string', async () => {
  const { h, p, s } = splitToken(ecToken);
  const raw = Buffer.from(s, 'base64url');
  const flipped = Buffer.from((P256_ORDER - sOf(ecToken)).toString(16).padStart(64, '0'), 'hex');
  const twin = `${h}.${p}.${b64url(Buffer.concat([raw.subarray(0, 32), flipped]))}`;
  // The twin is a valid ECDSA signature (jose, which does not insist on low S, accepts it) ...
  const jwk = crypto.createPublicKey(ec.publicKey).export({ format: 'jwk' });
  await jose.jwtVerify(twin, await jose.importJWK({ ...jwk, alg: 'ES256' }, 'ES256'));
  // ... but Latchkey accepts only the low-S form it signs.
  await assertRejected(server, twin, 'high-S twin of an ES256 token');
});

test('every ES256 token Latchkey signs has a low S, so it always verifies here', async () => {
  for (let i = 0; i < 40; i += 1) {
    const token = (await client.vendJWT({ claims: { sub: user.id, n: i }, keyId: ec.id, timeToLiveInSeconds: 300 })).response.token;
    assert.ok(sOf(token) <= P256_ORDER / 2n, `token ${i} has a high S`);
    await assertAccepted(server, token, `ES256 token ${i}`);
  }
});

test('an unknown kid is refused, as is a kid made to look like a path or SQL', async () => {
  for (const kid of ['no-such-kid', `${hmac.kid}x`, '../../../../etc/passwd', "' OR '1'='1", '', '\u0000']) {
    await assertRejected(server, hmacToken(hmacHeader({ kid }), validClaims(), hmacSecret), `kid ${JSON.stringify(kid)}`);
  }
  await assertRejected(server, await signOwnRsa(validClaims(), { kid: `unknown-${randomUUID()}` }), 'RS256 with an unknown kid');
});

test('a key embedded in the header (jwk / jku / x5u) is never trusted', async () => {
  const attacker = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = attacker.publicKey.export({ format: 'jwk' });
  const claims = validClaims();
  for (const header of [
    { alg: 'RS256', typ: 'JWT', kid: rsa.kid, jwk },
    { alg: 'RS256', typ: 'JWT', jwk },
    { alg: 'RS256', typ: 'JWT', kid: rsa.kid, jku: 'http://127.0.0.1:9/jwks.json' },
    { alg: 'RS256', typ: 'JWT', kid: rsa.kid, x5u: 'http://127.0.0.1:9/cert.pem' },
  ]) {
    const token = await new jose.SignJWT(claims).setProtectedHeader(header).sign(attacker.privateKey);
    await assertRejected(server, token, `header ${Object.keys(header).join(',')}`);
  }
});

test('an expired token is refused (well beyond any leeway)', async () => {
  const expired = { sub: user.id, iat: nowSeconds() - 7_200, exp: nowSeconds() - 600 };
  await assertRejected(server, hmacToken(hmacHeader(), expired, hmacSecret), 'expired HS256');
  await assertRejected(server, await signOwnRsa(expired), 'expired RS256');
});

test('a token whose nbf is in the future is refused', async () => {
  const claims = { ...validClaims(), nbf: nowSeconds() + 3_600 };
  await assertRejected(server, hmacToken(hmacHeader(), claims, hmacSecret), 'nbf +1 h HS256');
  await assertRejected(server, await signOwnRsa(claims), 'nbf +1 h RS256');
});

test('a token with four (or two, or one) segments is refused', async () => {
  const { h, p, s } = splitToken(loginToken);
  for (const token of [`${h}.${p}.${s}.${s}`, `${h}.${p}.${s}.`, `.${h}.${p}.${s}`, `${h}.${p}`, `${h}`, '..', '...']) {
    await assertRejected(server, token, `segments ${token.split('.').length}`);
  }
});

test('non-base64url characters anywhere in the token are refused', async () => {
  // Build a valid HS256 token whose signature contains '-' or '_', so their standard-base64
  // twins '+' and '/' decode to the same bytes in a lenient decoder.
  let token;
  for (let i = 0; i < 200 && !token; i += 1) {
    const candidate = hmacToken(hmacHeader(), { ...validClaims(), n: i }, hmacSecret);
    if (/[-_]/.test(splitToken(candidate).s)) token = candidate;
  }
  assert.ok(token, 'no candidate signature with - or _');
  await assertAccepted(server, token, 'base64url control');
  const { h, p, s } = splitToken(token);
  await assertRejected(server, `${h}.${p}.${s.replace(/-/g, '+').replace(/_/g, '/')}`, 'standard base64 signature');
  await assertRejected(server, `${h}.${p}.${s}=`, 'padded signature');
  await assertRejected(server, `${h}.${p}.${s}==`, 'double-padded signature');
  await assertRejected(server, `${h}.${p}*.${s}`, '* in payload');
  await assertRejected(server, `${h}.${p.slice(0, 5)}%${p.slice(6)}.${s}`, '% in payload');
  await assertRejected(server, `${h}.${p}.${s.slice(0, 10)}!${s.slice(11)}`, '! in signature');
});

test('header or payload that is not a JSON object is refused even when correctly signed', async () => {
  const sign = (headerText, payloadText) => {
    const input = `${b64url(headerText)}.${b64url(payloadText)}`;
    return `${input}.${b64url(crypto.createHmac('sha256', hmacSecret).update(input).digest())}`;
  };
  const header = JSON.stringify(hmacHeader());
  await assertRejected(server, sign(header, '[1,2,3]'), 'payload is an array');
  await assertRejected(server, sign(header, '"a string"'), 'payload is a string');
  await assertRejected(server, sign(header, '{"sub":'), 'payload is truncated JSON');
  await assertRejected(server, sign(`{"alg":"HS256","kid":${JSON.stringify(hmac.kid)}`, JSON.stringify(validClaims())), 'header is truncated JSON');
  await assertRejected(server, sign('null', JSON.stringify(validClaims())), 'header is null');
});

async function sendHuge(headers) {
  const head = [`GET /api/jwt/validate HTTP/1.1`, `Host: 127.0.0.1:${server.port}`, ...headers, 'Connection: close', '', ''].join('\r\n');
  return rawExchange(server.port, head, { timeoutMs: 10_000 });
}

test('a ~1 MiB token is refused (401, 413 or 431), never 200, and the server survives', async () => {
  const huge = hmacToken(hmacHeader(), { ...validClaims(), pad: 'a'.repeat(1 << 20) }, hmacSecret);
  assert.ok(huge.length > 1_000_000);
  for (const header of [`Authorization: Bearer ${huge}`, `Cookie: access_token=${huge}`]) {
    const { text } = await sendHuge([header]);
    const codes = statusCodes(text);
    // The server may also close the connection without an answer; it must never accept.
    if (codes.length > 0) {
      assert.ok([400, 401, 413, 431].includes(codes[0]), `huge token via ${header.split(':')[0]}: HTTP ${codes[0]}`);
    }
    assert.ok(!codes.includes(200), 'a 1 MiB token must never validate');
    await assertServerAlive(server);
  }
  // And a normal request on a fresh connection still works.
  await assertAccepted(server, loginToken, 'login token after the huge ones');
});

test('the issue endpoint refuses the same forgeries', async () => {
  const { p } = splitToken(loginToken);
  const forged = [
    `${encodeSegment({ alg: 'none', typ: 'JWT', kid: hmac.kid })}.${p}.`,
    hmacToken({ alg: 'HS256', typ: 'JWT', kid: rsa.kid }, validClaims(), rsa.publicKey),
    withHeader(rsaToken, { ...splitToken(rsaToken).header, alg: 'RS384' }),
  ];
  const appId = jose.decodeJwt(loginToken).applicationId;
  for (const token of forged) {
    const response = await fetch(`${server.url}/api/jwt/issue?applicationId=${appId}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(response.status, 401);
  }
  await assertServerAlive(server);
});
