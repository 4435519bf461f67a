import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client.js';
import { safeHttpUrl } from '../../lib/format.js';
import type { Identity } from '../churn/types.js';

/** Identities with their evidence; suggested ones can be confirmed or rejected. */
export function IdentityRows({
  items,
  onChange,
  showCustomer,
}: {
  items: Identity[];
  onChange(): void;
  showCustomer: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const decide = async (i: Identity, status: 'confirmed' | 'rejected') => {
    try {
      await api(`/customers/${i.customer.id}/identities/${i.author.id}`, {
        method: 'PATCH',
        body: { status },
      });
      setError(null);
      onChange();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  if (items.length === 0) return <p class="muted">No identity yet.</p>;
  return (
    <>
      {error && <p role="alert">{error}</p>}
      <table class="churn-table">
        <tbody>
          {items.map((i) => {
            const url = safeHttpUrl(i.author.profileUrl);
            return (
              <tr key={`${i.customer.id}-${i.author.id}`} data-identity={i.author.handle}>
                {showCustomer && (
                  <td>
                    <a href={`#/account?id=${i.customer.id}`}>{i.customer.name}</a>
                  </td>
                )}
                <td>
                  {url ? (
                    <a href={url} rel="noopener noreferrer" target="_blank">
                      {i.author.handle}
                    </a>
                  ) : (
                    i.author.handle
                  )}{' '}
                  ({i.author.platform})
                </td>
                <td>
                  {i.status} · {Math.round(i.confidence * 100)}%
                </td>
                <td class="evidence">{i.evidence.map((e) => e.detail).join('; ')}</td>
                <td>
                  {i.status === 'suggested' && (
                    <span class="identity-actions">
                      <button type="button" onClick={() => void decide(i, 'confirmed')}>
                        Confirm
                      </button>
                      <button type="button" onClick={() => void decide(i, 'rejected')}>
                        Reject
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
