import { fail } from '@sveltejs/kit';
import { draftFromPolicy } from '$lib/policy-composer';
import { ApiError, call, createApi } from '$lib/server/api';
import { libraryClauses, toComposerClauses } from '$lib/server/composer-data';
import { actionError, pageError } from '$lib/server/errors';
import { composeAction, saveAction } from '$lib/server/policy-composer';
import type { PolicyPreview } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find that policy. It may have been removed, or the link may be wrong.';

export const load: PageServerLoad = async (event) => {
  const { params, url } = event;
  const api = createApi(event);
  const [policy, library, versions] = await Promise.all([
    call(api.policies[':id'].$get({ param: params })),
    libraryClauses(api),
    call(api.policies[':id'].versions.$get({ param: params, query: {} })),
  ]).catch((e) => pageError(e, url, NOT_FOUND));

  // A policy only one school uses is composed as that school's staff will read it. Without the
  // school's words (it could not be read), the clauses show the trust wording, as for any policy.
  const only = policy.schools.length === 1 ? policy.schools[0] : undefined;
  const readAt = only
    ? await call(api.schools[':id'].$get({ param: { id: only.schoolId } })).catch((e) => {
        if (e instanceof ApiError && e.status !== 401) return null;
        return pageError(e, url);
      })
    : null;
  const clauses = toComposerClauses(library, readAt);

  // `?preview=<school>` shows the policy as that school's staff would read it.
  const previewId = url.searchParams.get('preview');
  const previewSchool = policy.schools.find((s) => s.schoolId === previewId) ?? null;
  let preview: (PolicyPreview & { schoolId: string }) | null = null;
  let previewError: string | null = null;
  if (previewSchool) {
    try {
      preview = {
        ...(await call(
          api.policies[':id'].preview.$get({ param: params, query: { schoolId: previewSchool.schoolId } }),
        )),
        schoolId: previewSchool.schoolId,
      };
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401) pageError(e, url);
      previewError = e.message;
    }
  }

  return {
    policy,
    clauses,
    readAt: readAt?.name ?? null,
    versions: versions.data,
    draft: draftFromPolicy(policy),
    preview,
    previewError,
    justCreated: url.searchParams.has('created'),
  };
};

export const actions: Actions = {
  compose: composeAction,
  save: (event) => saveAction(event, event.params.id),

  publish: async (event) => {
    const data = await event.request.formData();
    const schoolIds = data.getAll('schoolIds').filter((v): v is string => typeof v === 'string' && v !== '');
    const label = String(data.get('label') ?? '').trim();
    const values = { label, schoolIds: schoolIds.join(',') };
    if (schoolIds.length === 0) {
      return fail(400, {
        form: 'publish',
        message: 'Choose at least one school to publish to.',
        errors: { schoolIds: 'Choose at least one school' } as Record<string, string>,
        values,
      });
    }
    try {
      const { results } = await call(
        createApi(event).policies[':id'].publish.$post({
          param: event.params,
          json: { schoolIds, ...(label ? { label } : {}) },
        }),
      );
      return { form: 'publish', results };
    } catch (e) {
      return actionError(e, event.url, 'publish', values);
    }
  },
};
