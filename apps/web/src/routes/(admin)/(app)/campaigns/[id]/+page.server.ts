import { redirect } from '@sveltejs/kit';
import { recipientStatuses } from '$lib/format';
import { call, createApi } from '$lib/server/api';
import { actionError, pageError } from '$lib/server/errors';
import type { RecipientStatus } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find that campaign. It may be for a school you do not look after.';

export const load: PageServerLoad = async (event) => {
  const { params, url } = event;
  const api = createApi(event);
  const campaignApi = api.campaigns[':id'];
  const campaign = await call(campaignApi.$get({ param: params })).catch((e) => pageError(e, url, NOT_FOUND));

  // The drill-down: one school's people and where each of them is.
  const schoolId = url.searchParams.get('school') ?? '';
  const statusParam = url.searchParams.get('status') ?? '';
  const status = (recipientStatuses as string[]).includes(statusParam)
    ? (statusParam as RecipientStatus)
    : undefined;
  const school = campaign.schools.find((s) => s.schoolId === schoolId) ?? null;
  const recipients =
    school && campaign.status !== 'draft'
      ? (
          await call(campaignApi.recipients.$get({ param: params, query: { schoolId, status } })).catch((e) =>
            pageError(e, url),
          )
        ).data
      : null;

  // Before sending, the campaign has no recipients yet, so its schools are named from the school list.
  const schoolNames =
    campaign.status === 'draft'
      ? await call(api.schools.$get())
          .then(({ data }) => data.filter((s) => campaign.schoolIds.includes(s.id)).map((s) => s.name))
          .catch(() => [])
      : campaign.schools.map((s) => s.schoolName);

  // Before sending: who it will email, selected as the send itself selects them.
  const audience =
    campaign.status === 'draft'
      ? await call(campaignApi.audience.$get({ param: params })).catch(() => null)
      : null;

  // The email as one person gets it: offered before sending, and after it on request.
  const previewAs = url.searchParams.get('preview');
  const preview =
    campaign.status === 'draft' || previewAs !== null
      ? await call(
          campaignApi.preview.$get({ param: params, query: { personId: previewAs ?? undefined } }),
        ).catch(() => null)
      : null;
  const questions =
    school && campaign.status !== 'draft'
      ? (
          await call(
            campaignApi.questions.$get({ param: params, query: { schoolId: school.schoolId } }),
          ).catch(() => ({ data: [] }))
        ).data
      : null;

  return {
    campaign,
    schoolNames,
    audience,
    preview,
    questions,
    school,
    status: status ?? '',
    recipients,
    created: url.searchParams.has('created'),
    sent: url.searchParams.get('sent'),
  };
};

export const actions: Actions = {
  /** Chase: reminds everyone who has not signed at one school (or every school), once a day. */
  chase: async (event) => {
    const schoolId = String((await event.request.formData()).get('schoolId') ?? '') || undefined;
    try {
      const { reminded } = await call(
        createApi(event).campaigns[':id'].remind.$post({ param: event.params, json: { schoolId } }),
      );
      return { chased: reminded, schoolId: schoolId ?? null };
    } catch (e) {
      return actionError(e, event.url, 'chase', { schoolId: schoolId ?? '' });
    }
  },
  launch: async (event) => {
    let recipients: number;
    try {
      ({ recipients } = await call(createApi(event).campaigns[':id'].launch.$post({ param: event.params })));
    } catch (e) {
      return actionError(e, event.url, 'launch', {});
    }
    redirect(303, `/campaigns/${event.params.id}?sent=${recipients}`);
  },
};
