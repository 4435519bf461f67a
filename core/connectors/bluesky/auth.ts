import type { AxiosInstance } from 'axios';
import { invalidShape, isRecord, jsonBody, str } from '../shared/json-body.js';

export interface BlueskySession {
  accessJwt: string;
  refreshJwt: string;
  did: string;
}

/**
 * com.atproto.server.createSession with the account's identifier (handle or e-mail) and an app
 * password: a new session, used when there is none or its refresh token has expired.
 */
export async function createBlueskySession(
  http: AxiosInstance,
  baseUrl: string,
  login: { identifier: string; appPassword: string },
  timeoutMs: number,
): Promise<BlueskySession> {
  const url = `${baseUrl}/xrpc/com.atproto.server.createSession`;
  const res = await http.post<unknown>(
    url,
    { identifier: login.identifier, password: login.appPassword },
    { timeout: timeoutMs, headers: { Accept: 'application/json' } },
  );
  return sessionFrom(jsonBody(res.data, url), url);
}

/**
 * com.atproto.server.refreshSession, authorised by the refresh JWT (not the access JWT): a new
 * access JWT and a new refresh JWT (the old one is spent). An expired or revoked refresh JWT is
 * refused (400 ExpiredToken or 401 InvalidToken).
 */
export async function refreshBlueskySession(
  http: AxiosInstance,
  baseUrl: string,
  refreshJwt: string,
  timeoutMs: number,
): Promise<BlueskySession> {
  const url = `${baseUrl}/xrpc/com.atproto.server.refreshSession`;
  const res = await http.post<unknown>(url, undefined, {
    timeout: timeoutMs,
    headers: { Authorization: `Bearer ${refreshJwt}`, Accept: 'application/json' },
  });
  return sessionFrom(jsonBody(res.data, url), url);
}

/** com.atproto.server.getSession with the access JWT: the account's did, or the refusal. */
export async function verifyBlueskyToken(
  http: AxiosInstance,
  baseUrl: string,
  accessJwt: string,
  timeoutMs: number,
): Promise<string> {
  const url = `${baseUrl}/xrpc/com.atproto.server.getSession`;
  const res = await http.get<unknown>(url, {
    timeout: timeoutMs,
    headers: { Authorization: `Bearer ${accessJwt}`, Accept: 'application/json' },
  });
  const body = jsonBody(res.data, url);
  const did = isRecord(body) ? str(body.did) : null;
  if (!did) throw invalidShape(url, 'a session with a did');
  return did;
}

function sessionFrom(body: unknown, url: string): BlueskySession {
  const accessJwt = isRecord(body) ? str(body.accessJwt) : null;
  const refreshJwt = isRecord(body) ? str(body.refreshJwt) : null;
  const did = isRecord(body) ? str(body.did) : null;
  if (!accessJwt || !refreshJwt || !did) throw invalidShape(url, 'accessJwt, refreshJwt and did');
  return { accessJwt, refreshJwt, did };
}

/**
 * When a JWT expires (its `exp` claim), read without checking the signature: only to know when
 * to renew it, never to trust it. Null when the token carries no readable expiry.
 */
export function jwtExpiry(jwt: string): Date | null {
  const payload = jwt.split('.')[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = isRecord(claims) ? Number(claims.exp) : NaN;
    return Number.isFinite(exp) ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}
