import { fail, type RequestEvent, redirect } from '@sveltejs/kit';
import {
  applyOp,
  type ComposerDraft,
  composerField,
  readComposer,
  toPolicyInput,
} from '$lib/policy-composer';
import { ApiError, call, createApi } from './api';
import { wordingActionError } from './clause-form';
import type { FormFailure } from './errors';

/** A composer operation without JavaScript: apply it and send the form back, unsaved. */
export async function composeAction(event: RequestEvent) {
  const data = await event.request.formData();
  const draft = readComposer(data);
  const op = String(data.get('op') ?? '');
  const titles = new Map<string, string>();
  try {
    const { data: clauses } = await call(createApi(event).clauses.$get({ query: {} }));
    for (const c of clauses) titles.set(c.id, c.title);
  } catch {
    // Titles only make the message friendlier; the operation does not need them.
  }
  const result = applyOp(
    draft,
    op,
    (s) => String(data.get(`add.${s}`) ?? ''),
    (id) => titles.get(id) ?? 'the clause',
  );
  return { form: 'compose', draft: result.draft, message: result.message, focus: result.focus };
}

/** Saves the composer: a new policy (then its page) or changes to one. */
export async function saveAction(event: RequestEvent, policyId: string | null) {
  const draft: ComposerDraft = readComposer(await event.request.formData());
  const { input, errors } = toPolicyInput(draft);
  if (Object.keys(errors).length > 0) {
    return fail(400, {
      form: 'save',
      message: 'Some details need changing before we can save the policy.',
      errors,
      values: {} as Record<string, string>,
      draft,
    } satisfies FormFailure & { draft: ComposerDraft });
  }
  const api = createApi(event);
  let id: string;
  try {
    if (policyId) {
      const { schoolId: _fixed, ...patch } = input;
      const policy = await call(api.policies[':id'].$patch({ param: { id: policyId }, json: patch }));
      return {
        form: 'save',
        success: `Saved “${policy.title}”. Staff see the changes once you publish it.`,
      };
    }
    id = (await call(api.policies.$post({ json: input }))).id;
  } catch (e) {
    const map =
      e instanceof ApiError
        ? Object.fromEntries(Object.keys(e.fieldErrors).map((path) => [path, composerField(path)]))
        : {};
    for (const path of e instanceof ApiError ? [/^([\w.]+):/.exec(e.message)?.[1] ?? ''] : []) {
      if (path) map[path] = composerField(path);
    }
    const failure = wordingActionError(e, event.url, 'save', {}, map);
    return fail(failure.status, { ...failure.data, draft });
  }
  // A redirect keeps the fragment of the form's own address (`#compose`) unless given one;
  // `#top` is the top of the page, where the "saved" message is.
  redirect(303, `/policies/${id}?created#top`);
}
