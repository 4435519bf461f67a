import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/** What the churn score reads about an account's conversations (sql/0007 view). */
export interface ConversationRiskFactors {
  /** Conversations not resolved and still without a first answer. */
  unanswered: number;
  /** Conversations whose response or resolution target was missed (last 90 days). */
  breached: number;
}

/**
 * Unanswered and breached conversation counts per customer, for the churn score's conversation
 * factor; customers without conversations get zeros. One query, whatever the number of ids.
 */
export async function conversationRiskFactors(
  db: Executor,
  customerIds: readonly string[],
): Promise<Map<string, ConversationRiskFactors>> {
  const out = new Map<string, ConversationRiskFactors>(
    customerIds.map((id) => [id, { unanswered: 0, breached: 0 }]),
  );
  if (customerIds.length === 0) return out;
  const r = await sql<{ customer_id: string; unanswered: number; breached: number }>`
    select customer_id, unanswered, breached from customer_conversation_figures
    where customer_id = any(${[...customerIds]}::bigint[])
  `.execute(db);
  for (const row of r.rows)
    out.set(row.customer_id, { unanswered: row.unanswered, breached: row.breached });
  return out;
}
