import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'preact/hooks';
import type { Network } from './influencers-api.js';

const STANCE_COLOURS = {
  negative: '#b91c1c',
  neutral: '#64748b',
  positive: '#15803d',
  unknown: '#94a3b8',
} as const;

/**
 * The top authors and who engages with whom, drawn with Cytoscape.js (canvas, a force-directed
 * layout): node size grows with the influence score, colour is the stance, a flag-bearer has a
 * thick border, edge width grows with the interaction weight. Labels are set as data, which
 * Cytoscape draws on the canvas: never markup.
 */
/**
 * Cytoscape injects an inline <style> for its container unless an element with this id exists;
 * the dashboards' CSP forbids inline styles, so the id is claimed here and the one rule it would
 * inject lives in influencers.css.
 */
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

function claimCytoscapeStylesheet(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const marker = document.createElement('meta');
  marker.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.appendChild(marker);
}

export function InfluenceNetwork({ network }: { network: Network }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    claimCytoscapeStylesheet();
    const maxWeight = Math.max(1, ...network.edges.map((e) => e.weight));
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...network.nodes.map((n) => ({
          data: {
            id: n.authorId,
            label: n.name ?? n.handle,
            size: 12 + n.score * 0.5,
            colour: STANCE_COLOURS[n.stance],
            border: n.flagBearer ? 4 : 0,
          },
        })),
        ...network.edges.map((e) => ({
          data: {
            id: `${e.source}>${e.target}`,
            source: e.source,
            target: e.target,
            width: 1 + (4 * e.weight) / maxWeight,
          },
        })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            width: 'data(size)',
            height: 'data(size)',
            'background-color': 'data(colour)',
            'border-width': 'data(border)',
            'border-color': '#f59e0b',
            label: 'data(label)',
            'font-size': 9,
            color: '#0f172a',
            'text-valign': 'bottom',
            'text-margin-y': 3,
          },
        },
        {
          selector: 'edge',
          style: {
            width: 'data(width)',
            'line-color': '#cbd5e1',
            'target-arrow-color': '#94a3b8',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            'arrow-scale': 0.6,
          },
        },
      ],
      layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000 },
      wheelSensitivity: 0.3,
    });
    return () => cy.destroy();
  }, [network]);

  return (
    <div
      ref={box}
      class="influence-network"
      role="img"
      aria-label={`Network of the ${network.nodes.length} most influential authors and ${network.edges.length} interactions among them`}
      data-nodes={network.nodes.length}
      data-edges={network.edges.length}
    />
  );
}
