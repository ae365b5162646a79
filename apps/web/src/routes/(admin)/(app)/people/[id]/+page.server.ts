import { fail } from '@sveltejs/kit';
import { call, createApi } from '$lib/server/api';
import { actionError, formInvalid, pageError } from '$lib/server/errors';
import { orNull } from '$lib/server/forms';
import { readPersonForm } from '$lib/server/person-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const person = await call(createApi(event).people[':id'].$get({ param: event.params })).catch((e) =>
    pageError(
      e,
      event.url,
      'We could not find that person. They may have been removed, or the link may be wrong.',
    ),
  );
  // `?leave=<schoolId>` is the confirm step of "Mark as left" when JavaScript is off.
  const leave = event.url.searchParams.get('leave');
  const confirmLeave = person.memberships.find((m) => m.schoolId === leave && !m.leftAt)?.schoolId ?? null;
  return { person, confirmLeave };
};

function schoolIdOf(data: FormData): string {
  const value = data.get('schoolId');
  return typeof value === 'string' ? value : '';
}

export const actions: Actions = {
  update: async (event) => {
    const { values, errors } = readPersonForm(await event.request.formData(), { withRole: false });
    if (Object.keys(errors).length > 0) return formInvalid('update', errors, values);
    try {
      const person = await call(
        createApi(event).people[':id'].$patch({
          param: event.params,
          json: { name: values['name'], email: values['email'], jobTitle: orNull(values['jobTitle']) },
        }),
      );
      return { form: 'update', success: `Saved ${person.name}’s details.` };
    } catch (e) {
      return actionError(e, event.url, 'update', values);
    }
  },

  leave: async (event) => {
    const schoolId = schoolIdOf(await event.request.formData());
    if (!schoolId) return fail(400, { form: 'membership', message: 'Choose which school they have left.' });
    try {
      const person = await call(
        createApi(event).people[':id'].leave.$post({ param: event.params, json: { schoolId } }),
      );
      const school = person.memberships.find((m) => m.schoolId === schoolId)?.schoolName ?? 'the school';
      return {
        form: 'membership',
        success: `${person.name} is marked as having left ${school}. Their records are kept.`,
      };
    } catch (e) {
      return actionError(e, event.url, 'membership', { schoolId });
    }
  },

  rejoin: async (event) => {
    const schoolId = schoolIdOf(await event.request.formData());
    if (!schoolId)
      return fail(400, { form: 'membership', message: 'Choose which school they are rejoining.' });
    try {
      const person = await call(
        createApi(event).people[':id'].rejoin.$post({ param: event.params, json: { schoolId } }),
      );
      const school = person.memberships.find((m) => m.schoolId === schoolId)?.schoolName ?? 'the school';
      return { form: 'membership', success: `${person.name} is back on ${school}’s list.` };
    } catch (e) {
      return actionError(e, event.url, 'membership', { schoolId });
    }
  },
};
