import { fetchDaily, fetchMentions, fetchSources, fetchSummary } from '../../api/endpoints.js';
import type { PageProps } from '../../app/pages.js';
import { Panel } from '../../components/panel.js';
import { EmptyState } from '../../components/states.js';
import { usePolled } from '../../lib/use-polled.js';
import { KpiTiles } from './kpi-tiles.js';
import { LanguagesChart } from './languages-chart.js';
import { LiveStatus } from './live-status.js';
import { MentionList } from './mention-list.js';
import { SignalsChart } from './signals-chart.js';
import { SourceHealth } from './source-health.js';
import { VolumeChart } from './volume-chart.js';

/** The listening overview: KPIs, volume and sentiment, signals, languages, latest mentions, sources. */
export function OverviewPage({ scope }: PageProps) {
  const deps = [scope.days, scope.topic];
  const summary = usePolled((signal) => fetchSummary(scope, signal), deps);
  const daily = usePolled((signal) => fetchDaily(scope, signal), deps);
  const mentions = usePolled((signal) => fetchMentions(scope, { limit: 20 }, signal), deps);
  const sources = usePolled((signal) => fetchSources(signal), []);
  const window = `the last ${scope.days} days`;
  const nothingYet = summary.data?.mentions === 0;

  return (
    <div class="overview">
      <LiveStatus polled={[summary, daily, mentions, sources]} />
      <KpiTiles polled={summary} />
      {nothingYet && (
        <section class="card">
          <EmptyState title={`No mentions in ${window}${scope.topic ? ' for this topic' : ''}`}>
            <p>
              Mentions appear here as the sources below are polled. Add a feed or a webhook source,
              import a file with <code>ecoute import FILE</code>, or pick a longer time window.
            </p>
          </EmptyState>
        </section>
      )}
      <Panel
        title="Volume and sentiment"
        id="volume-title"
        polled={daily}
        class="span-full"
        skeleton={6}
      >
        {(days) => <VolumeChart days={days} />}
      </Panel>
      <div class="overview-columns">
        <Panel
          title="Latest mentions"
          id="mentions-title"
          polled={mentions}
          class="mentions-panel"
          skeleton={8}
        >
          {(page) => <MentionList mentions={page.items} />}
        </Panel>
        <div class="overview-side">
          <Panel title="Dissatisfaction signals" id="signals-title" polled={summary}>
            {(s) => <SignalsChart summary={s} />}
          </Panel>
          <Panel title="Languages" id="languages-title" polled={summary}>
            {(s) => <LanguagesChart languages={s.languages} />}
          </Panel>
        </div>
      </div>
      <Panel title="Source health" id="sources-title" polled={sources} class="span-full">
        {(items) => <SourceHealth sources={items} />}
      </Panel>
    </div>
  );
}
