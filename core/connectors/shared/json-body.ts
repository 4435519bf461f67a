import { ConnectorError } from '../connector-error.js';

/**
 * The parsed JSON body, or a readable invalid_payload error. axios hands back the raw string
 * when a body does not parse (an HTML error page, a cut-off response).
 */
export function jsonBody(data: unknown, where: string): unknown {
  if (typeof data !== 'string') return data;
  const text = data.trimStart();
  if (/^(<!doctype html|<html)/i.test(text)) {
    throw new ConnectorError('invalid_payload', `${where}: the response is an HTML page, not JSON`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : 'unreadable';
    throw new ConnectorError(
      'invalid_payload',
      `${where}: the response is not valid JSON (${why})`,
    );
  }
}

export function invalidShape(where: string, expected: string): ConnectorError {
  return new ConnectorError('invalid_payload', `${where}: expected ${expected}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
