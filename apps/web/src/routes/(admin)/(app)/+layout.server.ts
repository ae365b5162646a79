import { redirect } from '@sveltejs/kit';
import { call, createApi } from '$lib/server/api';
import { pageError, signInUrl } from '$lib/server/errors';
import { readSession } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  if (!readSession(event.cookies)) redirect(303, signInUrl(event.url));
  const me = await call(createApi(event).me.$get()).catch((e) => pageError(e, event.url));
  return { me };
};
