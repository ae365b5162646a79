import { describe, expect, it } from 'vitest';
import { clauseSegments, formatRules, parseRules, unknownVariables } from './clause-text';
import {
  applyOp,
  composerField,
  emptyDraft,
  readComposer,
  readingsAt,
  toPolicyInput,
} from './policy-composer';
import { publishSummary } from './publish-summary';

const titles: Record<string, string> = { a: 'Passwords', b: 'Email', c: 'Phones' };
const titleOf = (id: string) => titles[id] ?? 'the clause';
const draft = () => ({
  ...emptyDraft(),
  sections: [
    { heading: 'Safety', clauseIds: ['a', 'b', 'c'] },
    { heading: '', clauseIds: [] },
  ],
});

describe('readComposer', () => {
  it('reads sections in index order with their clauses, and the lists', () => {
    const data = new FormData();
    data.append('title', ' Staff AUP ');
    data.append('audiences', 'staff');
    data.append('audiences', 'governor');
    data.append('sections.1.heading', 'Second');
    data.append('sections.1.clauseIds', 'c');
    data.append('sections.0.heading', 'First');
    data.append('sections.0.clauseIds', 'a');
    data.append('sections.0.clauseIds', 'b');
    data.append('fields', 'signature');
    data.append('reviewCycleMonths', '24');
    expect(readComposer(data)).toMatchObject({
      title: 'Staff AUP',
      audiences: ['staff', 'governor'],
      sections: [
        { heading: 'First', clauseIds: ['a', 'b'] },
        { heading: 'Second', clauseIds: ['c'] },
      ],
      fields: ['signature'],
      reviewCycleMonths: '24',
    });
  });
});

