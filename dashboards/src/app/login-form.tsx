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
  const [mode, setMode] = useState<'key' | 'password'>('key');
  const [apiKey, setApiKey] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const key = apiKey.trim();
    if (mode === 'key' && !key) return setError('Paste an API key first.');
    if (mode === 'password' && (!email.trim() || !password)) {
      return setError('Enter your e-mail address and your password.');
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(
        mode === 'key'
          ? await session.login(key)
          : await session.loginWithPassword(email.trim(), password),
      );
    } catch (err) {
      const refused = err instanceof ApiError && err.status === 401;
      setError(
        refused && mode === 'key'
          ? 'This API key was not accepted. Check that you pasted all of it.'
          : refused
            ? 'This e-mail address and password do not match.'
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
        {mode === 'key' ? (
          <>
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
          </>
        ) : (
          <>
            <label for="email">E-mail</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              value={email}
              onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
              required
              autoFocus
            />
            <label for="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
              required
            />
          </>
        )}
        <button
          type="button"
          class="link-button"
          onClick={() => {
            setMode(mode === 'key' ? 'password' : 'key');
            setError(null);
          }}
        >
          {mode === 'key' ? 'Sign in with an e-mail and password' : 'Sign in with an API key'}
        </button>
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
