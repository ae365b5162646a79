import { membershipRoles } from '$lib/format';
import { call, createApi } from '$lib/server/api';
import { actionError, formInvalid, pageError } from '$lib/server/errors';
import { orNull } from '$lib/server/forms';
import { readPersonForm } from '$lib/server/person-form';
import { readSchoolForm } from '$lib/server/school-form';
import type { MembershipRole } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
  const { params, url } = event;
  const api = createApi(event);

  const q = url.searchParams.get('q')?.trim() ?? '';
  const roleParam = url.searchParams.get('role') ?? '';
  const role = membershipRoles.includes(roleParam as MembershipRole)
    ? (roleParam as MembershipRole)
    : undefined;
  const showLeft = url.searchParams.get('left') === '1';
  const cursor = url.searchParams.get('cursor') ?? undefined;

  const [school, people] = await Promise.all([
    call(api.schools[':id'].$get({ param: params })),
    call(
      api.people.$get({
        query: {
          schoolId: params.id,
          role,
          q,
          status: showLeft ? 'all' : 'active',
          limit: PAGE_SIZE,
          cursor,
        },
      }),
    ),
  ]).catch((e) =>
    pageError(e, url, 'We could not find that school. It may have been removed, or the link may be wrong.'),
  );

  return {
    school,
    people: people.data,
    nextCursor: people.nextCursor,
    filters: { q, role: role ?? '', showLeft },
    justAdded: url.searchParams.has('added'),
  };
};

export const actions: Actions = {
  update: async (event) => {
    const { values, errors, input } = readSchoolForm(await event.request.formData());
    if (Object.keys(errors).length > 0) return formInvalid('update', errors, values);
    try {
      // Empty wording is left out rather than cleared: every policy needs something to say.
      const variables = Object.fromEntries(Object.entries(input.variables ?? {}).filter(([, v]) => v));
      const school = await call(
        createApi(event).schools[':id'].$patch({ param: event.params, json: { ...input, variables } }),
      );
      return { form: 'update', success: `Saved the details of ${school.name}.` };
    } catch (e) {
      return actionError(e, event.url, 'update', values);
    }
  },

  addPerson: async (event) => {
    const { values, errors } = readPersonForm(await event.request.formData(), { withRole: true });
    if (Object.keys(errors).length > 0) return formInvalid('addPerson', errors, values);
    try {
      const person = await call(
        createApi(event).people.$post({
          json: {
            name: values['name'] ?? '',
            email: values['email'] ?? '',
            jobTitle: orNull(values['jobTitle']),
            schoolId: event.params.id,
            role: values['role'] as MembershipRole,
          },
        }),
      );
      return {
        form: 'addPerson',
        success: `Added ${person.name} to the list.`,
        person: { id: person.id, name: person.name },
      };
    } catch (e) {
      return actionError(e, event.url, 'addPerson', values);
    }
  },
};
