// An OpenID provider for the portal's tests and local demos, behaving like the Flemish
// government IdP (ACM/IDM): authorization code + PKCE (S256), RS256 ID tokens carrying every
// claim of the account, RP-initiated logout. Interaction pages are our own (not
// devInteractions), so a script can log in with a plain form POST.
//
//   node tests/oidc/provider.mjs <config.json>
//
// Prints `READY <issuer>` on stdout once listening on 127.0.0.1; exits on SIGTERM.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

// Claims per scope as ACM/IDM hands them out; `vo` is the government's own scope.
// `acr` sits in the openid scope so every ID token carries it, as ACM/IDM's do (by default
// oidc-provider returns it only when asked for with acr_values or the claims parameter).
const CLAIMS = {
  openid: ['sub', 'acr'],
  profile: ['given_name', 'family_name'],
  email: ['email'],
  vo: [
    'vo_email',
    'vo_doelgroepcode',
    'vo_doelgroepnaam',
    'vo_orgcode',
    'vo_orgnaam',
    'wv_orgcode',
    'dv_duaal_rol_3d',
    'rrn',
  ],
};

// Registered redirect URIs on these hosts match whatever port the request names: the Django
// live server picks a random port per test run (the RFC 8252 loopback rule, for web clients).
const LOOPBACKS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function portless(value) {
  let parsed;
  try {
    parsed = new URL(value);
  } catch {
    return undefined;
  }
  if (parsed.protocol === 'http:' && LOOPBACKS.has(parsed.hostname)) parsed.port = '';
  return parsed.href;
}

function matchesRegistered(value, registered) {
  const wanted = portless(value);
  return wanted !== undefined && registered.some((uri) => portless(uri) === wanted);
}

function signingKeys(config) {
  if (config.jwks) return config.jwks;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' }] };
}

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function loginForm(uid, { login = '', error = '' } = {}) {
  const fout = error ? `<p id="fout" role="alert">${escapeHtml(error)}</p>` : '';
  return page('Aanmelden bij de testidentiteitsprovider', `${fout}
<form method="post" action="/interaction/${escapeHtml(uid)}" autocomplete="off">
  <label for="login">Gebruiker</label>
  <input id="login" name="login" value="${escapeHtml(login)}" required autofocus>
  <label for="password">Wachtwoord</label>
  <input id="password" name="password" type="password" required>
  <button type="submit" id="aanmelden">Aanmelden</button>
</form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, html) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}

function buildProvider(config) {
  const accounts = config.accounts ?? {};
  const ttl = config.ttl ?? {};
  const acrs = new Set(['loa-low', 'loa-substantial', 'loa-high']);
  Object.values(accounts).forEach((account) => acrs.add(account.acr ?? 'loa-substantial'));

  const provider = new Provider(config.issuer, {
    clients: (config.clients ?? []).map((client) => ({
      client_id: client.client_id,
      client_secret: client.client_secret,
      redirect_uris: client.redirect_uris,
      post_logout_redirect_uris: client.post_logout_redirect_uris ?? [],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: client.token_endpoint_auth_method ?? 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
      require_auth_time: true,
    })),
    jwks: signingKeys(config),
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: CLAIMS,
    // Like ACM/IDM: the scope's claims are in the ID token itself, not only at userinfo.
    conformIdTokenClaims: false,
    acrValues: [...acrs],
    pkce: { methods: ['S256'], required: () => true },
    responseTypes: ['code'],
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      userinfo: { enabled: true },
    },
    ttl: {
      IdToken: ttl.id_token ?? 3600,
      AccessToken: ttl.access_token ?? 3600,
      AuthorizationCode: 60,
      Interaction: 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    async findAccount(ctx, sub) {
      const account = accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account.claims, sub }) };
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      const rows = Object.entries(out).map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`);
      ctx.body = page('Fout bij de testidentiteitsprovider', `<dl id="oidc-fout">${rows.join('')}</dl>`);
    },
  });

  // The documented recipe for redirect URI rules of one's own: override on the Client prototype.
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
    return matchesRegistered(value, this.redirectUris);
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutAllowed(value) {
    return matchesRegistered(value, this.postLogoutRedirectUris ?? []);
  };
  return provider;
}

