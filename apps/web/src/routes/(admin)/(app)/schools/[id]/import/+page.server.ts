import { fail } from '@sveltejs/kit';
import { call, createApi } from '$lib/server/api';
import { actionError, pageError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** Well above any school's staff list (a few hundred rows), well below what a Worker should buffer. */
const MAX_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
  const school = await call(createApi(event).schools[':id'].$get({ param: event.params })).catch((e) =>
    pageError(
      e,
      event.url,
      'We could not find that school. It may have been removed, or the link may be wrong.',
    ),
  );
  return { school };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const file = data.get('file');
    const wholeList = data.get('wholeList') === 'on';
    const values = { file: '', wholeList: wholeList ? 'on' : '' };

    if (!(file instanceof File) || file.size === 0 || !file.name) {
      return fail(400, {
        form: 'import',
        message: 'Choose a file to import.',
        errors: { file: 'Choose a CSV file of the staff list' },
        values,
      });
    }
    if (!/\.(csv|txt)$/i.test(file.name)) {
      return fail(400, {
        form: 'import',
        message: 'That file is not a CSV file.',
        errors: {
          file: `‘${file.name}’ is not a CSV file. In Excel, use File › Save As › CSV UTF-8, then choose the new file`,
        },
        values,
      });
    }
    if (file.size > MAX_BYTES) {
      return fail(413, {
        form: 'import',
        message: 'That file is too large.',
        errors: {
          file: `‘${file.name}’ is larger than 2 MB. Remove columns other than name, email, job title and role`,
        },
        values,
      });
    }

    // Excel's "CSV UTF-8" starts with a byte-order mark; it would otherwise stick to the first header.
    const csv = (await file.text()).replace(/^\uFEFF/, '');
    if (!csv.trim()) {
      return fail(400, {
        form: 'import',
        message: 'That file is empty.',
        errors: {
          file: `‘${file.name}’ has nothing in it. Check you saved the staff list before choosing it`,
        },
        values,
      });
    }

    try {
      // The body is CSV, which the typed client has no slot for, so it goes in as the raw body.
      // `missing: 'leave'`: the file is the whole list, and people it does not name have left.
      const report = await call(
        createApi(event).schools[':id'].people.import.$post(
          { param: event.params, query: { missing: wholeList ? 'leave' : 'keep' } },
          { headers: { 'content-type': 'text/csv; charset=utf-8' }, init: { body: csv } },
        ),
      );
      return { form: 'import', fileName: file.name, report };
    } catch (e) {
      const failure = actionError(e, event.url, 'import', values);
      // Whatever the API objected to (a missing column, say), it is about the file.
      if (Object.keys(failure.data.errors).length === 0) failure.data.errors = { file: failure.data.message };
      return failure;
    }
  },
};
