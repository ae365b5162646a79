import { describe, expect, it } from 'vitest';
import { agree, plural } from './words.ts';

describe('plural', () => {
  it('says one thing in the singular and any other count in the plural', () => {
    expect(plural(1, 'imported policy', 'imported policies')).toBe('1 imported policy');
    expect(plural(5, 'imported policy', 'imported policies')).toBe('5 imported policies');
    expect(plural(0, 'clause')).toBe('0 clauses');
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(plural(1204, 'person', 'people')).toBe('1,204 people');
    expect(`${plural(1, 'person', 'people')} ${agree(1, 'has', 'have')} not signed`).toBe(
      '1 person has not signed',
    );
  });
});
