import { useEffect, useState } from 'preact/hooks';
import { ApiError, onUnauthorized } from '../api/client.js';
import { session as sessionApi } from '../api/endpoints.js';
import type { Session } from '../api/types.js';
import { ErrorState, Loading } from '../components/states.js';
import { LoginForm } from './login-form.js';
import { Shell } from './shell.js';

type AuthState =
  | { status: 'checking' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'signed-in'; user: Session }
  | { status: 'unreachable'; error: Error };

/** Decides between the login form and the dashboard; any 401 from any request signs out. */
export function App() {
  const [auth, setAuth] = useState<AuthState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    sessionApi.get(controller.signal).then(
      (user) => setAuth({ status: 'signed-in', user }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setAuth({ status: 'signed-out' });
        else setAuth({ status: 'unreachable', error: error as Error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(
    () =>
      onUnauthorized(() =>
        setAuth((current) =>
          current.status === 'signed-in'
            ? { status: 'signed-out', notice: 'Your session has ended. Sign in again.' }
            : current,
        ),
      ),
    [],
  );

  switch (auth.status) {
    case 'checking':
      return <Loading label="Connecting to Écoute…" fullPage />;
    case 'unreachable':
      return (
        <main class="center-page">
          <ErrorState error={auth.error} onRetry={() => setAttempt((n) => n + 1)} />
        </main>
      );
    case 'signed-out':
      return (
        <LoginForm
          notice={auth.notice}
          onSignedIn={(user) => setAuth({ status: 'signed-in', user })}
        />
      );
    case 'signed-in':
      return (
        <Shell
          user={auth.user}
          onSignedOut={() => setAuth({ status: 'signed-out', notice: 'You are signed out.' })}
        />
      );
  }
}
