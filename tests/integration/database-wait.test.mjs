// Waiting for the database has a deadline (--database-wait-ms): a request that cannot get the
// write lock in time is answered 503 with Retry-After and FusionAuth's Errors body, on the
// /api front door and the OAuth one alike, never a 500 and never an unbounded wait; once the
// lock is gone the same requests succeed. Another process holds SQLite's write lock here
// (the sqlite3 shell in a BEGIN EXCLUSIVE transaction), as a stuck writer would.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, test } from 'node:test';

import { uniqueEmail } from './support/client.mjs';
import { api } from './support/http.mjs';
import { DEFAULT_API_KEY } from './support/kickstart.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'database-wait-password-1';
const WAIT_MS = 200;
let server;
let app;
const email = uniqueEmail('dbwait');

before(async () => {
  server = await startServer({ args: ['--database-wait-ms', String(WAIT_MS)] });
  const created = await api(server, 'POST', '/api/application', {
    apiKey: DEFAULT_API_KEY,
    body: { application: { name: `dbwait-${randomUUID()}`, oauthConfiguration: { enabledGrants: ['password'], clientAuthenticationPolicy: 'NotRequired' } } },
  });
  assert.equal(created.status, 200, created.text);
  app = created.json.application;
  const registered = await api(server, 'POST', '/api/user/registration', {
    apiKey: DEFAULT_API_KEY,
    body: { user: { email, password: PASSWORD }, registration: { applicationId: app.id } },
  });
  assert.equal(registered.status, 200, registered.text);
});
after(async () => { await server?.dispose(); });

// Opens the server's database in the sqlite3 shell and takes the write lock; resolves once held.
async function holdWriteLock() {
  const shell = spawn('sqlite3', [path.join(server.dataDir, 'latchkey.db')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: shell.stdout });
  const held = new Promise((resolve) => lines.on('line', (line) => { if (line === 'locked') resolve(); }));
  shell.stdin.write("PRAGMA busy_timeout = 5000;\nBEGIN EXCLUSIVE;\nSELECT 'locked';\n");
  await held;
  return async () => {
    const closed = new Promise((resolve) => shell.on('close', resolve));
    shell.stdin.end('ROLLBACK;\n');
    await closed;
  };
}

const createUser = () => api(server, 'POST', '/api/user', {
  apiKey: DEFAULT_API_KEY, body: { user: { email: uniqueEmail('dbwait-new'), password: PASSWORD } },
});

async function passwordGrant() {
  const response = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: app.oauthConfiguration.clientId, username: email, password: PASSWORD }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

function assertUnavailable(res) {
  assert.equal(res.status, 503, res.text);
  assert.equal(res.headers.get('retry-after'), '1');
  const body = JSON.parse(res.text);
  assert.equal(body.generalErrors?.[0]?.code, '[ServiceUnavailable]', res.text);
}

test('a write that cannot get the database within --database-wait-ms is a 503 on every front door, then recovers', async () => {
  const release = await holdWriteLock();
  try {
    const started = Date.now();
    assertUnavailable(await createUser());
    assertUnavailable(await passwordGrant());
    // Bounded: each answer came after about the deadline, not the old 10 s busy wait.
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    // Reads do not wait for a writer (WAL): the status page still answers.
    const status = await api(server, 'GET', '/api/status');
    assert.equal(status.status, 200, status.text);
  } finally {
    await release();
  }
  assert.equal((await createUser()).status, 200);
  assert.equal((await passwordGrant()).status, 200);
});
