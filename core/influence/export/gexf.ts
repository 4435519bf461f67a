import type { Writable } from 'node:stream';
import type { InfluencerDto, RunDto } from '../influencer.query.js';
import type { EdgeDto } from '../influence-edges.query.js';
import { write } from './sink.js';

// Characters XML 1.0 cannot hold at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F):
// a parser would reject the whole file, so they are dropped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Tab, LF and CR are written as character references: a reader normalises them to spaces in
// attribute values otherwise, and the name would not come back intact.
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Text safe inside a double-quoted XML attribute, read back exactly by any XML reader. */
export function xmlAttr(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c]!);
}

type AttrType = 'string' | 'double' | 'integer' | 'boolean';
const NODE_ATTRS: readonly [keyof InfluencerDto, AttrType][] = [
  ['handle', 'string'],
  ['platform', 'string'],
  ['profileUrl', 'string'],
  ['lang', 'string'],
  ['rank', 'integer'],
  ['score', 'double'],
  ['pagerank', 'double'],
  ['inDegree', 'integer'],
  ['outDegree', 'integer'],
  ['followers', 'integer'],
  ['volume', 'integer'],
  ['engagement', 'double'],
  ['negativeShare', 'double'],
  ['stance', 'string'],
  ['flagBearer', 'boolean'],
  ['botLike', 'boolean'],
];
const EDGE_ATTRS = ['replies', 'mentions', 'quotes', 'reposts'] as const;

function declarations(): string {
  const node = NODE_ATTRS.map(
    ([n, t]) => `      <attribute id="${n}" title="${n}" type="${t}"/>\n`,
  ).join('');
  const edge = EDGE_ATTRS.map(
    (n) => `      <attribute id="${n}" title="${n}" type="integer"/>\n`,
  ).join('');
  return `    <attributes class="node">\n${node}    </attributes>\n    <attributes class="edge">\n${edge}    </attributes>\n`;
}

function nodeXml(i: InfluencerDto): string {
  const values = NODE_ATTRS.filter(([n]) => i[n] !== null)
    .map(([n]) => `<attvalue for="${n}" value="${xmlAttr(String(i[n]))}"/>`)
    .join('');
  // Node size grows with the score so Gephi draws leaders larger without a layout step.
  return `      <node id="${i.authorId}" label="${xmlAttr(i.name ?? i.handle)}"><attvalues>${values}</attvalues><viz:size value="${(1 + i.score / 10).toFixed(3)}"/></node>\n`;
}

function edgeXml(e: EdgeDto, n: number): string {
  const values = EDGE_ATTRS.map((a) => `<attvalue for="${a}" value="${e[a]}"/>`).join('');
  return `      <edge id="${n}" source="${e.source}" target="${e.target}" weight="${e.weight}"><attvalues>${values}</attvalues></edge>\n`;
}

/**
 * GEXF 1.3 (Gephi's format): a directed graph of the exported authors with their metrics as
 * node attributes and the weighted interactions between them as edges, streamed in batches.
 */
export async function writeGexf(
  out: Writable,
  run: RunDto,
  nodes: AsyncIterable<InfluencerDto[]>,
  edges: AsyncIterable<EdgeDto[]>,
) {
  const topic = run.topicId ? `topic ${run.topicId}` : 'all topics';
  await write(
    out,
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">\n' +
      `  <meta lastmodifieddate="${run.computedAt.slice(0, 10)}"><creator>Écoute</creator>` +
      `<description>${xmlAttr(`Interaction graph, ${topic}, ${run.windowDays} days to ${run.windowEnd}`)}</description></meta>\n` +
      '  <graph defaultedgetype="directed" mode="static">\n' +
      declarations() +
      '    <nodes>\n',
  );
  for await (const batch of nodes) await write(out, batch.map(nodeXml).join(''));
  await write(out, '    </nodes>\n    <edges>\n');
  let n = 0;
  for await (const batch of edges) await write(out, batch.map((e) => edgeXml(e, n++)).join(''));
  await write(out, '    </edges>\n  </graph>\n</gexf>\n');
}
