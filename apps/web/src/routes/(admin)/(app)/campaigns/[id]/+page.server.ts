import { redirect } from '@sveltejs/kit';
import { recipientStatuses } from '$lib/format';
import { createApi } from '$lib/server/api';
import { actionError, pageError } from '$lib/server/errors';
import type { RecipientStatus } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find that campaign. It may be for a school you do not look after.';

export const load: PageServerLoad = async (event) => {
  const { params, url } = event;
  const api = createApi(event);
  const campaign = await api.campaigns.get(params.id).catch((e) => pageError(e, url, NOT_FOUND));

  // The drill-down: one school's people and where each of them is.
  const schoolId = url.searchParams.get('school') ?? '';
  const statusParam = url.searchParams.get('status') ?? '';
  const status = (recipientStatuses as string[]).includes(statusParam)
    ? (statusParam as RecipientStatus)
    : undefined;
  const school = campaign.schools.find((s) => s.schoolId === schoolId) ?? null;
  const recipients =
    school && campaign.status !== 'draft'
      ? (await api.campaigns.recipients(params.id, { schoolId, status }).catch((e) => pageError(e, url))).data
      : null;

  // Before sending, the campaign has no recipients yet, so its schools are named from the school list.
  const schoolNames =
    campaign.status === 'draft'
      ? await api.schools
          .list()
          .then(({ data }) => data.filter((s) => campaign.schoolIds.includes(s.id)).map((s) => s.name))
          .catch(() => [])
      : campaign.schools.map((s) => s.schoolName);

  return {
    campaign,
    schoolNames,
    school,
    status: status ?? '',
    recipients,
    created: url.searchParams.has('created'),
    sent: url.searchParams.get('sent'),
  };
};

export const actions: Actions = {
  launch: async (event) => {
    let recipients: number;
    try {
      ({ recipients } = await createApi(event).campaigns.launch(event.params.id));
    } catch (e) {
      return actionError(e, event.url, 'launch', {});
    }
    redirect(303, `/campaigns/${event.params.id}?sent=${recipients}`);
  },
};