describe('applyOp', () => {
  it('moves a clause up and focuses its move-up button, or move-down at the top', () => {
    const r = applyOp(draft(), 'up:0:2', () => '', titleOf);
    expect(r.draft.sections[0]?.clauseIds).toEqual(['a', 'c', 'b']);
    expect(r.focus).toBe('clause-0-1-up');
    expect(r.message).toBe('Moved “Phones” to position 2 of 3 in “Safety”.');
    expect(applyOp(draft(), 'up:0:1', () => '', titleOf).focus).toBe('clause-0-0-down');
  });
  it('ignores a move past either end', () => {
    expect(applyOp(draft(), 'up:0:0', () => '', titleOf).draft.sections[0]?.clauseIds).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(applyOp(draft(), 'down:0:2', () => '', titleOf).draft.sections[0]?.clauseIds).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
  it('removes a clause and leaves the input untouched', () => {
    const input = draft();
    const r = applyOp(input, 'remove:0:1', () => '', titleOf);
    expect(r.draft.sections[0]?.clauseIds).toEqual(['a', 'c']);
    expect(input.sections[0]?.clauseIds).toEqual(['a', 'b', 'c']);
    expect(r.focus).toBe('clause-0-1-remove');
  });
  it('adds the picked clause once', () => {
    const r = applyOp(draft(), 'add:1', () => 'd', titleOf);
    expect(r.draft.sections[1]?.clauseIds).toEqual(['d']);
    const again = applyOp(r.draft, 'add:0', () => 'd', titleOf);
    expect(again.draft.sections[0]?.clauseIds).toEqual(['a', 'b', 'c']);
    expect(again.message).toContain('already in this policy');
    expect(applyOp(draft(), 'add:0', () => '', titleOf).message).toBe('Choose a clause to add first.');
  });
  it('adds, moves and removes sections, always keeping one', () => {
    const added = applyOp(draft(), 'section-add', () => '', titleOf);
    expect(added.draft.sections).toHaveLength(3);
    expect(added.focus).toBe('field-sections-2-heading');
    const moved = applyOp(draft(), 'section-down:0', () => '', titleOf);
    expect(moved.draft.sections.map((s) => s.heading)).toEqual(['', 'Safety']);
    let one = applyOp(draft(), 'section-remove:1', () => '', titleOf).draft;
    one = applyOp(one, 'section-remove:0', () => '', titleOf).draft;
    expect(one.sections).toEqual([{ heading: '', clauseIds: [] }]);
  });
});

describe('toPolicyInput', () => {
  it('splits paragraphs and statements, drops empty sections and checks the basics', () => {
    const { input, errors } = toPolicyInput({
      ...draft(),
      intro: 'One.\n\n  \nTwo.',
      statements: '- I agree.\n\n• I will follow it.',
      reviewCycleMonths: '24',
    });
    expect(errors).toEqual({});
    expect(input.intro).toEqual(['One.', 'Two.']);
    expect(input.statements).toEqual(['I agree.', 'I will follow it.']);
    expect(input.sections).toEqual([{ heading: 'Safety', clauseIds: ['a', 'b', 'c'] }]);
    expect(input.reviewCycleMonths).toBe(24);
    expect(input).not.toHaveProperty('schoolId');
  });
  it('names what is missing', () => {
    const { errors } = toPolicyInput({ ...draft(), title: '', audiences: [], reviewCycleMonths: '0' });
    expect(Object.keys(errors).sort()).toEqual(['audiences', 'reviewCycleMonths', 'title']);
  });
  it('maps API paths to the composer’s fields', () => {
    expect(composerField('intro.2')).toBe('intro');
    expect(composerField('sections.1.heading')).toBe('sections.1.heading');
    expect(composerField('sections.0.clauseIds.3')).toBe('sections');
  });
});

describe('clause wording', () => {
  it('finds known and unknown variables', () => {
    const segments = clauseSegments(
      'Tell the {{school.head_title}} at {{ school.name }} or {{school.head}}.',
    );
    expect(
      segments.filter((s) => s.kind === 'variable').map((s) => s.kind === 'variable' && s.label),
    ).toEqual(['Head’s title', 'School’s name', null]);
    expect(unknownVariables('{{school.head}} and {{school.mis}}')).toEqual(['{{school.head}}']);
  });
  it('reads nested rules typed one per line and writes them back', () => {
    const rules = parseRules('- Lock the screen\n  o with Windows + L\n• Never share a login\n');
    expect(rules).toEqual([
      { text: 'Lock the screen', children: [{ text: 'with Windows + L', children: [] }] },
      { text: 'Never share a login', children: [] },
    ]);
    expect(parseRules(formatRules(rules))).toEqual(rules);
  });
});

describe('publishSummary', () => {
  const r = (schoolName: string, status: 'published' | 'unchanged', version: number) => ({
    schoolId: schoolName,
    schoolName,
    status,
    version,
    sha256: 'x',
  });
  it('names a few schools and counts many', () => {
    expect(
      publishSummary([
        r('Moorthorpe', 'published', 3),
        r('A', 'unchanged', 2),
        r('B', 'unchanged', 2),
        r('C', 'unchanged', 1),
      ]),
    ).toBe('Published version 3 at Moorthorpe; unchanged at 3 schools.');
    expect(publishSummary(['A', 'B', 'C', 'D'].map((n) => r(n, 'published', 1)))).toBe(
      'Published version 1 at 4 schools.',
    );
    expect(publishSummary([r('A', 'unchanged', 2)])).toBe(
      'Nothing has changed since the last version at A, so nothing new was published.',
    );
  });
});

describe('readingsAt', () => {
  const moorthorpe = {
    id: 's1',
    name: 'Moorthorpe Primary School',
    variables: { headTitle: 'Head of School', misName: 'SIMS' },
  };
  const library = [
    { id: 'c1', schoolId: null, text: 'I will ask the {{school.head_title}} first.', variants: [] },
    {
      id: 'c2',
      schoolId: null,
      text: 'I will keep data on {{school.mis}} secure.',
      variants: [{ schoolId: 's1', text: 'All staff will keep data held on {{school.mis}} secure.' }],
    },
    { id: 'c3', schoolId: 's1', text: 'I will lock my classroom iPad.', variants: [] },
    { id: 'c4', schoolId: 's2', text: 'Another school’s own clause.', variants: [] },
  ];

  it('shows each clause as the school’s staff read it: its own wording, else the trust’s filled in', () => {
    expect(readingsAt(library, moorthorpe)).toEqual({
      c1: { text: 'I will ask the Head of School first.', own: false },
      c2: { text: 'All staff will keep data held on SIMS secure.', own: true },
      c3: { text: 'I will lock my classroom iPad.', own: false },
    });
  });
});
