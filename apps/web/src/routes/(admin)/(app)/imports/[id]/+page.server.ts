import { error } from '@sveltejs/kit';
import { call, createApi } from '$lib/server/api';
import { pageError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { me } = await event.parent();
  if (!me.isTrustAdmin) error(403, { message: 'Only trust admins import policies.' });
  const item = await call(createApi(event).imports[':id'].$get({ param: event.params })).catch((e) =>
    pageError(e, event.url, 'We could not find that import. The link may be wrong.'),
  );
  return { item };
};
