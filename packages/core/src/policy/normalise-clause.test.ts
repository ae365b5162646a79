import { describe, expect, it } from 'vitest';
import { normaliseClause, straighten, stripSchoolNames } from './normalise-clause.ts';

const tokens = (text: string, schoolNames?: string[]) => normaliseClause(text, { schoolNames }).tokens;

describe('normaliseClause', () => {
  it('gives first- and third-person wordings of one duty the same tokens', () => {
    expect(tokens('I will not disclose any passwords provided to me by the school.')).toEqual([
      'disclos',
      'password',
      'provid',
    ]);
    expect(
      tokens('No staff, Governors or visitors will disclose any passwords provided to them by the school.'),
    ).toEqual(tokens('I will not disclose any passwords provided to me by the school.'));
    expect(tokens('Staff must never reveal their passwords.')).toEqual(['disclos', 'password']);
  });

  it('maps every way of naming the head, the governors and the DSL to one placeholder each', () => {
    for (const head of [
      'the Head',
      'the headteacher',
      'the Head Teacher',
      'the Head of School/Executive Head',
      'the Principal',
    ]) {
      expect(tokens(`permission of ${head}`)).toEqual(['permiss', 'rolehead']);
    }
    expect(tokens('the Governing Body')).toEqual(tokens('the Governing Board'));
    expect(tokens('the Governing Body')).toEqual(['rolegov']);
    expect(tokens('the Designated Safeguarding Lead (DSL)')).toEqual(['roledsl']);
    expect(tokens('the Deputy Designated Professional')).toEqual(['roledsl']);
  });

  it('maps MIS names to one placeholder and other named systems to the common word "system"', () => {
    expect(tokens('data held on ARBOR')).toEqual(tokens('data held on SIMS'));
    expect(tokens('data held on Bromcom')).toEqual(['data', 'held', 'sysmis']);
    expect(tokens('observations onto FAMLY')).toEqual(['observ', 'onto', 'system']);
    expect(tokens('accessed via ACS network')).toEqual(tokens('accessed via LA systems'));
  });

  it('drops the school’s own name and folds synonyms (e-mail, photographs, pupils, social networking)', () => {
    expect(tokens("pupils from St Michael's Infant school", ["St Michael's Infant school"])).toEqual([
      'pupil',
    ]);
    expect(tokens('e-mail')).toEqual(tokens('email'));
    expect(tokens('photographs of children')).toEqual(tokens('images of pupils'));
    expect(tokens('social networking sites such as Facebook')).toEqual(['socialmedia', 'socialmedia']);
  });

  it('marks a duty to make pupils do something, so it is not mistaken for the signer’s own duty', () => {
    expect(tokens('I will make sure pupils only use approved e-mail accounts')).toContain('pupilduti');
    expect(tokens('I will only use approved e-mail accounts')).not.toContain('pupilduti');
  });

  it('returns the tokens joined as text', () => {
    expect(normaliseClause('I will respect copyright.').text).toBe('respect copyright');
  });
});

describe('normaliseClause on text with nothing to keep', () => {
  it('returns no tokens for empty text or text made only of stop-words', () => {
    expect(normaliseClause('')).toEqual({ text: '', tokens: [] });
    expect(normaliseClause('I will, and they must.')).toEqual({ text: '', tokens: [] });
  });

  it('ignores school names that are too short to be safe to strip', () => {
    expect(stripSchoolNames('at school', ['a', ''])).toBe('at school');
    expect(straighten('school’s “own”')).toBe('school\'s "own"');
  });
});
