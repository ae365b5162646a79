import { fail } from '@sveltejs/kit';
import { asRules, formatRules } from '$lib/clause-text';
import { call, createApi } from '$lib/server/api';
import { readClauseForm, wordingActionError } from '$lib/server/clause-form';
import { formInvalid, pageError } from '$lib/server/errors';
import type { ClauseHistoryEntry } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find that clause. It may have been removed, or the link may be wrong.';

export const load: PageServerLoad = async (event) => {
  const { params, url } = event;
  const api = createApi(event);
  const [clause, preview] = await Promise.all([
    call(api.clauses[':id'].$get({ param: params })),
    call(api.clauses[':id'].preview.$post({ param: params, json: {} })),
  ]).catch((e) => pageError(e, url, NOT_FOUND));

  // `?school=` opens the form for that school's own wording.
  const schoolParam = url.searchParams.get('school');
  const editing = preview.data.find((p) => p.schoolId === schoolParam) ?? null;
  const variant = editing ? (clause.variants.find((v) => v.schoolId === editing.schoolId) ?? null) : null;

  return {
    clause,
    history: (clause.history ?? []) as ClauseHistoryEntry[],
    preview: preview.data,
    editing: editing && {
      schoolId: editing.schoolId,
      schoolName: editing.schoolName,
      hasOwn: variant !== null,
      text: variant?.text ?? clause.current?.text ?? '',
      rules: formatRules((variant ?? clause.current)?.children),
    },
    justAdded: url.searchParams.has('added'),
  };
};

export const actions: Actions = {
  /** A new trust wording (and, if changed, title and category). */
  reword: async (event) => {
    const { values, errors, input } = readClauseForm(await event.request.formData());
    if (Object.keys(errors).length > 0) return formInvalid('reword', errors, values);
    try {
      const api = createApi(event);
      const clauseApi = api.clauses[':id'];
      const before = await call(clauseApi.$get({ param: event.params }));
      const unchanged =
        before.current?.text === input.text &&
        JSON.stringify(asRules(before.current?.children)) === JSON.stringify(input.children) &&
        before.title === input.title &&
        (!input.category || before.category === input.category);
      // Saving the same wording again would only add a version that says nothing new.
      if (unchanged) return { form: 'reword', success: 'Nothing has changed, so no new version was saved.' };
      const clause = await call(
        clauseApi.versions.$post({
          param: event.params,
          json: {
            text: input.text,
            children: input.children,
            title: input.title,
            ...(input.category ? { category: input.category } : {}),
          },
        }),
      );
      return {
        form: 'reword',
        success: `Saved version ${clause.current?.version ?? ''} of the trust wording. Policies pick it up the next time they are published.`,
      };
    } catch (e) {
      return wordingActionError(e, event.url, 'reword', values);
    }
  },

  /** How a draft of the trust wording would read at each school, without saving it. */
  previewDraft: async (event) => {
    const { values, errors, input } = readClauseForm(await event.request.formData());
    if (errors['text']) return formInvalid('reword', { text: errors['text'] }, values);
    try {
      const { data } = await call(
        createApi(event).clauses[':id'].preview.$post({ param: event.params, json: { text: input.text } }),
      );
      return { form: 'reword', values, draftPreview: data };
    } catch (e) {
      return wordingActionError(e, event.url, 'reword', values);
    }
  },

  /** One school's own wording. */
  saveVariant: async (event) => {
    const data = await event.request.formData();
    const schoolId = String(data.get('schoolId') ?? '');
    const { values, input } = readClauseForm(data, { category: false, title: false });
    if (!input.text) {
      return formInvalid(
        'variant',
        { text: 'Enter the school’s wording, or use the trust wording instead' },
        values,
      );
    }
    try {
      await call(
        createApi(event).clauses[':id'].versions.$post({
          param: event.params,
          json: { schoolId, text: input.text, children: input.children },
        }),
      );
      return { form: 'variant', success: 'saved', schoolId };
    } catch (e) {
      return wordingActionError(e, event.url, 'variant', values);
    }
  },

  /** Back to the trust wording at one school. */
  removeVariant: async (event) => {
    const schoolId = String((await event.request.formData()).get('schoolId') ?? '');
    if (!schoolId) {
      const none: Record<string, string> = {};
      return fail(400, { form: 'variant', message: 'Choose a school.', errors: none, values: none });
    }
    try {
      await call(
        createApi(event).clauses[':id'].versions.$post({
          param: event.params,
          json: { schoolId, text: null },
        }),
      );
      return { form: 'variant', success: 'removed', schoolId };
    } catch (e) {
      return wordingActionError(e, event.url, 'variant', {});
    }
  },
};
