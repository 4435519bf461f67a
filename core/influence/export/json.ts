import type { Writable } from 'node:stream';
import type { InfluencerDto, RunDto } from '../influencer.query.js';
import { METRIC_DICTIONARY } from '../metric-dictionary.js';
import { write } from './sink.js';

/**
 * `{"run": …, "settings": …, "dictionary": […], "items": […], "truncated": false}`, streamed: the
 * items array is written batch by batch, so memory holds one batch whatever the number of
 * influencers; `truncated` (asked once the items are written) says whether the row cap cut it.
 */
export async function writeJson(
  out: Writable,
  run: RunDto,
  settings: unknown,
  batches: AsyncIterable<InfluencerDto[]>,
  truncated: () => boolean = () => false,
) {
  const head = { run, settings, dictionary: METRIC_DICTIONARY };
  await write(out, `${JSON.stringify(head).slice(0, -1)},"items":[`);
  let first = true;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const body = batch.map((i) => JSON.stringify(i)).join(',\n');
    await write(out, first ? `\n${body}` : `,\n${body}`);
    first = false;
  }
  await write(out, `\n],"truncated":${truncated()}}\n`);
}
