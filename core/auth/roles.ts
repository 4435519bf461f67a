/**
 * Roles, from most to least powerful: admin (everything), analyst (listening, churn, ideas,
 * exports), agent (inbox, replies), viewer (read-only).
 */
export type Role = 'admin' | 'analyst' | 'agent' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'analyst', 'agent', 'viewer'];

/** The role keys had before roles were split; such keys are viewers now (sql/0014). */
export type LegacyRole = 'reader';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A role as stored or given, with the legacy `reader` read as `viewer`. */
export function normaliseRole(role: Role | LegacyRole): Role {
  return role === 'reader' ? 'viewer' : role;
}
