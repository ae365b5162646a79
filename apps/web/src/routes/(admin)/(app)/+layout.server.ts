import { redirect } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { pageError, signInUrl } from '$lib/server/errors';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const api = createApi(event);
  if (!api.hasSession) redirect(303, signInUrl(event.url));
  const me = await api.me().catch((e) => pageError(e, event.url));
  return { me };
};
