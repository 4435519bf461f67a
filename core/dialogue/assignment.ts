/** An agent as the assignment sees it: `load` is the open and pending conversations held. */
export interface AgentLoad {
  id: string;
  capacity: number;
  available: boolean;
  load: number;
}

export type AssignmentMode = 'round_robin' | 'least_loaded';

export interface AssignmentResult {
  /** conversation id → agent id; conversations left out found nobody with room. */
  assigned: Map<string, string>;
  /** The last agent given a conversation (the round-robin cursor to keep). */
  lastAgentId: string | null;
}

const hasRoom = (a: AgentLoad) => a.available && a.load < a.capacity;

/**
 * Deals conversations (in the order given: most urgent first) to available agents with room.
 * Round robin takes agents in id order, starting after the last one served; least loaded takes
 * the agent holding the fewest conversations (ties: the one served longest ago in id order).
 */
export function assignConversations(
  conversationIds: readonly string[],
  agents: readonly AgentLoad[],
  mode: AssignmentMode,
  lastAgentId: string | null,
): AssignmentResult {
  const pool = [...agents].map((a) => ({ ...a })).sort((a, b) => Number(a.id) - Number(b.id));
  const assigned = new Map<string, string>();
  let last = lastAgentId;
  for (const conversationId of conversationIds) {
    const agent = mode === 'round_robin' ? nextInTurn(pool, last) : leastLoaded(pool, last);
    if (!agent) break;
    agent.load += 1;
    assigned.set(conversationId, agent.id);
    last = agent.id;
  }
  return { assigned, lastAgentId: last };
}

function nextInTurn(pool: AgentLoad[], last: string | null): AgentLoad | undefined {
  const start = last === null ? 0 : pool.findIndex((a) => Number(a.id) > Number(last));
  const from = start < 0 ? 0 : start;
  for (let i = 0; i < pool.length; i++) {
    const a = pool[(from + i) % pool.length];
    if (a && hasRoom(a)) return a;
  }
  return undefined;
}

function leastLoaded(pool: AgentLoad[], last: string | null): AgentLoad | undefined {
  // Rotating the candidates to start after `last` spreads ties instead of always picking the first.
  const start = Math.max(0, last === null ? 0 : pool.findIndex((a) => Number(a.id) > Number(last)));
  const rotated = [...pool.slice(start), ...pool.slice(0, start)].filter(hasRoom);
  return rotated.reduce<AgentLoad | undefined>(
    (best, a) => (!best || a.load < best.load ? a : best),
    undefined,
  );
}
