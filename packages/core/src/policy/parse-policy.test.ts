import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allClauseTexts, parsePolicy } from './parse-policy.ts';
import type { ParsedPolicy } from './types.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const SEEDS = [
  ['000_345f0ee073212fb9.txt', 'seed-000.expected.json', 19],
  ['001_b2fb9c700ac1f6db.txt', 'seed-001.expected.json', 23],
  ['002_f6aebac3ef795b05.txt', 'seed-002.expected.json', 16],
  ['003_22ddfd62190f5e45.txt', 'seed-003.expected.json', 47],
  ['004_72a41d6c387d0a7f.txt', 'seed-004.expected.json', 30],
] as const;

const clause = (text: string, children: ParsedPolicy['sections'][number]['clauses'] = []) => ({
  text,
  children,
});

describe('parsePolicy on the seed policies (hand-checked expected parses)', () => {
  for (const [seed, expected, topLevel] of SEEDS) {
    it(`reproduces ${expected} exactly`, () => {
      const parsed = parsePolicy(fixture(`seeds/${seed}`));
      expect(parsed).toEqual(JSON.parse(fixture(expected)));
      expect(parsed.sections.reduce((n, s) => n + s.clauses.length, 0)).toBe(topLevel);
    });
  }

  it('keeps 004’s nested mobile-phone rules under their parent, `- o` one level deeper', () => {
    const parsed = parsePolicy(fixture('seeds/004_72a41d6c387d0a7f.txt'));
    const phones = parsed.sections[0]?.clauses[26];
    expect(phones?.text).toBe(
      "St Michael's school allows staff to bring in personal mobile telephones and devices for their own use.",
    );
    expect(phones?.children).toHaveLength(12);
    expect(phones?.children[2]?.children.map((c) => c.text)).toEqual([
      "Mobile phone calls may only be taken at staff breaks or in staff members' own time.",
    ]);
  });

  it('finds every clause once: no clause text repeats within a seed except where the seed repeats it', () => {
    const texts = allClauseTexts(parsePolicy(fixture('seeds/003_22ddfd62190f5e45.txt')));
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toContain(
      'Where personal data is transferred outside the secure school network, it must be encrypted.',
    );
  });
});

