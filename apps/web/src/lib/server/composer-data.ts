import type { ComposerClause } from '$lib/components/app/policy-composer.svelte';
import { type Api, call } from './api';

/** The library as the composer's picker needs it. */
export async function composerClauses(api: Api): Promise<ComposerClause[]> {
  const { data } = await call(api.clauses.$get({ query: {} }));
  return data.map((c) => ({
    id: c.id,
    title: c.title,
    category: c.category,
    schoolId: c.schoolId,
    schoolName: c.schoolName,
    text: c.current?.text ?? '',
  }));
}
