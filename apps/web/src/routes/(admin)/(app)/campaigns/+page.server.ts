import { createApi } from '$lib/server/api';
import { pageError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { data: campaigns } = await createApi(event)
    .campaigns.list()
    .catch((e) => pageError(e, event.url));
  return { campaigns };
};
