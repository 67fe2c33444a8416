import { describe, expect, test } from 'vitest';
import { MAX_SUGGESTION_SEARCHES, suggester } from '../../src/normalise/schema-issues.js';

/** The did-you-mean search shared by every ledger entry of a run (issue 14: the error path scales). */
describe('suggester', () => {
  test('suggests as `suggest` does, building its list once for any number of questions', () => {
    let built = 0;
    const ask = suggester(() => {
      built++;
      return ['AP.O1', 'AP.O2', 'CH.O1'];
    });
    // "AP.01" is one substitution from AP.O1 (0 for O), two from AP.O2: within max(2, 5/3).
    expect(ask('AP.01')).toBe(' (did you mean "AP.O1"?)');
    expect(ask('AP.01')).toBe(' (did you mean "AP.O1"?)');
    // "ZZZZZZ" is 5 or 6 edits from every id, past the limit of max(2, 6/3) = 2: no suggestion.
    expect(ask('ZZZZZZ')).toBe('');
    expect(ask(42)).toBe('');
    expect(built).toBe(1);
  });

  test('the list is not built at all when nobody asks', () => {
    let built = 0;
    suggester(() => {
      built++;
      return [];
    });
    expect(built).toBe(0);
  });

  test(`at most ${MAX_SUGGESTION_SEARCHES} different misspellings are searched; repeats keep their answer`, () => {
    const ask = suggester(() => ['I1', 'I2', 'I3']);
    expect(ask('I1x')).toBe(' (did you mean "I1"?)');
    for (let k = 1; k < MAX_SUGGESTION_SEARCHES; k++) ask(`unknown-${k}`);
    // The cap is reached: a new misspelling gets no search, an earlier one its remembered answer.
    expect(ask('I2x')).toBe('');
    expect(ask('I1x')).toBe(' (did you mean "I1"?)');
  });
});
