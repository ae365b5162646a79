import { call, createApi } from '$lib/server/api';
import { pageError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { data: policies } = await call(createApi(event).policies.$get()).catch((e) =>
    pageError(e, event.url),
  );
  return { policies };
};
