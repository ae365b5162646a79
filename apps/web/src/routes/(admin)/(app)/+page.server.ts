import { call, createApi } from '$lib/server/api';
import { pageError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { data: schools } = await call(createApi(event).schools.$get()).catch((e) => pageError(e, event.url));
  return { schools: schools.toSorted((a, b) => a.name.localeCompare(b.name)) };
};
