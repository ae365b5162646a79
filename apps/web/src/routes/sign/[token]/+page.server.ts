import { error, fail } from '@sveltejs/kit';
import { ApiError, call, createSigningApi } from '$lib/server/api';
import type { SigningPage } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

/*
 * The signing page, reached from the emailed link: no account, no app shell and no JavaScript at
 * all (`csr = false` in ../+layout.ts). The link's token is the only credential: it goes to the
 * API and nowhere else (no logs, no hidden fields, no redirects).
 */

/** An unknown, expired or withdrawn link: the page's own error page explains it. */
function linkProblem(e: unknown): never {
  if (e instanceof ApiError) {
    if (e.status === 404 || e.status === 410) error(e.status, { message: e.message, code: e.code });
    error(e.status >= 500 ? 503 : e.status, { message: e.message, code: e.code });
  }
  throw e;
}

export const load: PageServerLoad = async (event) => {
  const page = (await call(createSigningApi(event).sign[':token'].$get({ param: event.params })).catch(
    linkProblem,
  )) as SigningPage;
  return { page };
};

/**
 * What a failed attempt hands back: the message, the fields to fix, and what was typed and ticked,
 * except the signature (the full name), which the signer always types afresh.
 */
export interface SignFailure {
  message: string;
  errors: Record<string, string>;
  values: { jobTitle: string };
  ticked: string[];
}

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const typedName = String(form.get('typedName') ?? '').trim();
    const jobTitle = String(form.get('jobTitle') ?? '').trim();
    const ticked = form.getAll('statement').map(String);
    const versionId = String(form.get('versionId') ?? '') || undefined;
    const values = { jobTitle };

    if (!typedName) {
      return fail(400, {
        message: 'Type your full name to sign.',
        errors: { typedName: 'Enter your full name' },
        values,
        ticked,
      } satisfies SignFailure);
    }

    try {
      await call(
        createSigningApi(event).sign[':token'].$post({
          param: event.params,
          json: { versionId, typedName, jobTitle: jobTitle || null, statements: ticked },
        }),
      );
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.status === 404 || e.status === 410) linkProblem(e);
      const errors: Record<string, string> = {};
      if (e.fieldErrors['typedName']) errors['typedName'] = capitalise(e.fieldErrors['typedName']);
      if (e.fieldErrors['jobTitle']) errors['jobTitle'] = capitalise(e.fieldErrors['jobTitle']);
      // The version changed under the signer: the page loads again with the new one and says so.
      const status = e.status === 400 || e.status === 422 || e.status === 409 ? e.status : 503;
      return fail(status, { message: e.message, errors, values, ticked } satisfies SignFailure);
    }
    // The page loads again and shows the signature the API recorded.
    return { signed: true as const };
  },
};

const capitalise = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);
