import { error, fail, redirect } from '@sveltejs/kit';
import { ApiError, call, createSigningApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

/*
 * "Email me a fresh link", from an expired link's page. Opening this address only shows the
 * button (no state change on GET); pressing it asks the API to replace the link and email it.
 */

export const load: PageServerLoad = () => ({});

export const actions: Actions = {
  default: async (event) => {
    try {
      const { message } = await call(
        createSigningApi(event).links[':token']['fresh-link'].$post({ param: event.params }),
      );
      return { sent: true as const, message };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // Already signed: the link still shows what was signed.
      if (e.status === 409) redirect(303, `/sign/${event.params.token}`);
      if (e.status === 404 || e.status === 410) error(e.status, { message: e.message, code: e.code });
      return fail(503, { message: 'We could not send the email just now. Try again in a minute.' });
    }
  },
};
