// Drives the hosted login pages (/oauth2/authorize, /oauth2/two-factor) as a browser does:
// GET the form for its CSRF token and cookie, then POST it.
//
//   const login = await hostedLogin(server, params, email, password);   // {status, location, ...}
//   const done = await hostedTwoFactor(server, params, login.twoFactorCookie, code);

export function form(params) {
  return new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined));
}

function query(params) {
  return form(params).toString().replace(/\+/g, '%20');
}

function cookiesOf(response) {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]);
}

async function answer(response) {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    location: response.headers.get('location'),
    cookies: cookiesOf(response),
  };
}

// POST /oauth2/authorize with the credentials; `twoFactorCookie` is set when it sends the
// browser on to /oauth2/two-factor.
export async function hostedLogin(server, params, loginId, password) {
  const get = await fetch(`${server.url}/oauth2/authorize?${query(params)}`,
    { redirect: 'manual', headers: { Accept: 'text/html' } });
  const html = await get.text();
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error(`no login form (${get.status}): ${html.slice(0, 200)}`);
  const posted = await fetch(`${server.url}/oauth2/authorize`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiesOf(get).join('; ') },
    body: form({ ...params, loginId, password, csrf_token: csrf }),
  });
  const result = await answer(posted);
  result.twoFactorCookie = result.cookies.find((c) => c.startsWith('lk_2fa='));
  return result;
}

// POST /oauth2/two-factor with `code`, after fetching the page for its CSRF token.
export async function hostedTwoFactor(server, params, twoFactorCookie, code) {
  const page = await fetch(`${server.url}/oauth2/two-factor?${query(params)}`,
    { redirect: 'manual', headers: { Cookie: twoFactorCookie } });
  const html = await page.text();
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error(`no two-factor form (${page.status}): ${html.slice(0, 200)}`);
  const cookies = [twoFactorCookie, ...cookiesOf(page)].join('; ');
  const posted = await fetch(`${server.url}/oauth2/two-factor`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies },
    body: form({ ...params, code, csrf_token: csrf }),
  });
  return answer(posted);
}
