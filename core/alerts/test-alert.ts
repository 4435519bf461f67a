import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Queues } from '../queue/queues.js';
import { fireAlerts } from './alert-events.js';
import { getRuleRow } from './alert-rule.service.js';

/**
 * Sends a rule's alert now, marked as a test, through its real channel (signed webhook or
 * e-mail); the outcome shows in the rule's delivery log. Tests ignore cool-downs and never
 * start one.
 */
export async function testRule(deps: { db: Db; queues: Queues }, ruleId: string) {
  const rule = await getRuleRow(deps.db, ruleId);
  const fired = await fireAlerts(deps, [
    {
      rule,
      subject: 'test',
      dedupeKey: `test:${randomUUID()}`,
      title: `Test of "${rule.name}"`,
      isTest: true,
      payload: {
        note: 'A test sent from Écoute; a real alert carries the customer or topic and its evidence.',
        evidence: [],
      },
    },
  ]);
  return { eventId: fired.events[0]!, deliveryId: fired.deliveries[0]! };
}