// The logout confirmation submits itself; a script without JavaScript POSTs the same form
// (its hidden xsrf field plus logout=yes).
async function logoutSource(ctx, form) {
  ctx.body = page('Afmelden', `${form}
<button type="submit" form="op.logoutForm" id="afmelden" name="logout" value="yes">Afmelden</button>
<script>
  var f = document.getElementById('op.logoutForm');
  var i = document.createElement('input');
  i.type = 'hidden'; i.name = 'logout'; i.value = 'yes'; f.appendChild(i); f.submit();
</script>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = page('Afgemeld', '<p id="afgemeld">U bent afgemeld bij de testidentiteitsprovider.</p>');
}

// Every requested scope and claim is granted at once: the portal is a first-party client and
// ACM/IDM shows no consent screen either.
async function grantAll(provider, details, accountId) {
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope ?? 'openid'));
  if (details.params.claims) {
    const requested = JSON.parse(details.params.claims);
    const names = new Set();
    Object.values(requested).forEach((byUse) => Object.keys(byUse ?? {}).forEach((n) => names.add(n)));
    grant.addOIDCClaims([...names]);
  }
  return grant.save();
}

async function interaction(provider, accounts, req, res, uid) {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    send(res, 400, page('Sessie verlopen', `<p id="fout">${escapeHtml(err.message)}</p>`));
    return;
  }
  if (details.uid !== uid) {
    send(res, 400, page('Sessie verlopen', '<p id="fout">Onbekende aanmelding.</p>'));
    return;
  }
  if (details.prompt.name === 'consent') {
    const grantId = await grantAll(provider, details, details.session.accountId);
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  if (req.method === 'GET') {
    send(res, 200, loginForm(uid));
    return;
  }
  if (req.method !== 'POST') {
    send(res, 405, page('Niet toegelaten', ''));
    return;
  }
  const form = await readForm(req);
  const login = form.get('login') ?? '';
  const account = Object.hasOwn(accounts, login) ? accounts[login] : undefined;
  if (!account || account.password !== form.get('password')) {
    send(res, 200, loginForm(uid, { login, error: 'Onbekende gebruiker of verkeerd wachtwoord.' }));
    return;
  }
  const grantId = await grantAll(provider, details, login);
  await provider.interactionFinished(
    req,
    res,
    {
      login: { accountId: login, acr: account.acr ?? 'loa-substantial', amr: ['pwd'] },
      consent: { grantId },
    },
    { mergeWithLastSubmission: false },
  );
}

function main() {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write('usage: node provider.mjs <config.json>\n');
    process.exit(2);
  }
  const config = JSON.parse(readFileSync(path, 'utf8'));
  const port = Number(config.port ?? 0);
  const accounts = config.accounts ?? {};

  const server = createServer();
  server.listen(port, '127.0.0.1', () => {
    const actual = server.address().port;
    config.issuer = config.issuer ?? `http://127.0.0.1:${actual}`;
    const provider = buildProvider(config);
    const callback = provider.callback();
    server.on('request', (req, res) => {
      if (req.url === '/favicon.ico') {
        // Browsers ask for it on every page: an empty answer, not a 404 in the console.
        res.writeHead(204);
        res.end();
        return;
      }
      const match = /^\/interaction\/([\w-]+)\/?(?:\?.*)?$/.exec(req.url ?? '');
      if (!match) {
        callback(req, res);
        return;
      }
      interaction(provider, accounts, req, res, match[1]).catch((err) => {
        process.stderr.write(`${err.stack ?? err}\n`);
        if (!res.headersSent) send(res, 500, page('Fout', `<p id="fout">${escapeHtml(err.message)}</p>`));
      });
    });
    process.stdout.write(`READY ${config.issuer}\n`);
  });

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The test harness holds our stdin: when it dies without stopping us, we go too.
  if (config.exit_on_stdin_close) {
    process.stdin.on('end', stop);
    process.stdin.resume();
  }
}

main();
