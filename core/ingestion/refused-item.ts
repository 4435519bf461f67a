import { isRefusedValue, refusalReason } from '../db/storage-errors.js';
import type { Db } from '../db/database.js';
import { DomainError } from '../errors.js';
import { storeMentions } from '../mentions/mention-writer.js';
import type { NormalizedMention } from '../mentions/normalized-mention.js';

class RolledBack extends Error {}

/**
 * A batch Postgres refused names no item: each mention is stored again on its own, in a
 * transaction always rolled back, until one is refused. The answer names its index, its external
 * id and the column when Postgres names one. Run only after a refusal, so its cost (one round
 * trip per mention, 1,000 at most for a webhook delivery) is paid by the bad delivery alone.
 */
export async function refusedItem(
  db: Db,
  sourceId: string | null,
  mentions: NormalizedMention[],
  refusal: unknown,
): Promise<DomainError> {
  for (const [i, mention] of mentions.entries()) {
    try {
      await db.transaction().execute(async (trx) => {
        await storeMentions(trx, sourceId, [mention]);
        throw new RolledBack();
      });
    } catch (err) {
      if (err instanceof RolledBack) continue;
      if (!isRefusedValue(err)) throw err;
      const column = (err as { column?: string }).column;
      const field = column ? `mentions.${i}.${camelCase(column)}` : `mentions.${i}`;
      const reason = refusalReason(err);
      return new DomainError(
        'validation_failed',
        `${field} (externalId "${mention.externalId}") cannot be stored: ${reason}`,
        [{ field, reason }],
      );
    }
  }
  const reason = refusalReason(refusal);
  return new DomainError('validation_failed', `the delivery cannot be stored: ${reason}`, [
    { field: '(body)', reason },
  ]);
}

const camelCase = (column: string) =>
  column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
