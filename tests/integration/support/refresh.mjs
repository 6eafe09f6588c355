// Helpers for the refresh-token tests: raw calls to POST/DELETE /api/jwt/refresh where the
// official client cannot set cookies or form bodies, and a scan of the database files.
//
//   const res = await rawRefresh(server, { cookie: `refresh_token=${value}`, body: {...} });
//   const leaked = await databaseContains(server.dataDir, values);

import fs from 'node:fs/promises';
import path from 'node:path';

import { api } from './http.mjs';

// POST /api/jwt/refresh with optional Cookie header and JSON body.
export async function rawRefresh(server, { cookie, body } = {}) {
  const headers = cookie ? { Cookie: cookie } : {};
  return api(server, 'POST', '/api/jwt/refresh', body === undefined ? { headers } : { headers, body });
}

// DELETE /api/jwt/refresh with the token in an application/x-www-form-urlencoded body (keeps
// it out of access logs, seed "Revoke Refresh Tokens").
export async function revokeByFormBody(server, apiKey, token) {
  return api(server, 'DELETE', '/api/jwt/refresh', {
    apiKey,
    rawBody: new URLSearchParams({ token }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

// Which of `values` occur anywhere in the SQLite files of `dataDir` (db, -wal, -shm).
export async function databaseContains(dataDir, values) {
  const files = (await fs.readdir(dataDir)).filter((name) => name.startsWith('latchkey.db'));
  const found = new Set();
  for (const name of files) {
    const bytes = await fs.readFile(path.join(dataDir, name));
    for (const value of values) {
      if (bytes.includes(Buffer.from(value, 'utf8'))) found.add(value);
    }
  }
  return { files, found: [...found] };
}
