import { error, redirect } from '@sveltejs/kit';
import { call, createApi } from '$lib/server/api';
import { readClauseForm, wordingActionError } from '$lib/server/clause-form';
import { formInvalid, pageError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { me } = await event.parent();
  if (!me.isTrustAdmin) error(403, { message: 'Only trust admins add clauses to the library.' });
  const { data: schools } = await call(createApi(event).schools.$get()).catch((e) => pageError(e, event.url));
  return {
    schools: schools
      .map((s) => ({ id: s.id, name: s.name }))
      .toSorted((a, b) => a.name.localeCompare(b.name)),
    category: event.url.searchParams.get('category') ?? '',
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { values, errors, input } = readClauseForm(await event.request.formData());
    if (Object.keys(errors).length > 0 || !input.category) return formInvalid('create', errors, values);
    let id: string;
    try {
      const clause = await call(
        createApi(event).clauses.$post({
          json: {
            category: input.category,
            title: input.title,
            text: input.text,
            ...(input.children.length > 0 ? { children: input.children } : {}),
            ...(input.schoolId ? { schoolId: input.schoolId } : {}),
          },
        }),
      );
      id = clause.id;
    } catch (e) {
      return wordingActionError(e, event.url, 'create', values, { children: 'rules' });
    }
    redirect(303, `/library/${id}?added`);
  },
};
