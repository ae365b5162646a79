import { describe, expect, it } from 'vitest';
import { diffVersions } from './diff-versions.ts';
import {
  type ClauseWording,
  canonicalText,
  type PolicyTemplate,
  renderPolicy,
  sha256Hex,
} from './render-policy.ts';
import { renderTemplate, unknownVariables, variablesIn } from './variables.ts';

const moorthorpe = {
  id: 's1',
  name: 'Moorthorpe Primary School',
  variables: { headTitle: 'Head of School', misName: 'SIMS', governingBody: 'Local Governing Body' },
};
const stMichaels = { id: 's2', name: "St Michael's C of E Infant School", variables: { headTitle: 'Head' } };

const wording = (
  clauseId: string,
  text: string,
  schoolId: string | null = null,
  children: ClauseWording['children'] = [],
) => [clauseId, { clauseId, clauseVersionId: `${clauseId}-v1`, schoolId, text, children }] as const;

const policy: PolicyTemplate = {
  title: 'Staff Acceptable Use Agreement: {{school.name}}',
  intro: ['Speak to the {{school.head_title}} if anything is unclear.'],
  sections: [
    { heading: 'Passwords', clauseIds: ['c1', 'c2'] },
    { heading: 'Only at St Michael’s', clauseIds: ['c3'] },
  ],
  statements: ['I have read and understood this agreement.'],
  fields: ['signature', 'date', 'fullName', 'jobTitle'],
};

const wordings = new Map<string, ClauseWording>([
  wording('c1', 'I will not disclose any passwords provided to me by the school.'),
  wording('c2', 'I will keep data held on {{school.mis}} secure.', null, [
    { text: 'Ask the {{school.head_title}} first.', children: [] },
  ]),
  wording('c3', 'I will keep my phone in a locker.', 's2'),
]);

describe('templates: happy', () => {
  it('fills school variables and lists what a template names', () => {
    expect(
      renderTemplate('Tell the {{ school.head_title }} or the {{school.governing_body}}.', moorthorpe),
    ).toBe('Tell the Head of School or the Local Governing Body.');
    expect(variablesIn('{{school.mis}} and {{school.mis}} and {{school.name}}')).toEqual([
      'school.mis',
      'school.name',
    ]);
  });
});

describe('templates: error', () => {
  it('finds unknown variables, which a clause may not be saved with', () => {
    expect(
      unknownVariables('Ask the {{school.headteacher}} about {{school.mis}} and {{trust.name}}'),
    ).toEqual(['school.headteacher', 'trust.name']);
  });
});

describe('renderPolicy: happy', () => {
  it('renders for one school, leaving out other schools’ own clauses and empty sections', () => {
    const r = renderPolicy(policy, wordings, moorthorpe);
    expect(r.title).toBe('Staff Acceptable Use Agreement: Moorthorpe Primary School');
    expect(r.sections).toHaveLength(1);
    expect(r.sections[0]!.clauses.map((c) => c.text)).toEqual([
      'I will not disclose any passwords provided to me by the school.',
      'I will keep data held on SIMS secure.',
    ]);
    expect(r.sections[0]!.clauses[1]!.children[0]!.text).toBe('Ask the Head of School first.');
    expect(renderPolicy(policy, wordings, stMichaels).sections.map((s) => s.heading)).toEqual([
      'Passwords',
      'Only at St Michael’s',
    ]);
  });

  it('gives a stable canonical text and SHA-256 that change when a word changes', async () => {
    const text = canonicalText(renderPolicy(policy, wordings, moorthorpe));
    expect(text).toBe(
      [
        'attest-policy-v1',
        '# Staff Acceptable Use Agreement: Moorthorpe Primary School',
        'school: Moorthorpe Primary School',
        '',
        'Speak to the Head of School if anything is unclear.',
        '',
        '## Passwords',
        '1. I will not disclose any passwords provided to me by the school.',
        '2. I will keep data held on SIMS secure.',
        '  - Ask the Head of School first.',
        '',
        '## Signer agrees',
        '- I have read and understood this agreement.',
        '',
        'fields: signature, date, fullName, jobTitle',
        '',
      ].join('\n'),
    );
    const hash = await sha256Hex(text);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await sha256Hex(text)).toBe(hash);
    const other = canonicalText(
      renderPolicy(policy, wordings, { ...moorthorpe, variables: { misName: 'Arbor' } }),
    );
    expect(await sha256Hex(other)).not.toBe(hash);
  });
});

describe('diffVersions: happy', () => {
  it('reports added, removed and reworded clauses by library clause', () => {
    const before = renderPolicy(policy, wordings, stMichaels);
    const next = new Map(wordings);
    next.set('c1', {
      ...wordings.get('c1')!,
      clauseVersionId: 'c1-v2',
      text: 'I will never share my passwords.',
    });
    next.set('c4', {
      clauseId: 'c4',
      clauseVersionId: 'c4-v1',
      schoolId: null,
      text: 'I will lock my screen.',
      children: [],
    });
    const after = renderPolicy(
      { ...policy, sections: [{ heading: 'Passwords', clauseIds: ['c1', 'c2', 'c4'] }] },
      next,
      stMichaels,
    );
    const diff = diffVersions(before, after);
    expect(diff.unchanged).toBe(1);
    expect(diff.changes).toEqual([
      {
        kind: 'reworded',
        clauseId: 'c1',
        before: 'I will not disclose any passwords provided to me by the school.',
        after: 'I will never share my passwords.',
      },
      { kind: 'added', clauseId: 'c4', after: 'I will lock my screen.' },
      { kind: 'removed', clauseId: 'c3', before: 'I will keep my phone in a locker.' },
    ]);
    expect(diff.statementsChanged).toBe(false);
  });
});

describe('categorise: happy', async () => {
  const { suggestCategory } = await import('./categorise.ts');
  const { suggestTitle } = await import('./titles.ts');
  it('guesses the category of common duties', () => {
    expect(suggestCategory('I will not disclose any passwords provided to me by the school.')).toBe(
      'passwords_access',
    );
    expect(
      suggestCategory('I will only use the approved, secure email system(s) for any school business.'),
    ).toBe('email_communication');
    expect(suggestCategory('I will not take images of pupils on my personal phone.')).toBe('images_video');
    expect(suggestCategory('My mobile phone will be locked in my locker during contact time.')).toBe(
      'personal_devices',
    );
    expect(suggestCategory('I understand that my use of the internet may be monitored.')).toBe('monitoring');
    expect(suggestCategory('I will not install any software or hardware without permission.')).toBe(
      'software_hardware',
    );
    expect(
      suggestCategory('I will report any incidents of concern to the Designated Safeguarding Lead.'),
    ).toBe('safeguarding_reporting');
  });
  it('makes a short title that keeps what the clause forbids', () => {
    expect(
      suggestTitle(
        'I will not disclose any passwords provided to me by the school or other related authorities.',
      ),
    ).toBe('Never share passwords or log-in details');
    expect(suggestTitle('I will lock my screen.')).toBe('Lock my screen');
  });
});
