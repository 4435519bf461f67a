import type { Idea } from './types.js';
import { STATUS_TEXT } from './types.js';

const fmt = (x: number) => (Math.round(x * 10) / 10).toString();

/** Demand and judgement side by side, never blended into one number. */
export function IdeaFigures({ idea }: { idea: Idea }) {
  const { demand, scores } = idea;
  return (
    <dl class="idea-figures">
      <div data-figure="votes">
        <dt>Votes</dt>
        <dd>{demand.votes}</dd>
      </div>
      <div data-figure="supporters">
        <dt>Supporters</dt>
        <dd>{demand.supporters}</dd>
      </div>
      <div data-figure="customers">
        <dt>Customer value</dt>
        <dd>
          {demand.customers > 0
            ? `${Math.round(demand.customerValue).toLocaleString()} (${demand.customers})`
            : '—'}
        </dd>
      </div>
      <div data-figure="feasibility">
        <dt>Feasibility</dt>
        <dd>
          {scores.feasibility
            ? `${fmt(scores.feasibility.mean)} ± ${fmt(scores.feasibility.stddev)}`
            : '—'}
        </dd>
      </div>
      <div data-figure="impact">
        <dt>Impact</dt>
        <dd>{scores.impact ? `${fmt(scores.impact.mean)} ± ${fmt(scores.impact.stddev)}` : '—'}</dd>
      </div>
    </dl>
  );
}

export function IdeaStatusBadge({ status }: { status: string }) {
  return (
    <span class={`badge idea-status idea-status-${status}`}>{STATUS_TEXT[status] ?? status}</span>
  );
}
