import { call, createApi } from '$lib/server/api';
import { pageError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
  const { url } = event;
  const entityType = url.searchParams.get('type')?.trim() ?? '';
  const actorId = url.searchParams.get('actor')?.trim() ?? '';
  const cursor = url.searchParams.get('cursor') ?? undefined;

  const entries = await call(
    createApi(event).audit.$get({ query: { limit: PAGE_SIZE, cursor, entityType, actorId } }),
  ).catch((e) => pageError(e, url));

  return {
    entries: entries.data,
    nextCursor: entries.nextCursor,
    filters: { type: entityType, actor: actorId },
  };
};
