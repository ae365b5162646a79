import { describe, expect, it } from 'vitest';
import { normaliseClause, straighten, stripSchoolNames } from './normalise-clause.ts';
import { stem } from './stem.ts';

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

  it('folds the general words school policies use for the same duty', () => {
    // Credentials, locking a computer, the trust as employer.
    expect(new Set(tokens('Employees shall not divulge their log-on credentials.'))).toEqual(
      new Set(tokens('I will not disclose my passwords.')),
    );
    expect(tokens('Staff must lock their workstation or log off.')).toContain('lockscreen');
    expect(tokens('I will log out of SIMS.')).toContain('lockscreen');
    expect(tokens("Use the Trust's email account.")).toEqual(tokens("Use the school's email account."));
    // Breaking the policy, in any words, is its consequence clause.
    for (const text of [
      'Any breach of this policy may be investigated.',
      'If I do not follow this agreement I may be asked to leave.',
      'Failure to comply with the Acceptable Use Policy could lead to action.',
    ]) {
      expect(tokens(text)).toContain(stem('disciplinary'));
    }
    // Telling a safeguarding role is reporting; worrying about a child is a concern.
    expect(tokens('I will tell the Designated Safeguarding Lead if I am worried about a child.')).toEqual(
      expect.arrayContaining(['report', 'roledsl', 'concern']),
    );
    expect(tokens('You must not bypass the college’s web filter.')).toEqual(
      tokens('I will not get round the filtering.'),
    );
  });

  it('keeps apart words that look alike but name different things', () => {
    // Signed in is not monitored; contact time is teaching time; a phone number is not a phone.
    expect(tokens('a computer that is logged in as a member of staff')).not.toContain('monitor');
    expect(tokens('Phones stay in the locker during contact time.')).not.toContain(stem('communicate'));
    expect(tokens('I will not give out my personal phone number.')).not.toContain('phone');
    expect(tokens('I will not use personal email on school computers.')).not.toContain('email');
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
