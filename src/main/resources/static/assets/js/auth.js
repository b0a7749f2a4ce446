// Sign-in and the REST API. The tokens live in localStorage (see docs/security.md): the access
// token travels only in the Authorization header and the WebSocket's hello frame, never in a URL.

const STORAGE_KEY = 'hokm.auth';
const REFRESH_MARGIN_MS = 60_000;

export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

let session = load();
const listeners = new Set();

function load() {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function store(next) {
  session = next;
  if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener(session);
}

// Another tab signed in, refreshed or signed out.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  session = load();
  for (const listener of listeners) listener(session);
});

export function onSessionChange(listener) {
  listeners.add(listener);
}

export function currentSession() {
  return session;
}

function fromAnswer(answer) {
  return {
    accessToken: answer.accessToken,
    refreshToken: answer.refreshToken,
    expiresAt: Date.now() + answer.expiresIn * 1000,
    player: answer.player,
  };
}

async function request(method, path, body, bearer) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'NETWORK');
  }
  if (response.status === 204) return null;
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      json?.code || 'CLIENT_ERROR',
      json?.message,
      Number(response.headers.get('Retry-After')) || undefined,
    );
  }
  return json;
}

export async function signInAsGuest() {
  store(fromAnswer(await request('POST', '/api/auth/guest', {})));
  return session;
}

export async function logIn(username, password) {
  store(fromAnswer(await request('POST', '/api/auth/login', { username, password })));
  return session;
}

export async function register(username, password, email) {
  const body = { username, password };
  if (email) body.email = email;
  store(fromAnswer(await request('POST', '/api/auth/register', body)));
  return session;
}

export async function logOut() {
  const ending = session;
  store(null);
  if (ending?.refreshToken) {
    try {
      await request('POST', '/api/auth/logout', { refreshToken: ending.refreshToken });
    } catch {
      // Signed out here either way; the token expires on its own.
    }
  }
}

/**
 * Trades the refresh token for new tokens. Tabs of one browser share the tokens, and a refresh
 * token is single-use (presenting a used one revokes the whole login), so tabs take turns under
 * a Web Lock and a tab that finds fresh tokens from another one uses those.
 */
export async function refresh() {
  const before = session?.refreshToken;
  const run = async () => {
    const latest = load();
    if (!latest) {
      store(null);
      return null;
    }
    if (latest.refreshToken !== before && latest.expiresAt - Date.now() > REFRESH_MARGIN_MS) {
      session = latest;
      return latest;
    }
    try {
      store(fromAnswer(await request('POST', '/api/auth/refresh', { refreshToken: latest.refreshToken })));
    } catch (error) {
      if (error.code === 'INVALID_REFRESH_TOKEN' || error.status === 400 || error.status === 401) {
        store(null);
        return null;
      }
      throw error;
    }
    return session;
  };
  if (navigator.locks) return navigator.locks.request('hokm-refresh', run);
  return run();
}

/** A valid access token, refreshed first when it is about to expire; null when signed out. */
export async function accessToken() {
  if (!session) return null;
  if (session.expiresAt - Date.now() < REFRESH_MARGIN_MS) {
    const renewed = await refresh();
    return renewed ? renewed.accessToken : null;
  }
  return session.accessToken;
}

/** When the access token should be refreshed (ms from now). */
export function refreshDelay() {
  if (!session) return null;
  return Math.max(5_000, session.expiresAt - Date.now() - REFRESH_MARGIN_MS);
}

/** GET with the access token; one refresh and retry when the server says it expired. */
export async function apiGet(path) {
  const token = await accessToken();
  try {
    return await request('GET', path, undefined, token);
  } catch (error) {
    if (error.status === 401 && session) {
      const renewed = await refresh();
      if (renewed) return request('GET', path, undefined, renewed.accessToken);
    }
    throw error;
  }
}
