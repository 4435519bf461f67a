import { describe, expect, it } from 'vitest';
import { assignConversations, type AgentLoad } from '../../../core/dialogue/assignment.js';
import { priorityOf } from '../../../core/dialogue/priority.js';

const agents = (...specs: [string, number, number, boolean?][]): AgentLoad[] =>
  specs.map(([id, capacity, load, available]) => ({
    id,
    capacity,
    load,
    available: available ?? true,
  }));

describe('assignment', () => {
  it('deals round robin in id order, continuing after the last agent served', () => {
    const r = assignConversations(
      ['c1', 'c2', 'c3', 'c4'],
      agents(['1', 5, 0], ['2', 5, 0], ['3', 5, 0]),
      'round_robin',
      '2',
    );
    expect([...r.assigned.values()]).toEqual(['3', '1', '2', '3']);
    expect(r.lastAgentId).toBe('3');
  });

  it('skips agents at capacity or away, and leaves the rest unassigned when nobody has room', () => {
    const pool = agents(['1', 1, 0], ['2', 3, 3], ['3', 5, 0, false]);
    const r = assignConversations(['c1', 'c2', 'c3'], pool, 'round_robin', null);
    expect(Object.fromEntries(r.assigned)).toEqual({ c1: '1' });
  });

  it('gives each conversation to the least loaded agent, ties to the next in turn', () => {
    const r = assignConversations(
      ['c1', 'c2', 'c3'],
      agents(['1', 10, 4], ['2', 10, 1], ['3', 10, 2]),
      'least_loaded',
      null,
    );
    expect([...r.assigned.values()]).toEqual(['2', '3', '2']);
  });
});

describe('priority', () => {
  it('puts churn intent from a key account at urgent and says why', () => {
    const p = priorityOf({
      signals: { churn_intent: 0.8 },
      dissatisfied: true,
      customerTier: 'key',
      customerValue: 250_000,
    });
    expect(p).toEqual({ priority: 'urgent', because: ['churn intent', 'key account'] });
  });

  it('keeps a plain question low and raises it one step for a premium account', () => {
    expect(
      priorityOf({ signals: {}, dissatisfied: false, customerTier: null, customerValue: null })
        .priority,
    ).toBe('low');
    expect(
      priorityOf({
        signals: { confusion: 0.7 },
        dissatisfied: false,
        customerTier: 'premium',
        customerValue: 5_000,
      }).priority,
    ).toBe('high');
  });
});
