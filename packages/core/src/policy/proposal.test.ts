import { describe, expect, it } from 'vitest';
import { asSignersPromise, proposeWording, templatise, toFirstPerson } from './proposal.ts';

describe('toFirstPerson', () => {
  it('turns rules for "all staff, governors and visitors" into the signer’s own promise', () => {
    expect(
      toFirstPerson(
        'All staff, Governors and visitors understand that they are responsible for all activity carried out under their username.',
      ),
    ).toBe('I understand that I am responsible for all activity carried out under my username.');
    expect(
      toFirstPerson(
        'No staff, Governors or visitors will disclose any passwords provided to them by the school.',
      ),
    ).toBe('I will not disclose any passwords provided to me by the school.');
    expect(toFirstPerson('Staff must keep their login details to themselves.')).toBe(
      'I must keep my login details to myself.',
    );
  });

  it('keeps a qualifier on the subject and converts later sentences', () => {
    expect(
      toFirstPerson(
        'All staff, Governors and visitors using school equipment will not browse offensive material.',
      ),
    ).toBe('When using school equipment, I will not browse offensive material.');
    expect(
      toFirstPerson('Staff will use the approved email. If anyone is unsure, they should ask the Head.'),
    ).toBe('I will use the approved email. If I am unsure, I should ask the Head.');
  });

  it('leaves first-person text alone and completes fragments under a lead-in', () => {
    expect(toFirstPerson('I will respect copyright.')).toBe('I will respect copyright.');
    expect(toFirstPerson('not share my password.')).toBe('I will not share my password.');
  });
});

describe('asSignersPromise', () => {
  it('has the signer affirm a rule with no person in it', () => {
    expect(asSignersPromise('Images will only be taken with consent.')).toBe(
      'I understand that images will only be taken with consent.',
    );
    expect(asSignersPromise('ICT includes mobile phones.')).toBe(
      'I understand that ICT includes mobile phones.',
    );
    expect(asSignersPromise('I will log off.')).toBe('I will log off.');
  });
});

describe('templatise', () => {
  it('replaces the school name, head title, DSL, MIS, governing body and online safety lead with variables', () => {
    expect(
      templatise(
        "Pupils from St Michael's Infant school; ask the Head of School/Executive Head or the Designated Safeguarding Lead (DSL); data on SIMS; the Governing Body; the On-Line Safety Leader; St Michael's school allows it.",
        ["St Michael's Infant school", "St Michael's"],
      ),
    ).toBe(
      'Pupils from {{school.name}}; ask the {{school.head_title}} or the {{school.dsl_title}}; data on {{school.mis}}; the {{school.governing_body}}; the {{school.online_safety_lead}}; {{school.name}} allows it.',
    );
    expect(templatise('with the head’s permission')).toBe('with the {{school.head_title}}’s permission');
  });

  it('leaves roles it has no variable for, and words that only contain a role name', () => {
    expect(templatise('my Line Manager, the Head of Department, ahead of time')).toBe(
      'my Line Manager, the Head of Department, ahead of time',
    );
  });
});

describe('proposeWording', () => {
  it('picks the most representative member, in the first person, with variables', () => {
    const proposal = proposeWording([
      { text: 'I will not reveal my password to anyone.', schoolNames: [], similarity: [0.3, 0.3] },
      {
        text: 'No staff, Governors or visitors will disclose any passwords provided to them by the Head.',
        schoolNames: [],
        similarity: [0.3, 0.8],
      },
      {
        text: 'Staff must never disclose passwords given to them by the headteacher.',
        schoolNames: [],
        similarity: [0.3, 0.8],
      },
    ]);
    expect(proposal).toBe('I will not disclose any passwords provided to me by the {{school.head_title}}.');
  });

  it('returns an empty proposal for an empty group', () => {
    expect(proposeWording([])).toBe('');
  });
});
