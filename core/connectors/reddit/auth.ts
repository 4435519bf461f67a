import type { AxiosInstance } from 'axios';
import { invalidShape, isRecord, jsonBody, str } from '../shared/json-body.js';

/** Reddit's token endpoint (the API itself is on oauth.reddit.com). */
export const REDDIT_TOKEN_URL = 'https://www.reddit.com/api/v1/access_token';

export interface RedditClient {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** REDDIT_TOKEN_URL unless told (tests point it at a local server). */
  tokenUrl: string;
}

export interface RedditAccess {
  accessToken: string;
  expiresAt: Date;
  /** Reddit may hand out a new refresh token with the access token; the old one then stops. */
  refreshToken: string | null;
}

/**
 * The refresh_token grant: POST the token endpoint with the app's client id and secret as Basic
 * credentials. An access token lasts `expires_in` seconds (3,600 today). A revoked or unknown
 * refresh token answers 400 {error: "invalid_grant"}, which comes back as a bad_config error.
 */
export async function refreshRedditToken(
  http: AxiosInstance,
  client: RedditClient,
  timeoutMs: number,
  now: Date,
): Promise<RedditAccess> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: client.refreshToken,
  });
  const res = await http.post<unknown>(client.tokenUrl, form.toString(), {
    timeout: timeoutMs,
    auth: { username: client.clientId, password: client.clientSecret },
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
  });
  const body = jsonBody(res.data, client.tokenUrl);
  const token = isRecord(body) ? str(body.access_token) : null;
  const expiresIn = isRecord(body) ? Number(body.expires_in) : NaN;
  if (!token || !Number.isFinite(expiresIn) || expiresIn <= 0)
    throw invalidShape(client.tokenUrl, 'an access_token with expires_in');
  return {
    accessToken: token,
    expiresAt: new Date(now.getTime() + expiresIn * 1000),
    refreshToken: isRecord(body) ? str(body.refresh_token) : null,
  };
}

/** GET /api/v1/me with the token: its account name, or the platform's refusal. */
export async function verifyRedditToken(
  http: AxiosInstance,
  baseUrl: string,
  token: string,
  timeoutMs: number,
): Promise<string> {
  const url = `${baseUrl}/api/v1/me`;
  const res = await http.get<unknown>(url, {
    timeout: timeoutMs,
    headers: { Authorization: `bearer ${token}`, Accept: 'application/json' },
  });
  const body = jsonBody(res.data, url);
  const name = isRecord(body) ? str(body.name) : null;
  if (!name) throw invalidShape(url, 'an account with a name');
  return name;
}
