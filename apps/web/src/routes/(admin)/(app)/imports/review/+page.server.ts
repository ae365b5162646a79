import { error, fail, redirect } from '@sveltejs/kit';
import { unknownVariables } from '$lib/clause-text';
import { isClauseCategory } from '$lib/format';
import { ApiError, call, createApi } from '$lib/server/api';
import { wordingActionError } from '$lib/server/clause-form';
import { pageError } from '$lib/server/errors';
import type { AcceptInput, ClauseCategory } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?ids=…&ids=…`: the imports ticked on the first step. */
function chosenIds(url: URL): string[] {
  return [...new Set(url.searchParams.getAll('ids').filter((id) => uuid.test(id)))].slice(0, 100);
}

export const load: PageServerLoad = async (event) => {
  const { me } = await event.parent();
  if (!me.isTrustAdmin) error(403, { message: 'Only trust admins import policies.' });
  const ids = chosenIds(event.url);
  if (ids.length === 0) redirect(303, '/imports');
  const api = createApi(event);
  const [review, imports] = await Promise.all([
    call(api.imports.consolidate.$post({ json: { importIds: ids } })),
    call(api.imports.$get()),
  ]).catch((e) =>
    pageError(
      e,
      event.url,
      'One of those uploads could not be found. Go back to the uploads and tick them again.',
    ),
  );
  return {
    ids,
    groups: review.groups,
    unique: review.unique,
    imports: imports.data.filter((i) => ids.includes(i.id)),
  };
};

const text = (data: FormData, key: string) => {
  const v = data.get(key);
  return typeof v === 'string' ? v.trim() : '';
};

export const actions: Actions = {
  accept: async (event) => {
    const data = await event.request.formData();
    const values: Record<string, string> = {};
    for (const [key, value] of data.entries()) if (typeof value === 'string') values[key] = value;

    const importIds = data
      .getAll('importIds')
      .filter((v): v is string => typeof v === 'string' && uuid.test(v));
    const groupKeys = [...data.keys()].flatMap((k) => /^groups\.(.+)\.decision$/.exec(k)?.[1] ?? []);
    const uniqueKeys = [...data.keys()].flatMap((k) => /^unique\.(.+)\.title$/.exec(k)?.[1] ?? []);
    const errors: Record<string, string> = {};

    const groups: NonNullable<AcceptInput['groups']> = groupKeys.map((key) => {
      const field = (f: string) => `groups.${key}.${f}`;
      const choice = text(data, field('decision'));
      const title = text(data, field('title'));
      const category = text(data, field('category'));
      if (!title) errors[field('title')] = 'Enter a title for this clause';
      if (choice === 'reject') return { key, decision: 'reject' as const };
      let wording: string | undefined;
      if (choice === 'edit') {
        wording = text(data, field('text'));
        const unknown = unknownVariables(wording);
        if (!wording) errors[field('text')] = 'Enter the trust wording, or choose Accept to use the proposal';
        else if (unknown.length > 0) {
          errors[field('text')] =
            `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a variable' : 'are not variables'} we know. Use {{school.name}}, {{school.head_title}}, {{school.mis}}, {{school.dsl_title}}, {{school.online_safety_lead}} or {{school.governing_body}}.`;
        }
      }
      return {
        key,
        decision: 'accept' as const,
        ...(wording ? { text: wording } : {}),
        ...(title ? { title } : {}),
        ...(isClauseCategory(category) ? { category: category as ClauseCategory } : {}),
      };
    });
    const unique: NonNullable<AcceptInput['unique']> = uniqueKeys.map((key) => {
      const title = text(data, `unique.${key}.title`);
      const category = text(data, `unique.${key}.category`);
      if (!title) errors[`unique.${key}.title`] = 'Enter a title for this clause';
      return {
        key,
        ...(title ? { title } : {}),
        ...(isClauseCategory(category) ? { category: category as ClauseCategory } : {}),
      };
    });

    if (importIds.length === 0) {
      return fail(400, {
        form: 'accept',
        message: 'Go back to the uploads and tick the policies to compare.',
        errors,
        values,
      });
    }
    if (Object.keys(errors).length > 0) {
      return fail(400, {
        form: 'accept',
        message: 'Some clauses need changing before we can build the library.',
        errors,
        values,
      });
    }

    try {
      const result = await call(
        createApi(event).imports.accept.$post({ json: { importIds, groups, unique } }),
      );
      return { form: 'accept', result };
    } catch (e) {
      // The API names list items by position (`groups.3.title`); the form names them by key.
      const fieldMap: Record<string, string> = {};
      if (e instanceof ApiError) {
        for (const path of Object.keys(e.fieldErrors)) {
          const m = /^(groups|unique)\.(\d+)\.(\w+)$/.exec(path);
          const key = m && (m[1] === 'groups' ? groupKeys : uniqueKeys)[Number(m[2])];
          if (m && key) fieldMap[path] = `${m[1]}.${key}.${m[3]}`;
        }
      }
      return wordingActionError(e, event.url, 'accept', values, fieldMap);
    }
  },
};
