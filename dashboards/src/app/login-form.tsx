import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { session } from '../api/endpoints.js';
import type { Session } from '../api/types.js';
import { Brand } from '../components/brand.js';

interface Props {
  notice?: string;
  onSignedIn(user: Session): void;
}

export function LoginForm({ notice, onSignedIn }: Props) {
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const key = apiKey.trim();
    if (!key) return setError('Paste an API key first.');
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await session.login(key));
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? 'This API key was not accepted. Check that you pasted all of it.'
          : (err as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="center-page">
      <form class="login card" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <Brand />
        <h1 id="login-title">Sign in</h1>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="apiKey"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={apiKey}
          onInput={(e) => setApiKey((e.currentTarget as HTMLInputElement).value)}
          aria-describedby="api-key-hint"
          aria-invalid={error ? true : undefined}
          required
          autoFocus
        />
        <p id="api-key-hint" class="hint">
          Paste the API key printed by <code>npm start</code> (or create one with{' '}
          <code>ecoute keys create</code>).
        </p>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
