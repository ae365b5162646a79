import { call, createApi } from '$lib/server/api';
import { pageError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { data: campaigns } = await call(createApi(event).campaigns.$get()).catch((e) =>
    pageError(e, event.url),
  );
  return { campaigns };
};
