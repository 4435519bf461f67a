import { describe, expect, it } from 'vitest';
import { influenceSettings } from '../../../core/influence/influence-settings.js';
import {
  buildInteractionGraph,
  type InteractionRow,
} from '../../../core/influence/interaction-graph.js';
import { pagerank } from '../../../core/influence/pagerank.js';

const settings = influenceSettings();
const row = (source: string, kind: InteractionRow['kind'], target: string, count = 1) =>
  ({ source, target, kind, count }) satisfies InteractionRow;

describe('interaction graph', () => {
  it('weights an edge by kind and count, summing the kinds between the same two authors', () => {
    const { edges, graph } = buildInteractionGraph(
      [
        row('b', 'reply', 'a', 2),
        row('b', 'mention', 'a', 3),
        row('c', 'repost', 'a'),
        row('c', 'quote', 'b'),
      ],
      { settings },
    );
    const ba = edges.find((e) => e.source === 'b' && e.target === 'a');
    expect(ba).toEqual({
      source: 'b',
      target: 'a',
      weight: 2 * 1 + 3 * 0.5,
      counts: { reply: 2, mention: 3, quote: 0, repost: 0 },
    });
    expect(edges).toHaveLength(3);
    const a = graph.names.indexOf('a');
    expect(graph.inDegree[a]).toBe(2);
    expect(graph.inWeightSum[a]).toBe(4.5);
  });

  it('drops self-loops and everything a bot-like account does, but keeps the bot as a node', () => {
    const built = buildInteractionGraph(
      [row('a', 'reply', 'a', 4), row('bot', 'repost', 'a', 50), row('b', 'reply', 'bot')],
      { settings, bots: new Set(['bot']), nodes: ['a', 'b', 'bot', 'lurker'] },
    );
    expect(built.dropped).toEqual({ selfLoops: 4, fromBots: 50 });
    expect(built.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['b>bot']);
    expect([...built.graph.names].sort()).toEqual(['a', 'b', 'bot', 'lurker']);
    const scores = pagerank(built.graph).scores;
    const sum = scores.reduce((s, x) => s + x, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('leaves out a kind whose weight is set to zero', () => {
    const noMentions = influenceSettings({
      edgeWeights: { reply: 1, quote: 1, repost: 1, mention: 0 },
    });
    const built = buildInteractionGraph([row('b', 'mention', 'a'), row('c', 'reply', 'a')], {
      settings: noMentions,
    });
    expect(built.edges.map((e) => e.source)).toEqual(['c']);
    expect(built.graph.names).not.toContain('b');
  });

  it('gives more PageRank to the author reposted by an author who is themselves reposted', () => {
    // x and y each get two reposts, but x's come from a popular author.
    const built = buildInteractionGraph(
      [
        row('f1', 'repost', 'star'),
        row('f2', 'repost', 'star'),
        row('f3', 'repost', 'star'),
        row('star', 'repost', 'x'),
        row('nobody', 'repost', 'x'),
        row('n1', 'repost', 'y'),
        row('n2', 'repost', 'y'),
      ],
      { settings },
    );
    const { names, scores } = pagerank(built.graph);
    expect(scores[names.indexOf('x')]!).toBeGreaterThan(scores[names.indexOf('y')]!);
  });
});
