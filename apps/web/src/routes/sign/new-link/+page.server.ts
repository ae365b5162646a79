import { fail } from '@sveltejs/kit';
import { ApiError, call, createSigningApi } from '$lib/server/api';
import type { Actions } from './$types';

/*
 * "Email me my link", for someone whose link we do not recognise: they give their address and
 * every open request for it is emailed. The answer is the same for any address (the API's), so
 * this page never tells anyone whether an address is on record.
 */

export interface NewLinkFailure {
  message: string;
  email: string;
}

export const actions: Actions = {
  default: async (event) => {
    const email = String((await event.request.formData()).get('email') ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) {
      return fail(400, {
        message: email
          ? 'Enter your email address in the form name@school.org.uk'
          : 'Enter your email address',
        email,
      } satisfies NewLinkFailure);
    }
    try {
      const { message } = await call(createSigningApi(event).links['fresh-link'].$post({ json: { email } }));
      return { sent: true as const, message };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const status = e.status === 400 || e.status === 422 ? 400 : 503;
      return fail(status, {
        message:
          status === 400
            ? 'Enter your email address in the form name@school.org.uk'
            : 'We could not send the email just now. Try again in a minute.',
        email,
      } satisfies NewLinkFailure);
    }
  },
};
