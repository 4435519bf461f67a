import { useEffect, useState } from 'preact/hooks';
import { session } from '../../api/endpoints.js';

/** The signed-in role, so pages offer admin actions only to admins (the API enforces it anyway). */
export function useRole(): string | null {
  const [role, setRole] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    session.get(controller.signal).then(
      (s) => setRole(s.role),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  return role;
}
