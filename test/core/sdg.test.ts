import { describe, expect, test } from 'vitest';
import {
  compareSdgTargets,
  goalOf,
  isSdgTarget,
  SDG_GOALS,
  SDG_TARGETS_BY_GOAL,
} from '../../src/core/sdg.js';

/**
 * The SDG targets shipped as data (src/core/sdg.ts) against the 2030 Agenda (resolution 70/1):
 * 17 goals, 169 targets; the counts per goal below are the resolution's, counted by hand.
 */

describe('the 169 targets of the 2030 Agenda', () => {
  test('17 goals, each with its count of targets, 169 in all', () => {
    const counts = Object.fromEntries([...SDG_TARGETS_BY_GOAL].map(([g, t]) => [g, t.length]));
    expect(counts).toEqual({
      1: 7,
      2: 8,
      3: 13,
      4: 10,
      5: 9,
      6: 8,
      7: 5,
      8: 12,
      9: 8,
      10: 10,
      11: 10,
      12: 11,
      13: 5,
      14: 10,
      15: 12,
      16: 12,
      17: 19,
    });
    expect([...SDG_TARGETS_BY_GOAL.values()].flat()).toHaveLength(169);
    expect(new Set([...SDG_TARGETS_BY_GOAL.values()].flat()).size).toBe(169);
    expect([...SDG_GOALS.keys()]).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  test("each goal's targets: numbered from 1 without a gap, then lettered from a without a gap; goal 17 has no letters", () => {
    // Numbered targets per goal, from the resolution: 1.1–1.5, 2.1–2.5, 3.1–3.9 … 17.1–17.19.
    const numbered = {
      1: 5,
      2: 5,
      3: 9,
      4: 7,
      5: 6,
      6: 6,
      7: 3,
      8: 10,
      9: 5,
      10: 7,
      11: 7,
      12: 8,
      13: 3,
      14: 7,
      15: 9,
      16: 10,
      17: 19,
    };
    for (const [goal, targets] of SDG_TARGETS_BY_GOAL) {
      const n = numbered[goal as keyof typeof numbered];
      const expected = [
        ...Array.from({ length: n }, (_, i) => `${goal}.${i + 1}`),
        ...Array.from({ length: targets.length - n }, (_, i) => `${goal}.${'abcd'[i]}`),
      ];
      expect(targets).toEqual(expected);
      for (const t of targets) expect(goalOf(t)).toBe(goal);
    }
  });

  test('codes: 8.10 and 8.1 are two targets; 15.d, 17.20, 18.1 and 11.6.2 (an indicator) are none', () => {
    for (const t of ['1.1', '8.1', '8.10', '11.6', '15.a', '16.10', '17.19', '3.d'])
      expect(isSdgTarget(t)).toBe(true);
    for (const t of ['15.d', '17.20', '18.1', '0.1', '11.6.2', '11', '11.A', ' 11.6', '7.c'])
      expect(isSdgTarget(t)).toBe(false);
  });

  test('the official order: by goal, numbered before lettered, 8.9 before 8.10', () => {
    expect(['15.a', '3.9', '8.10', '11.6', '8.9', '8.b'].sort(compareSdgTargets)).toEqual([
      '3.9',
      '8.9',
      '8.10',
      '8.b',
      '11.6',
      '15.a',
    ]);
  });
});
