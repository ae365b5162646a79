import type { ComposerClause } from '$lib/components/app/policy-composer.svelte';
import { readingsAt } from '$lib/policy-composer';
import type { School } from '$lib/types';
import { type Api, call } from './api';

type LibraryClause = Awaited<ReturnType<typeof libraryClauses>>[number];

/** The whole library, with each clause's school wordings. */
export async function libraryClauses(api: Api) {
  return (await call(api.clauses.$get({ query: {} }))).data;
}

/**
 * The library as the composer needs it. With a school (a policy only that school uses), each
 * clause also carries how that school's staff read it.
 */
export function toComposerClauses(data: LibraryClause[], school: School | null = null): ComposerClause[] {
  const readings = school
    ? readingsAt(
        data.map((c) => ({
          id: c.id,
          schoolId: c.schoolId,
          text: c.current?.text ?? '',
          variants: c.variants,
        })),
        school,
      )
    : {};
  return data.map((c) => ({
    id: c.id,
    title: c.title,
    category: c.category,
    schoolId: c.schoolId,
    schoolName: c.schoolName,
    text: c.current?.text ?? '',
    reading: readings[c.id] ?? null,
  }));
}

/** The library as the composer's picker needs it. */
export async function composerClauses(api: Api): Promise<ComposerClause[]> {
  return toComposerClauses(await libraryClauses(api));
}
