import { useState } from 'preact/hooks';
import { session } from '../api/endpoints.js';
import type { Session } from '../api/types.js';
import { Brand } from '../components/brand.js';
import { formatHash, useRoute } from '../lib/router.js';
import { findPage, visiblePages } from './pages.js';
import { ScopeBar } from './scope-bar.js';
import { scopeFromParams, scopeQuery } from './scope.js';

interface Props {
  user: Session;
  onSignedOut(): void;
}

export function Shell({ user, onSignedOut }: Props) {
  const route = useRoute();
  const scope = scopeFromParams(route.params);
  const page = findPage(route.path);
  const pages = visiblePages(user.role);
  const [signingOut, setSigningOut] = useState(false);

  const signOut = async () => {
    setSigningOut(true);
    try {
      await session.logout();
    } catch {
      // The cookie may already be gone; signing out locally is what the person asked for.
    }
    onSignedOut();
  };

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <a
            class="brand-link"
            href={formatHash('/', scopeQuery(scope))}
            aria-label="Écoute overview"
          >
            <Brand />
          </a>
          <nav aria-label="Main" class="nav">
            {pages.map((p) => (
              <a
                key={p.path}
                href={formatHash(p.path, scopeQuery(scope))}
                aria-current={p === page ? 'page' : undefined}
              >
                {p.label}
              </a>
            ))}
          </nav>
          <div class="user">
            <span class="user-name" title={`Signed in as ${user.name} (${user.role})`}>
              {user.name}
              <span class="role">{user.role}</span>
            </span>
            <button
              type="button"
              class="button ghost small"
              onClick={signOut}
              disabled={signingOut}
            >
              Log out
            </button>
          </div>
        </div>
      </header>
      <main id="main" class="content" tabIndex={-1}>
        {page ? (
          <>
            <div class="page-head">
              <h1>{page.label}</h1>
              {page.scoped && <ScopeBar scope={scope} />}
            </div>
            <page.component scope={scope} params={route.params} />
          </>
        ) : (
          <section class="card empty-state">
            <h1>Page not found</h1>
            <p>
              There is no page at <code>{route.path}</code>.{' '}
              <a href={formatHash('/', scopeQuery(scope))}>Go to the overview</a>.
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
