import { describe, expect, it } from 'vitest';
import { stem } from './stem.ts';

describe('stem (Porter)', () => {
  it('folds inflections the way Porter’s published examples do', () => {
    const cases: [string, string][] = [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['monitored', 'monitor'],
      ['monitoring', 'monitor'],
      ['hopping', 'hop'],
      ['filing', 'file'],
      ['relational', 'relat'],
      ['generalization', 'gener'],
      ['agreed', 'agre'],
    ];
    for (const [word, expected] of cases) expect(stem(word)).toBe(expected);
    expect(stem('responsibilities')).toBe(stem('responsible'));
  });

  it('leaves words of two letters or fewer alone', () => {
    expect(stem('is')).toBe('is');
    expect(stem('')).toBe('');
  });
});
