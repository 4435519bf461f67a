import type { TestApp } from './app-harness.js';

/**
 * One call to the test app's API under `/api/v1`, as a bearer key (the admin's unless told),
 * with the answer's status and parsed JSON body (undefined when empty).
 */
export async function apiCall<T>(
  app: TestApp,
  method: string,
  path: string,
  body?: unknown,
  key = app.adminKey,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