describe('parsePolicy on other layouts', () => {
  it('reads capital headings, a Key: value header, numbered items with `a)` sub-items and wrapped lines', () => {
    const text = [
      'STAFF ACCEPTABLE USE POLICY',
      '',
      'Created: 1 September 2024',
      'Author: Mrs A Khan',
      'Next review: September 2025',
      '',
      'This policy applies to every adult who works in school.',
      '',
      'PASSWORDS AND ACCOUNTS',
      '1. I will keep my password private and',
      '   change it every term.',
      '2) I will lock my screen when I leave the room:',
      '   a) at break times;',
      '   b) at lunchtime.',
      '3. I will not let pupils use my account.',
      '',
      'EMAIL',
      '1. I will use my school email account for school business.',
    ].join('\n');
    expect(parsePolicy(text)).toEqual({
      title: 'STAFF ACCEPTABLE USE POLICY',
      metadata: { created: '1 September 2024', author: 'Mrs A Khan', nextReview: 'September 2025' },
      intro: ['This policy applies to every adult who works in school.'],
      sections: [
        {
          heading: 'PASSWORDS AND ACCOUNTS',
          clauses: [
            clause('I will keep my password private and change it every term.'),
            clause('I will lock my screen when I leave the room:', [
              clause('at break times;'),
              clause('at lunchtime.'),
            ]),
            clause('I will not let pupils use my account.'),
          ],
        },
        { heading: 'EMAIL', clauses: [clause('I will use my school email account for school business.')] },
      ],
      signature: { statements: [], fields: [] },
    });
  });

  it('splits two bullets on one line, joins wrapped lines, nests `o` under `•`, keeps curly quotes and reads a signature table', () => {
    const text = [
      '[image: logo]',
      'Hillside Primary School',
      'Acceptable Use Agreement',
      '',
      'We want everyone to enjoy technology safely.',
      '',
      'For my own safety',
      '• I will not share my password. • I will log off when I leave a computer.',
      '• I will only use “approved” apps on',
      'school iPads.',
      '• I will keep my phone away during lessons:',
      'o in my locker, or',
      'o in the staff room.',
      '',
      'When using email:',
      '•   I will only  email parents from my school account. ',
      '',
      'Signature\tDate',
      'Name (printed)\t',
      'Job title\t',
    ].join('\n');
    expect(parsePolicy(text)).toEqual({
      title: 'Hillside Primary School Acceptable Use Agreement',
      metadata: {},
      intro: ['We want everyone to enjoy technology safely.'],
      sections: [
        {
          heading: 'For my own safety',
          clauses: [
            clause('I will not share my password.'),
            clause('I will log off when I leave a computer.'),
            clause('I will only use “approved” apps on school iPads.'),
            clause('I will keep my phone away during lessons:', [
              clause('in my locker, or'),
              clause('in the staff room.'),
            ]),
          ],
        },
        {
          heading: 'When using email',
          clauses: [clause('I will only email parents from my school account.')],
        },
      ],
      signature: { statements: [], fields: ['signature', 'date', 'fullName', 'jobTitle'] },
    });
  });

  it('reads markdown: `#` title, `##` sections, `-`/`*` lists with nesting, a declaration and Signed:/Print name:', () => {
    const text = [
      '# Staff Code of Conduct for ICT',
      '',
      'Version: 2.1',
      '',
      '## Email',
      '',
      '- Staff must use school email for work.',
      '  - Personal email must not be used for pupil data.',
      '- Staff must not open unexpected attachments.',
      '',
      '## Social media',
      '',
      '* Staff must not be **friends** with pupils online.',
      '',
      '## Declaration',
      '',
      'I have read and agree to this code.',
      '',
      'Signed: ________  Date: ________',
      'Print name: ________',
    ].join('\n');
    expect(parsePolicy(text)).toEqual({
      title: 'Staff Code of Conduct for ICT',
      metadata: { version: '2.1' },
      intro: [],
      sections: [
        {
          heading: 'Email',
          clauses: [
            clause('Staff must use school email for work.', [
              clause('Personal email must not be used for pupil data.'),
            ]),
            clause('Staff must not open unexpected attachments.'),
          ],
        },
        { heading: 'Social media', clauses: [clause('Staff must not be friends with pupils online.')] },
      ],
      signature: {
        statements: ['I have read and agree to this code.'],
        fields: ['signature', 'date', 'fullName'],
      },
    });
  });

  it('puts a policy without headings in one section with heading null; unbulleted rules are clauses', () => {
    const text = [
      'ICT Rules',
      '',
      'These rules keep pupils and staff safe online.',
      '',
      'All staff must wear their ID badge when using school computers.',
      'Staff will not install software without permission.',
    ].join('\n');
    const parsed = parsePolicy(text);
    expect(parsed.intro).toEqual(['These rules keep pupils and staff safe online.']);
    expect(parsed.sections).toEqual([
      {
        heading: null,
        clauses: [
          clause('All staff must wear their ID badge when using school computers.'),
          clause('Staff will not install software without permission.'),
        ],
      },
    ]);
  });

  it('treats single stray leading spaces before bullets as noise when lists start indented', () => {
    const text = [
      'Rules',
      ' • I will lock my screen.',
      '• I will log off at night.',
      ' • I will report faults.',
    ].join('\n');
    expect(parsePolicy(text).sections[0]?.clauses).toEqual([
      clause('I will lock my screen.'),
      clause('I will log off at night.'),
      clause('I will report faults.'),
    ]);
  });

  it('keeps the list under "Introduction" in the intro when the rules follow under their own heading', () => {
    const text = [
      'Acceptable Use Agreement',
      '',
      'Introduction',
      'This agreement is intended to ensure that:',
      '• staff stay safe online',
      '• school systems are protected',
      '',
      'Rules',
      '• I will not share my password.',
    ].join('\n');
    const parsed = parsePolicy(text);
    expect(parsed.intro).toEqual([
      'This agreement is intended to ensure that:',
      'staff stay safe online',
      'school systems are protected',
    ]);
    expect(parsed.sections).toEqual([
      { heading: 'Rules', clauses: [clause('I will not share my password.')] },
    ]);
  });

  it('reads a tab-separated metadata table and a review cycle stated in prose', () => {
    const text = [
      'Acceptable Use Policy',
      '',
      'Date created\tMay 2021',
      'Approved by\tGoverning Body',
      'Policy owner\tHeadteacher',
    ].join('\n');
    expect(parsePolicy(text).metadata).toEqual({
      created: 'May 2021',
      approvedBy: 'Governing Body',
      owner: 'Headteacher',
    });
    expect(
      parsePolicy('Acceptable Use Policy\nThis policy will be reviewed annually.\n- I will log off.')
        .metadata,
    ).toEqual({
      reviewCycle: 'annually',
    });
  });

  it('makes sections of numbered headings over `1.1` rules, and reads rows of a Word table as clauses', () => {
    const text = [
      'Acceptable Use Policy',
      '',
      '1\tI will lock my screen when I leave my desk.',
      '2\tI will report lost devices at once.',
      '',
      '1. Email',
      '1.1 I will only use my school email account for work.',
      '1.2 I will not open attachments from unknown senders.',
      '2. Passwords',
      '2.1 I will keep my password secret.',
    ].join('\n');
    const parsed = parsePolicy(text);
    expect(parsed.metadata).toEqual({});
    expect(parsed.sections).toEqual([
      {
        heading: null,
        clauses: [
          clause('I will lock my screen when I leave my desk.'),
          clause('I will report lost devices at once.'),
        ],
      },
      {
        heading: 'Email',
        clauses: [
          clause('I will only use my school email account for work.'),
          clause('I will not open attachments from unknown senders.'),
        ],
      },
      { heading: 'Passwords', clauses: [clause('I will keep my password secret.')] },
    ]);
  });

  it('does not end the policy at a section about email signatures, and reads bare form labels', () => {
    const text = [
      'Email Code',
      '',
      'Email signatures',
      '- I will use the school’s standard email signature.',
      '- I will not add personal quotes to it.',
      '',
      'Please sign and return',
      'I have read this code.',
      'Signature',
      'Print name',
      'Date',
    ].join('\n');
    const parsed = parsePolicy(text);
    expect(parsed.sections).toEqual([
      {
        heading: 'Email signatures',
        clauses: [
          clause('I will use the school’s standard email signature.'),
          clause('I will not add personal quotes to it.'),
        ],
      },
    ]);
    expect(parsed.signature).toEqual({
      statements: ['I have read this code.'],
      fields: ['signature', 'fullName', 'date'],
    });
  });

  it('reads the same document with Windows line endings identically', () => {
    const unix = fixture('seeds/000_345f0ee073212fb9.txt');
    expect(parsePolicy(unix.replace(/\n/g, '\r\n'))).toEqual(parsePolicy(unix));
  });
});

