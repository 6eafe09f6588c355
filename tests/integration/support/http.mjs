// Raw HTTP for what FusionAuth's client cannot express: malformed bodies, missing or odd
// headers, oversized bodies, pipelining and broken framing.
//
//   const res = await api(server, 'POST', '/api/user', { rawBody: '{"user":', apiKey });
//   const text = await rawExchange(server.port, 'GET /api/status HTTP/1.1\r\n...');

import http from 'node:http';
import net from 'node:net';

// One request with global fetch. Options: apiKey (sent verbatim as Authorization, as the
// official client does), tenantId, body (JSON-encoded), rawBody (sent as is), headers.
// Resolves {status, headers, text, json} where json is the parsed body or undefined.
export async function api(server, method, path, { apiKey, tenantId, body, rawBody, headers = {} } = {}) {
  const allHeaders = { ...headers };
  if (apiKey !== undefined) allHeaders.Authorization = apiKey;
  if (tenantId !== undefined) allHeaders['X-FusionAuth-TenantId'] = tenantId;
  let payload;
  if (rawBody !== undefined) {
    payload = rawBody;
    allHeaders['Content-Type'] ??= 'application/json';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    allHeaders['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${server.url}${path}`, { method, headers: allHeaders, body: payload });
  const text = await response.text();
  let json;
  if ((response.headers.get('content-type') ?? '').startsWith('application/json') && text.length > 0) {
    json = JSON.parse(text);
  }
  return { status: response.status, headers: response.headers, text, json };
}

// Writes `payload` (string or Buffer, or an array of them written one after another) on a
// fresh TCP connection and collects what comes back. Resolves the received text when the
// server closes the connection, when `until(text)` is true, or after `timeoutMs` (then
// `timedOut` is set). Write errors (the server may close early, e.g. on 413) are recorded,
// not thrown, so the answer sent before the close can still be inspected.
export function rawExchange(port, payload, { until = () => false, timeoutMs = 5_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks = [];
    let writeError = null;
    let settled = false;
    const finish = (timedOut) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), timedOut, writeError });
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    socket.on('connect', async () => {
      const parts = Array.isArray(payload) ? payload : [payload];
      try {
        for (const part of parts) {
          if (socket.destroyed) break;
          const flushed = socket.write(part);
          if (!flushed) await new Promise((ok) => socket.once('drain', ok).once('close', ok));
        }
      } catch (error) {
        writeError = error;
      }
    });
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (until(Buffer.concat(chunks).toString('latin1'))) finish(false);
    });
    socket.on('error', (error) => {
      if (chunks.length === 0 && error.code === 'ECONNREFUSED') {
        settled = true;
        clearTimeout(timer);
        reject(error);
        return;
      }
      writeError = error;
      finish(false);
    });
    socket.on('close', () => finish(false));
  });
}

// Status codes of every HTTP response found in a raw exchange, in order.
export function statusCodes(text) {
  return [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((match) => Number(match[1]));
}

// One request through node:http with a caller-owned Agent, for tests that need control over
// connections (e.g. `new http.Agent({ keepAlive: true, maxSockets: n })` to hold n open,
// already-accepted connections). Resolves {status, text, json}.
export function agentRequest(agent, server, method, path, { apiKey, body } = {}) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers = {};
  if (apiKey !== undefined) headers.Authorization = apiKey;
  if (payload) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = payload.length;
  }
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}${path}`, { method, agent, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        if ((response.headers['content-type'] ?? '').startsWith('application/json') && text) json = JSON.parse(text);
        resolve({ status: response.statusCode, text, json });
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}
