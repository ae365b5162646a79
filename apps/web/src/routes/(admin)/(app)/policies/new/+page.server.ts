import { error } from '@sveltejs/kit';
import { emptyDraft } from '$lib/policy-composer';
import { call, createApi } from '$lib/server/api';
import { composerClauses } from '$lib/server/composer-data';
import { pageError } from '$lib/server/errors';
import { composeAction, saveAction } from '$lib/server/policy-composer';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { me } = await event.parent();
  if (!me.isTrustAdmin) error(403, { message: 'Only trust admins compose policies.' });
  const api = createApi(event);
  const [clauses, { data: schools }] = await Promise.all([
    composerClauses(api),
    call(api.schools.$get()),
  ]).catch((e) => pageError(e, event.url));
  return {
    clauses,
    schools: schools
      .map((s) => ({ id: s.id, name: s.name }))
      .toSorted((a, b) => a.name.localeCompare(b.name)),
    draft: emptyDraft(),
  };
};

export const actions: Actions = {
  compose: composeAction,
  save: (event) => saveAction(event, null),
};
