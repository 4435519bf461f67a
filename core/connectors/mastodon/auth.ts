import type { AxiosInstance } from 'axios';
import { invalidShape, isRecord, jsonBody, str } from '../shared/json-body.js';

/**
 * GET /api/v1/accounts/verify_credentials: the account the token acts for, or the instance's
 * refusal (401 once the token is revoked). Mastodon tokens do not expire by themselves, so this
 * check is what finds one that stopped working before a reply does.
 */
export async function verifyMastodonToken(
  http: AxiosInstance,
  instance: string,
  token: string,
  timeoutMs: number,
): Promise<string> {
  const url = `${instance}/api/v1/accounts/verify_credentials`;
  const res = await http.get<unknown>(url, {
    timeout: timeoutMs,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  const body = jsonBody(res.data, url);
  const acct = isRecord(body) ? str(body.acct) : null;
  if (!acct) throw invalidShape(url, 'an Account with an acct');
  return acct;
}
