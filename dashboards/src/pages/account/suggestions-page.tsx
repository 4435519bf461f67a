import { api } from '../../api/client.js';
import type { PageProps } from '../../app/pages.js';
import { Panel } from '../../components/panel.js';
import { usePolled } from '../../lib/use-polled.js';
import '../churn/churn.css';
import type { Identity } from '../churn/types.js';
import { IdentityRows } from './identity-rows.js';

/** Author ↔ account suggestions awaiting a person's decision, most confident first. */
export function SuggestionsPage(_props: PageProps) {
  const polled = usePolled<{ items: Identity[] }>(
    (signal) => api('/customers/identities/suggestions', { signal }),
    [],
  );
  return (
    <div class="page">
      <Panel title="Suggested links" id="suggestions-title" polled={polled} skeleton={5}>
        {(d) => <IdentityRows items={d.items} onChange={polled.reload} showCustomer />}
      </Panel>
    </div>
  );
}
