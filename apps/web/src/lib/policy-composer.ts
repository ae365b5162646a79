import { renderTemplate, type SchoolForRendering } from '@attest/core/library/variables';
import { audiences, signatureFields } from './format';
import type { Audience, Policy, PolicyInput, SignatureField } from './types';

/*
 * The policy composer's state, as its form holds it. Every change (move a clause, add a section)
 * is a submit button naming an operation; the server applies it and sends the form back, so the
 * composer works without JavaScript. With JavaScript the page applies the same operation itself,
 * with the same functions, without a round trip.
 */

export interface ComposerSection {
  heading: string;
  clauseIds: string[];
}

export interface ComposerDraft {
  title: string;
  /** '' is every school in the trust. */
  schoolId: string;
  audiences: string[];
  /** Paragraphs, separated by a blank line. */
  intro: string;
  sections: ComposerSection[];
  /** One statement per line. */
  statements: string;
  fields: string[];
  reviewCycleMonths: string;
}

export const composerFieldLabels: Record<string, string> = {
  title: 'Title',
  schoolId: 'Which schools',
  audiences: 'Who signs it',
  intro: 'Introduction',
  sections: 'Sections',
  statements: 'What the signer agrees to',
  fields: 'What the signer fills in',
  reviewCycleMonths: 'Review every',
};

/** A clause as one school's staff read it: its own wording, or the trust's with its words filled in. */
export interface SchoolReading {
  text: string;
  /** The school has its own wording of this clause. */
  own: boolean;
}

export interface LibraryClauseWordings {
  id: string;
  /** Set for a clause only that school has. */
  schoolId: string | null;
  /** The trust wording (or the school's, for a clause only it has), variables unfilled. */
  text: string;
  variants: { schoolId: string; text: string }[];
}

/**
 * How each clause reads at one school, as a policy published there would print it (the same rule
 * as the API's rendering: the school's own wording if it has one, else the trust wording, with the
 * school's words filled in). Another school's own clauses are left out: they never print there.
 */
export function readingsAt(
  clauses: LibraryClauseWordings[],
  school: SchoolForRendering & { id: string },
): Record<string, SchoolReading> {
  const out: Record<string, SchoolReading> = {};
  for (const clause of clauses) {
    if (clause.schoolId !== null && clause.schoolId !== school.id) continue;
    const variant = clause.variants.find((v) => v.schoolId === school.id);
    out[clause.id] = { text: renderTemplate(variant?.text ?? clause.text, school), own: Boolean(variant) };
  }
  return out;
}

export function emptyDraft(): ComposerDraft {
  return {
    title: 'Staff Acceptable Use Agreement',
    schoolId: '',
    audiences: ['staff'],
    intro: '',
    sections: [{ heading: '', clauseIds: [] }],
    statements:
      'I agree to follow this code of conduct and to support the safe use of IT throughout the school.',
    fields: [...signatureFields],
    reviewCycleMonths: '12',
  };
}

export function draftFromPolicy(policy: Policy): ComposerDraft {
  return {
    title: policy.title,
    schoolId: policy.schoolId ?? '',
    audiences: [...policy.audiences],
    intro: policy.intro.join('\n\n'),
    sections:
      policy.sections.length > 0
        ? policy.sections.map((s) => ({ heading: s.heading ?? '', clauseIds: [...s.clauseIds] }))
        : [{ heading: '', clauseIds: [] }],
    statements: policy.statements.join('\n'),
    fields: [...policy.fields],
    reviewCycleMonths: String(policy.reviewCycleMonths),
  };
}

const str = (data: FormData, key: string) => {
  const v = data.get(key);
  return typeof v === 'string' ? v : '';
};
const strs = (data: FormData, key: string) =>
  data.getAll(key).filter((v): v is string => typeof v === 'string' && v !== '');

