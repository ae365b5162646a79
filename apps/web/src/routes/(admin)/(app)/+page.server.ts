import { createApi } from '$lib/server/api';
import { pageError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { data: schools } = await createApi(event)
    .schools.list()
    .catch((e) => pageError(e, event.url));
  return { schools: schools.toSorted((a, b) => a.name.localeCompare(b.name)) };
};
