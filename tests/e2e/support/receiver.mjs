// The relying party's redirect target: a real HTTP server on 127.0.0.1 that records every
// request it gets and answers a small page, so the browser really lands on the redirect URI.
//
//   const rp = await startReceiver();
//   const callback = `${rp.url}/callback`;
//   rp.requests.at(-1).searchParams.get('code');

import http from 'node:http';

export async function startReceiver() {
  const requests = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    requests.push(url);
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end('<!DOCTYPE html><title>Relying party</title><h1>Back at the app</h1>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
