import { error, fail } from '@sveltejs/kit';
import { ApiError, call, createSigningApi } from '$lib/server/api';
import type { SigningPage } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

/*
 * "I have a question": a plain form that sends the question to the school (its head and school
 * admins), who reply by email. Reachable from the signing page and its confirmation.
 */

export const load: PageServerLoad = async (event) => {
  try {
    const page = (await call(
      createSigningApi(event).sign[':token'].$get({ param: event.params }),
    )) as SigningPage;
    return { schoolName: page.schoolName, policyTitle: page.policy.content.title };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    // An expired link may still ask; an unknown or withdrawn one has nobody to ask.
    if (e.code === 'LINK_EXPIRED') return { schoolName: null, policyTitle: null };
    if (e.status === 404 || e.status === 410) error(e.status, { message: e.message, code: e.code });
    error(503, { message: 'Something went wrong on our side. Try again in a minute.', code: e.code });
  }
};

export interface QuestionFailure {
  message: string;
  question: string;
}

export const actions: Actions = {
  default: async (event) => {
    const question = String((await event.request.formData()).get('question') ?? '').trim();
    if (!question) return fail(400, { message: 'Write your question', question } satisfies QuestionFailure);
    if (question.length > 2000)
      return fail(400, {
        message: `Keep your question under 2,000 characters (it has ${question.length.toLocaleString('en-GB')})`,
        question,
      } satisfies QuestionFailure);
    try {
      const { message } = await call(
        createSigningApi(event).sign[':token'].questions.$post({ param: event.params, json: { question } }),
      );
      return { sent: true as const, message };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.status === 404 || e.status === 410) error(e.status, { message: e.message, code: e.code });
      const status = e.status === 429 || e.status === 422 || e.status === 400 ? e.status : 503;
      return fail(status, {
        message:
          status === 503 ? 'We could not send your question just now. Try again in a minute.' : e.message,
        question,
      } satisfies QuestionFailure);
    }
  },
};
