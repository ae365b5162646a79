import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consolidate } from '../policy/consolidate.ts';
import { parsePolicy } from '../policy/parse-policy.ts';
import type { PolicyDocument } from '../policy/types.ts';
import {
  forbiddenActions,
  hasNegation,
  leadsWithProhibition,
  titleProblem,
  verbLexicon,
} from './title-checks.ts';
import { suggestTitle, TITLE_MAX_LENGTH } from './titles.ts';

const fixtures = new URL('../policy/fixtures/', import.meta.url);
function load(folder: string): PolicyDocument[] {
  const dir = new URL(`${folder}/`, fixtures);
  return readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort()
    .map((file) => ({ file, parsed: parsePolicy(readFileSync(new URL(file, dir), 'utf8')) }));
}
const clausesOf = (docs: PolicyDocument[]) =>
  docs.flatMap((d) =>
    d.parsed.sections.flatMap((s, si) =>
      s.clauses.map((c, ci) => ({ where: `${d.file} section ${si} clause ${ci}`, text: c.text })),
    ),
  );

const seeds = load('seeds');
const seedClauses = clausesOf(seeds);
// What the import review titles: every clause only one school has, and every group's proposal.
const proposals = consolidate(seeds).groups.map((g, i) => ({ where: `proposal ${i + 1}`, text: g.proposal }));
const verbs = verbLexicon([...seedClauses, ...proposals].map((c) => c.text));
const NEGATED = /\b(not|never|no|nor|must not|shall not|cannot)\b|n['’]t\b/i;

describe('clause titles on the five seed policies', () => {
  it('never read a prohibition as a permission, and are whole, short and uncut', () => {
    const problems = [...seedClauses, ...proposals].flatMap(({ where, text }) => {
      const title = suggestTitle(text);
      const problem = titleProblem(title, text, verbs);
      return problem ? [`${where}: "${title}" ${problem} (${text.slice(0, 80)})`] : [];
    });
    expect(problems).toEqual([]);
    expect(seedClauses).toHaveLength(135);
  });

  it('keep the negation of every clause that leads with one, or name the duty', () => {
    const prohibitions = [...seedClauses, ...proposals].filter((c) => leadsWithProhibition(c.text));
    // 46 of the 165 (135 clauses, 30 proposals) start "I will not…", "No staff … will…" or the like.
    expect(prohibitions).toHaveLength(46);
    for (const { where, text } of prohibitions) {
      const title = suggestTitle(text);
      const first = title.split(' ')[0]?.toLowerCase() ?? '';
      expect(hasNegation(title) || !verbs.has(first), `${where}: "${title}"`).toBe(true);
    }
  });

  it('give every clause with a negation anywhere in it a title no reader takes the other way', () => {
    const negated = [...seedClauses, ...proposals].filter((c) => NEGATED.test(c.text));
    expect(negated).toHaveLength(78);
    for (const { where, text } of negated) {
      const title = suggestTitle(text);
      const first = title.split(' ')[0]?.toLowerCase() ?? '';
      const namesDuty = !verbs.has(first) && !first.endsWith('ing');
      // An instruction the clause itself gives ("Keep private social media apart from my school
      // role" for "… are not confused with my professional role") is fine; one it forbids is not.
      const givesForbidden = forbiddenActions(text).some(
        (a) => a.replace(/e$/, '') === first.replace(/e$/, ''),
      );
      expect(hasNegation(title) || namesDuty || !givesForbidden, `${where}: "${title}"`).toBe(true);
      expect(title.length, where).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
      expect(title, where).not.toMatch(/…|\.\.\.$/);
    }
  });

  it('name the duties the issue found reversed', () => {
    const title = (text: string) => suggestTitle(text);
    expect(
      title(
        'I will not allow unauthorised individuals to access email / Internet / intranet / network, or other school / LA systems.',
      ),
    ).toBe('No unauthorised access to email and school systems');
    expect(
      title(
        'I will not open any attachments to emails, unless the source is known and trusted, due to the risk of the attachment containing viruses or other harmful programmes.',
      ),
    ).toBe('Do not open attachments from unknown senders');
    expect(title('I will not try to alter computer settings')).toBe('Do not change computer settings');
    expect(
      title('I will not disclose any passwords provided to me by the school or other related authorities.'),
    ).toBe('Never share passwords or log-in details');
    expect(
      title('No staff, Governors or visitors will disclose any passwords provided to them by the school.'),
    ).toBe('Never share passwords or log-in details');
  });

  it('hold up on seven policies the titles were not written from', () => {
    const heldOut = clausesOf(load('heldout'));
    const heldOutVerbs = verbLexicon(heldOut.map((c) => c.text));
    const problems = heldOut.flatMap(({ where, text }) => {
      const title = suggestTitle(text);
      const problem = titleProblem(title, text, heldOutVerbs);
      return problem ? [`${where}: "${title}" ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });
});

describe('clause titles for wording no rule knows', () => {
  it('turn the first statement into an instruction, keeping "not", "never" and "only"', () => {
    expect(suggestTitle('I will lock my screen.')).toBe('Lock my screen');
    expect(suggestTitle('I will not eat or drink near computer equipment.')).toBe(
      'Do not eat or drink near computer equipment',
    );
    expect(suggestTitle('Staff must never leave a laptop in a car overnight.')).toBe(
      'Never leave a laptop in a car overnight',
    );
    expect(suggestTitle('I will only use the minibus when I hold a valid licence.')).toBe(
      'Only use the minibus when I hold a valid licence',
    );
    expect(suggestTitle('I understand that the outdoor gate is kept bolted.')).toBe(
      'The outdoor gate is kept bolted',
    );
  });

  it('cut a long prohibition only before a second instruction, and never mid-word', () => {
    const long =
      'I will not leave confidential papers about pupils or their families on desks in shared offices or classrooms overnight, and I will shred them when finished.';
    const title = suggestTitle(long);
    expect(title.startsWith('Do not leave confidential papers')).toBe(true);
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(titleProblem(title, long, verbLexicon([long]))).toBeNull();
  });

  it('read template variables as words', () => {
    expect(
      suggestTitle('I will tell the {{school.head_title}} before I take a visitor into a classroom.'),
    ).toBe('Tell the head before I take a visitor into a classroom');
  });
});

describe('title checks', () => {
  const clause =
    'I will not allow unauthorised individuals to access email / Internet / intranet / network, or other school / LA systems.';
  const verbsHere = verbLexicon([
    clause,
    'I will not open any attachments.',
    'I will not try to alter settings.',
  ]);

  it('catch the titles made before, which dropped "I will not"', () => {
    expect(titleProblem('Allow unauthorised individuals to access email /…', clause, verbsHere)).toMatch(/…/);
    expect(titleProblem('Allow unauthorised individuals to access email', clause, verbsHere)).toMatch(
      /permission to "allow"/,
    );
    expect(
      titleProblem('Open any attachments to emails', 'I will not open any attachments to emails.', verbsHere),
    ).toMatch(/permission to "open"/);
    expect(
      titleProblem('Try to alter computer settings', 'I will not try to alter computer settings', verbsHere),
    ).not.toBeNull();
    expect(
      titleProblem(
        'Disclose any passwords provided to me by',
        'I will not disclose any passwords.',
        verbsHere,
      ),
    ).toMatch(/ends on "by"/);
  });

  it('accept a negation kept, or the duty named', () => {
    expect(titleProblem('Do not allow unauthorised access', clause, verbsHere)).toBeNull();
    expect(titleProblem('Unauthorised access to email and systems', clause, verbsHere)).toBeNull();
  });
});
