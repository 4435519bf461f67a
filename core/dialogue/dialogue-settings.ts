import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/database.js';
import { invalid } from '../errors.js';
import type { BusinessCalendar } from './business-hours.js';
import type { AssignmentMode } from './assignment.js';
import type { Priority } from './dialogue.tables.js';

export interface Targets {
  firstResponseMin: number;
  resolutionMin: number;
}

export interface DialogueSettings {
  calendar: BusinessCalendar;
  assignmentMode: AssignmentMode;
  atRiskRatio: number;
  lastAssignedAgentId: string | null;
  targets: Record<Priority, Targets>;
}

export async function loadSettings(db: Executor): Promise<DialogueSettings> {
  const s = await db
    .selectFrom('dialogue_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const t = await db.selectFrom('response_targets').selectAll().execute();
  const targets = Object.fromEntries(
    t.map((r) => [
      r.priority,
      { firstResponseMin: r.first_response_min, resolutionMin: r.resolution_min },
    ]),
  ) as Record<Priority, Targets>;
  return {
    calendar: {
      timeZone: s.time_zone,
      week: s.week,
      holidays: s.holidays.map((d) => (typeof d === 'string' ? d : isoDate(d))),
    },
    assignmentMode: s.assignment_mode,
    atRiskRatio: s.at_risk_ratio,
    lastAssignedAgentId: s.last_assigned_agent_id,
    targets,
  };
}

/** pg returns `date` as a Date at local midnight; the calendar wants YYYY-MM-DD. */
function isoDate(d: unknown): string {
  const date = d as Date;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time "HH:mm"');
const priorityTargets = z
  .object({ firstResponseMin: z.number().int().min(1), resolutionMin: z.number().int().min(1) })
  .strict();

export const settingsPatchSchema = z
  .object({
    timeZone: z.string().min(1).max(64),
    week: z.record(
      z.enum(['1', '2', '3', '4', '5', '6', '7']),
      z.array(z.tuple([hhmm, hhmm])).max(6),
    ),
    holidays: z.array(z.iso.date()).max(400),
    assignmentMode: z.enum(['round_robin', 'least_loaded']),
    atRiskRatio: z.number().gt(0).lt(1),
    targets: z.record(z.enum(['urgent', 'high', 'normal', 'low']), priorityTargets),
  })
  .partial()
  .strict();

export async function updateSettings(db: Executor, patch: z.infer<typeof settingsPatchSchema>) {
  if (
    patch.timeZone &&
    !Intl.supportedValuesOf('timeZone').includes(patch.timeZone) &&
    patch.timeZone !== 'UTC'
  ) {
    throw invalid('timeZone', `"${patch.timeZone}" is not an IANA time zone`);
  }
  await db
    .updateTable('dialogue_settings')
    .set({
      ...(patch.timeZone ? { time_zone: patch.timeZone } : {}),
      ...(patch.week ? { week: JSON.stringify(patch.week) } : {}),
      ...(patch.holidays ? { holidays: patch.holidays } : {}),
      ...(patch.assignmentMode ? { assignment_mode: patch.assignmentMode } : {}),
      ...(patch.atRiskRatio ? { at_risk_ratio: patch.atRiskRatio } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', 1)
    .execute();
  for (const [priority, t] of Object.entries(patch.targets ?? {})) {
    await db
      .updateTable('response_targets')
      .set({ first_response_min: t.firstResponseMin, resolution_min: t.resolutionMin })
      .where('priority', '=', priority as Priority)
      .execute();
  }
  return loadSettings(db);
}
