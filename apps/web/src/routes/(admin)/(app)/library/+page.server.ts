import { isClauseCategory } from '$lib/format';
import { call, createApi } from '$lib/server/api';
import { pageError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { url } = event;
  const q = url.searchParams.get('q')?.trim().slice(0, 100) ?? '';
  const categoryParam = url.searchParams.get('category') ?? '';
  const category = isClauseCategory(categoryParam) ? categoryParam : undefined;

  const { data: clauses } = await call(createApi(event).clauses.$get({ query: { q, category } })).catch((e) =>
    pageError(e, url),
  );

  return { clauses, filters: { q, category: category ?? '' } };
};
