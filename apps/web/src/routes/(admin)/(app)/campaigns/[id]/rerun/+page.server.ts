import { rerunName } from '@attest/core/campaigns/rerun-name';
import { redirect } from '@sveltejs/kit';
import { call, createApi } from '$lib/server/api';
import { actionError, formInvalid, pageError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/*
 * "Run again": next year's round of a sent campaign. One ordinary form (works without JavaScript):
 * a name, suggested with the school year moved on, and a new due date, suggested a year on. It
 * makes a draft, whose own page is the review step with the "Send" button.
 */
const NOT_FOUND = 'We could not find that campaign. It may be for a school you do not look after.';

/** The same day a year later, if that is still ahead; otherwise nothing to suggest. */
function aYearOn(dueAt: string, today: string): string {
  const [y, m, d] = dueAt.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, m === 2 && d === 29 ? 28 : d));
  const day = next.toISOString().slice(0, 10);
  return day > today ? day : '';
}

export const load: PageServerLoad = async (event) => {
  const api = createApi(event);
  const campaign = await call(api.campaigns[':id'].$get({ param: event.params })).catch((e) =>
    pageError(e, event.url, NOT_FOUND),
  );
  // A draft has not been sent: there is nothing to run again yet.
  if (campaign.status === 'draft') redirect(303, `/campaigns/${campaign.id}`);
  return {
    campaign,
    suggested: {
      name: rerunName(campaign.name),
      dueAt: aYearOn(campaign.dueAt, new Date().toISOString().slice(0, 10)),
    },
  };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const values = {
      name: String(form.get('name') ?? '').trim(),
      dueAt: String(form.get('dueAt') ?? '').trim(),
    };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.dueAt)) {
      return formInvalid('rerun', { dueAt: 'Enter the date by which people should sign' }, values);
    }
    let id: string;
    try {
      ({ id } = await call(
        createApi(event).campaigns[':id'].rerun.$post({
          param: event.params,
          json: { dueAt: values.dueAt, ...(values.name ? { name: values.name } : {}) },
        }),
      ));
    } catch (e) {
      return actionError(e, event.url, 'rerun', values);
    }
    redirect(303, `/campaigns/${id}?created`);
  },
};
