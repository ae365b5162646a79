import { redirect } from '@sveltejs/kit';
import { call, createApi } from '$lib/server/api';
import { actionError, formInvalid, pageError } from '$lib/server/errors';
import { readSchoolForm } from '$lib/server/school-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { data: schools } = await call(createApi(event).schools.$get()).catch((e) => pageError(e, event.url));
  return { schools: schools.toSorted((a, b) => a.name.localeCompare(b.name)) };
};

export const actions: Actions = {
  create: async (event) => {
    const { values, errors, input } = readSchoolForm(await event.request.formData());
    if (Object.keys(errors).length > 0) return formInvalid('create', errors, values);

    // Leave out empty wording so the API can apply its defaults.
    const variables = Object.fromEntries(Object.entries(input.variables ?? {}).filter(([, v]) => v));
    let id: string;
    try {
      const school = await call(
        createApi(event).schools.$post({
          json: {
            name: input.name,
            ...(input.urn ? { urn: input.urn } : {}),
            ...(input.phase ? { phase: input.phase } : {}),
            ...(Object.keys(variables).length > 0 ? { variables } : {}),
          },
        }),
      );
      id = school.id;
    } catch (e) {
      return actionError(e, event.url, 'create', values);
    }
    redirect(303, `/schools/${id}?added`);
  },
};
