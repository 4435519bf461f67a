import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  type BusinessCalendar,
} from '../../../core/dialogue/business-hours.js';
import { scheduleTargets, targetState } from '../../../core/dialogue/response-targets.js';

const nineToSix: [string, string][] = [['09:00', '18:00']];
const paris: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: {
    '1': nineToSix,
    '2': nineToSix,
    '3': nineToSix,
    '4': nineToSix,
    '5': nineToSix,
    '6': [],
    '7': [],
  },
  holidays: ['2025-05-01'],
};

describe('business-hours arithmetic', () => {
  it('adds minutes within one working day', () => {
    // Tuesday 2025-03-11 10:00 Paris = 09:00 UTC (CET, +01:00).
    expect(addBusinessMinutes(new Date('2025-03-11T09:00:00Z'), 120, paris).toISOString()).toBe(
      '2025-03-11T11:00:00.000Z',
    );
  });

  it('carries a Friday afternoon over the weekend to Monday morning', () => {
    // Friday 17:00 Paris + 2 h of business time = Monday 10:00 Paris (09:00 UTC).
    const due = addBusinessMinutes(new Date('2025-03-14T16:00:00Z'), 120, paris);
    expect(due.toISOString()).toBe('2025-03-17T09:00:00.000Z');
  });

  it('starts a message sent on Saturday at Monday opening', () => {
    const due = addBusinessMinutes(new Date('2025-03-15T12:00:00Z'), 60, paris);
    expect(due.toISOString()).toBe('2025-03-17T09:00:00.000Z');
  });

  it('skips holidays', () => {
    // Wednesday 30 April 17:30 Paris (CEST, +02:00); 1 May closed; 60 min → Friday 2 May 09:30 Paris.
    const due = addBusinessMinutes(new Date('2025-04-30T15:30:00Z'), 60, paris);
    expect(due.toISOString()).toBe('2025-05-02T07:30:00.000Z');
  });

  it('follows the calendar time zone, not UTC, including across the DST change', () => {
    const newYork: BusinessCalendar = { ...paris, timeZone: 'America/New_York', holidays: [] };
    // Friday 2025-03-07 17:00 New York (EST, -05:00) + 120 min → Monday 2025-03-10 10:00 EDT (-04:00).
    const due = addBusinessMinutes(new Date('2025-03-07T22:00:00Z'), 120, newYork);
    expect(due.toISOString()).toBe('2025-03-10T14:00:00.000Z');
  });

  it('counts business minutes between two instants over a weekend', () => {
    const minutes = businessMinutesBetween(
      new Date('2025-03-14T16:00:00Z'),
      new Date('2025-03-17T09:00:00Z'),
      paris,
    );
    expect(minutes).toBe(120);
  });

  it('reads each day the same wherever the count started, across a DST change at midnight', () => {
    // Havana moves its clocks at 00:00; an always-open calendar counts every minute.
    const always = Object.fromEntries(
      ['1', '2', '3', '4', '5', '6', '7'].map((d): [string, [string, string][]] => [
        d,
        [['00:00', '24:00']],
      ]),
    );
    const havana: BusinessCalendar = { timeZone: 'America/Havana', week: always, holidays: [] };
    const from = new Date('2025-03-01T12:00:00Z');
    // 00:30 local on 19 March, after the 9 March change.
    const to = new Date('2025-03-19T04:30:00Z');
    expect(businessMinutesBetween(from, to, havana)).toBe((to.getTime() - from.getTime()) / 60_000);
    expect(addBusinessMinutes(from, 60, havana).toISOString()).toBe('2025-03-01T13:00:00.000Z');
    // The same calendar asked again (cached days) gives the same answers.
    expect(businessMinutesBetween(from, to, havana)).toBe((to.getTime() - from.getTime()) / 60_000);
  });

  it('refuses a calendar that never opens', () => {
    const closed: BusinessCalendar = { timeZone: 'UTC', week: {}, holidays: [] };
    expect(() => addBusinessMinutes(new Date('2025-03-14T16:00:00Z'), 10, closed)).toThrow(
      /no opening hours/,
    );
  });
});

describe('response targets', () => {
  const from = new Date('2025-03-11T09:00:00Z');
  const s = scheduleTargets(from, { firstResponseMin: 60, resolutionMin: 600 }, paris, 0.75);

  it('puts the warning at 75% of the business time and resolution on the next day', () => {
    expect(s.firstResponseWarn.toISOString()).toBe('2025-03-11T09:45:00.000Z');
    expect(s.firstResponseDue.toISOString()).toBe('2025-03-11T10:00:00.000Z');
    // 10 h from Tuesday 10:00 Paris: 8 h on Tuesday, 2 h on Wednesday → Wednesday 11:00 Paris.
    expect(s.resolutionDue.toISOString()).toBe('2025-03-12T10:00:00.000Z');
  });

  it('reads on track, at risk, breached and met', () => {
    expect(
      targetState(s.firstResponseDue, s.firstResponseWarn, null, new Date('2025-03-11T09:30:00Z')),
    ).toBe('on_track');
    expect(
      targetState(s.firstResponseDue, s.firstResponseWarn, null, new Date('2025-03-11T09:50:00Z')),
    ).toBe('at_risk');
    expect(
      targetState(s.firstResponseDue, s.firstResponseWarn, null, new Date('2025-03-11T10:01:00Z')),
    ).toBe('breached');
    expect(
      targetState(
        s.firstResponseDue,
        s.firstResponseWarn,
        new Date('2025-03-11T09:59:00Z'),
        new Date(),
      ),
    ).toBe('met');
    expect(
      targetState(
        s.firstResponseDue,
        s.firstResponseWarn,
        new Date('2025-03-11T10:30:00Z'),
        new Date(),
      ),
    ).toBe('breached');
  });
});
