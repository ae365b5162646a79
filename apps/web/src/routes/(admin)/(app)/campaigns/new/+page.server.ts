import { redirect } from '@sveltejs/kit';
import { audiences as audienceOptions } from '$lib/format';
import { call, createApi } from '$lib/server/api';
import { actionError, formInvalid, pageError } from '$lib/server/errors';
import type { Audience } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

/*
 * Send for signing, in two steps that work without JavaScript: choose the policy (a GET form, so
 * the schools offered are that policy's own), then the schools, who signs, the due date and a
 * message. Saving makes a draft; its page is the review step with the "Send" button.
 */
export const load: PageServerLoad = async (event) => {
  const { me } = await event.parent();
  const api = createApi(event);
  const { data: policies } = await call(api.policies.$get()).catch((e) => pageError(e, event.url));
  const policyId = event.url.searchParams.get('policy') ?? '';
  const policy = policies.find((p) => p.id === policyId) ?? null;

  // A head sends only to their own schools; a school without a published version has nothing to sign yet.
  const mine = (schoolId: string) => me.isTrustAdmin || me.schoolIds.includes(schoolId);
  const schools = (policy?.schools ?? [])
    .filter((s) => mine(s.schoolId))
    .map((s) => ({ id: s.schoolId, name: s.schoolName, published: s.current !== null }))
    .toSorted((a, b) => a.name.localeCompare(b.name));

  return {
    policies: policies
      .filter((p) => p.schools.some((s) => s.current && mine(s.schoolId)))
      .map((p) => ({
        id: p.id,
        title: p.title,
        // Where it can be sent: the admin's schools with a published version, by name.
        publishedAt: p.schools
          .filter((s) => s.current && mine(s.schoolId))
          .map((s) => s.schoolName)
          .toSorted((a, b) => a.localeCompare(b)),
      }))
      .toSorted((a, b) => a.title.localeCompare(b.title)),
    policy: policy ? { id: policy.id, title: policy.title, audiences: policy.audiences } : null,
    schools,
    unknownPolicy: policyId !== '' && policy === null,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const schoolIds = form.getAll('schoolIds').map(String);
    const audiences = form
      .getAll('audiences')
      .map(String)
      .filter((a): a is Audience => (audienceOptions as string[]).includes(a));
    const values = {
      name: field('name'),
      policyId: field('policyId'),
      dueAt: field('dueAt'),
      message: field('message'),
      schoolIds: schoolIds.join(','),
      audiences: audiences.join(','),
    };

    const errors: Record<string, string> = {};
    if (!values.policyId) errors['policyId'] = 'Choose the policy to send';
    if (!values.name) errors['name'] = 'Give the campaign a name, such as “Staff AUP 2026/27”';
    if (schoolIds.length === 0) errors['schoolIds'] = 'Tick at least one school';
    if (audiences.length === 0) errors['audiences'] = 'Tick who should sign';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.dueAt))
      errors['dueAt'] = 'Enter the date by which people should sign';
    if (Object.keys(errors).length > 0) return formInvalid('create', errors, values);

    let id: string;
    try {
      const campaign = await call(
        createApi(event).campaigns.$post({
          json: {
            name: values.name,
            policyId: values.policyId,
            schoolIds,
            audiences,
            dueAt: values.dueAt,
            ...(values.message ? { message: values.message } : {}),
          },
        }),
      );
      id = campaign.id;
    } catch (e) {
      return actionError(e, event.url, 'create', values);
    }
    redirect(303, `/campaigns/${id}?created`);
  },
};