/** The composer's form → its state (used by the server and, with JavaScript, by the page). */
export function readComposer(data: FormData): ComposerDraft {
  const indices = [...data.keys()]
    .map((k) => /^sections\.(\d+)\.heading$/.exec(k)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  return {
    title: str(data, 'title').trim(),
    schoolId: str(data, 'schoolId'),
    audiences: strs(data, 'audiences'),
    intro: str(data, 'intro').replace(/\r\n?/g, '\n'),
    sections: [...new Set(indices)].map((i) => ({
      heading: str(data, `sections.${i}.heading`),
      clauseIds: strs(data, `sections.${i}.clauseIds`),
    })),
    statements: str(data, 'statements').replace(/\r\n?/g, '\n'),
    fields: strs(data, 'fields'),
    reviewCycleMonths: str(data, 'reviewCycleMonths').trim(),
  };
}

export interface OpResult {
  draft: ComposerDraft;
  /** Said to screen-reader users (a live region) and shown to everyone. */
  message: string;
  /** The id of the control to focus afterwards. */
  focus: string | null;
}

/** Ids of the composer's controls, shared by the page (to render) and the operations (to focus). */
export const composerIds = {
  section: (s: number) => `section-${s}`,
  heading: (s: number) => `field-sections-${s}-heading`,
  up: (s: number, i: number) => `clause-${s}-${i}-up`,
  down: (s: number, i: number) => `clause-${s}-${i}-down`,
  remove: (s: number, i: number) => `clause-${s}-${i}-remove`,
  pick: (s: number) => `add-${s}`,
  addButton: (s: number) => `add-${s}-button`,
};

function move<T>(list: T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

const sectionName = (draft: ComposerDraft, s: number) =>
  draft.sections[s]?.heading.trim() ? `“${draft.sections[s]?.heading.trim()}”` : `section ${s + 1}`;

/**
 * Applies one operation (`up:0:2`, `down:0:2`, `remove:0:2`, `add:0`, `section-add`, `section-up:1`,
 * `section-down:1`, `section-remove:1`). `picked` is the clause chosen in section `s`'s picker.
 */
export function applyOp(
  input: ComposerDraft,
  op: string,
  picked: (s: number) => string,
  titleOf: (clauseId: string) => string,
): OpResult {
  const draft: ComposerDraft = {
    ...input,
    sections: input.sections.map((s) => ({ ...s, clauseIds: [...s.clauseIds] })),
  };
  const [name = '', a = '', b = ''] = op.split(':');
  const s = Number(a);
  const i = Number(b);
  const section = draft.sections[s];
  const ids = composerIds;
  const same = (message: string): OpResult => ({ draft, message, focus: null });

  switch (name) {
    case 'up':
    case 'down': {
      if (!section || !(i >= 0 && i < section.clauseIds.length)) return same('');
      const to = name === 'up' ? i - 1 : i + 1;
      if (to < 0 || to >= section.clauseIds.length) return same('');
      const title = titleOf(section.clauseIds[i] ?? '');
      section.clauseIds = move(section.clauseIds, i, to);
      const last = section.clauseIds.length - 1;
      const focus =
        name === 'up'
          ? to === 0
            ? ids.down(s, to)
            : ids.up(s, to)
          : to === last
            ? ids.up(s, to)
            : ids.down(s, to);
      return {
        draft,
        message: `Moved “${title}” to position ${to + 1} of ${last + 1} in ${sectionName(draft, s)}.`,
        focus,
      };
    }
    case 'remove': {
      if (!section || !(i >= 0 && i < section.clauseIds.length)) return same('');
      const title = titleOf(section.clauseIds[i] ?? '');
      section.clauseIds.splice(i, 1);
      const n = section.clauseIds.length;
      return {
        draft,
        message: `Removed “${title}” from ${sectionName(draft, s)}. It is still in the library.`,
        focus: n === 0 ? ids.pick(s) : ids.remove(s, Math.min(i, n - 1)),
      };
    }
    case 'add': {
      if (!section) return same('');
      const clauseId = picked(s);
      if (!clauseId) return { draft, message: 'Choose a clause to add first.', focus: ids.pick(s) };
      if (draft.sections.some((x) => x.clauseIds.includes(clauseId))) {
        return { draft, message: `“${titleOf(clauseId)}” is already in this policy.`, focus: ids.pick(s) };
      }
      section.clauseIds.push(clauseId);
      return {
        draft,
        message: `Added “${titleOf(clauseId)}” to ${sectionName(draft, s)} as clause ${section.clauseIds.length}.`,
        focus: ids.pick(s),
      };
    }
    case 'section-add': {
      draft.sections.push({ heading: '', clauseIds: [] });
      const n = draft.sections.length - 1;
      return { draft, message: `Added section ${n + 1}.`, focus: ids.heading(n) };
    }
    case 'section-up':
    case 'section-down': {
      const to = name === 'section-up' ? s - 1 : s + 1;
      if (!section || to < 0 || to >= draft.sections.length) return same('');
      const label = sectionName(draft, s);
      draft.sections = move(draft.sections, s, to);
      return { draft, message: `Moved ${label} to position ${to + 1}.`, focus: ids.heading(to) };
    }
    case 'section-remove': {
      if (!section) return same('');
      const label = sectionName(draft, s);
      draft.sections.splice(s, 1);
      if (draft.sections.length === 0) draft.sections.push({ heading: '', clauseIds: [] });
      return {
        draft,
        message: `Removed ${label}${section.clauseIds.length > 0 ? ` and its ${section.clauseIds.length === 1 ? 'clause' : `${section.clauseIds.length} clauses`} (they are still in the library)` : ''}.`,
        focus: ids.heading(Math.min(s, draft.sections.length - 1)),
      };
    }
    default:
      return same('');
  }
}

/** The state → what the API takes, or what to fix first. */
export function toPolicyInput(draft: ComposerDraft): {
  input: PolicyInput;
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  if (!draft.title) errors['title'] = 'Enter the policy’s title, such as “Staff Acceptable Use Agreement”';
  const chosen = draft.audiences.filter((a): a is Audience => (audiences as string[]).includes(a));
  if (chosen.length === 0) errors['audiences'] = 'Choose who signs this policy';
  const months = Number(draft.reviewCycleMonths);
  if (!Number.isInteger(months) || months < 1 || months > 60) {
    errors['reviewCycleMonths'] = 'Enter how many months between reviews, from 1 to 60 (12 is a year)';
  }
  const intro = draft.intro
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const statements = draft.statements
    .split('\n')
    .map((l) => l.trim().replace(/^[-•·*]\s*/u, ''))
    .filter(Boolean);
  const input: PolicyInput = {
    title: draft.title,
    audiences: chosen,
    intro,
    sections: draft.sections
      .map((s) => ({ heading: s.heading.trim() || null, clauseIds: s.clauseIds }))
      .filter((s) => s.heading !== null || s.clauseIds.length > 0),
    statements,
    fields: draft.fields.filter((f): f is SignatureField => (signatureFields as string[]).includes(f)),
    reviewCycleMonths: Number.isInteger(months) ? months : 12,
    ...(draft.schoolId ? { schoolId: draft.schoolId } : {}),
  };
  return { input, errors };
}

/** The API's field paths (`intro.2`, `sections.0.clauseIds.1`) → the composer's fields. */
export function composerField(path: string): string {
  const heading = /^sections\.(\d+)\.heading$/.exec(path);
  if (heading) return `sections.${heading[1]}.heading`;
  const top = path.split('.')[0] ?? path;
  return top in composerFieldLabels ? top : path;
}