describe('parsePolicy on empty and clause-less input', () => {
  it('returns an empty parse for an empty or blank document', () => {
    const empty = {
      title: null,
      metadata: {},
      intro: [],
      sections: [],
      signature: { statements: [], fields: [] },
    };
    expect(parsePolicy('')).toEqual(empty);
    expect(parsePolicy('\n \n\t\n')).toEqual(empty);
  });

  it('keeps prose that states no rule in the intro and finds no clauses', () => {
    const parsed = parsePolicy('Our school loves technology.\n\nWe review our approach often.');
    expect(parsed.title).toBeNull();
    expect(parsed.intro).toEqual(['Our school loves technology.', 'We review our approach often.']);
    expect(parsed.sections).toEqual([]);
  });

  it('drops image markers and empty bullets rather than making clauses of them', () => {
    const parsed = parsePolicy('Rules\n[image: ]\n•\n• I will lock my screen.\n[image: crest]');
    expect(allClauseTexts(parsed)).toEqual(['I will lock my screen.']);
  });
});

// A policy file is untrusted input. Each of these lines used to make a pattern try a run of
// spaces or dashes in every possible split: the heading took minutes at 5,000 spaces, the table
// rule doubled its time with every "--- ". They must now parse at once (no time is asserted: the
// test runner's own timeout is the guard) and still read sensibly.
describe('parsePolicy on hostile input', () => {
  it('reads lines built to make a backtracking pattern explode', () => {
    const hostile = [
      'Staff Acceptable Use Policy',
      `# Passwords${' '.repeat(60_000)}x`,
      `${'--- '.repeat(5_000)}x`,
      `| ${'--- | '.repeat(5_000)}`,
      `- I will lock my screen.${' '.repeat(15_000)}• I will report concerns.`,
      `**${'*'.repeat(60_000)}`,
      `1.${' '.repeat(60_000)}`,
      'a'.repeat(1_000_000),
    ].join('\n');
    const parsed = parsePolicy(hostile);
    const texts = allClauseTexts(parsed);
    expect(texts.some((t) => t.startsWith('I will lock my screen.'))).toBe(true);
    expect(texts.some((t) => t.startsWith('I will report concerns.'))).toBe(true);
    // The million-character line is cut before anything reads it.
    expect(texts.some((t) => t.includes('a'.repeat(20_001)))).toBe(false);
    expect(texts.some((t) => t.includes('a'.repeat(19_000)))).toBe(true);
  });
});
