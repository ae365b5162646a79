import { error, fail } from '@sveltejs/kit';
import { ApiError, call, createApi } from '$lib/server/api';
import { actionError, pageError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** The API's limit for one policy. */
const MAX_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
  const { me } = await event.parent();
  if (!me.isTrustAdmin) error(403, { message: 'Only trust admins import policies.' });
  const api = createApi(event);
  const [imports, schools] = await Promise.all([call(api.imports.$get()), call(api.schools.$get())]).catch(
    (e) => pageError(e, event.url),
  );
  return {
    imports: imports.data,
    schools: schools.data
      .map((s) => ({ id: s.id, name: s.name }))
      .toSorted((a, b) => a.name.localeCompare(b.name)),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const schoolId = String(data.get('schoolId') ?? '');
    const file = data.get('file');
    const text = String(data.get('text') ?? '');
    const values = { schoolId, text };
    const failWith = (status: number, errors: Record<string, string>, message: string) =>
      fail(status, { form: 'upload', message, errors, values });

    const hasFile = file instanceof File && file.size > 0 && file.name !== '';
    const errors: Record<string, string> = {};
    if (!schoolId) errors['schoolId'] = 'Choose the school this policy is from';
    if (!hasFile && !text.trim()) errors['file'] = 'Choose the policy file, or paste its text instead';
    if (hasFile && !/\.(docx|txt|md|markdown)$/i.test(file.name)) {
      errors['file'] =
        `‘${file.name}’ is not a Word (.docx), .txt or .md file. In Word, use File › Save As › Word Document (.docx)`;
    } else if (hasFile && file.size > MAX_BYTES) {
      errors['file'] = `‘${file.name}’ is larger than 2 MB. Remove its images, or save it as plain text`;
    }
    if (Object.keys(errors).length > 0) {
      return failWith(400, errors, 'Some details need changing before we can read the policy.');
    }

    const api = createApi(event);
    try {
      // The route takes a file (multipart/form-data) or pasted text (JSON), and the typed client
      // asks for both bodies at once; it sends whichever is given (JSON wins), so the other is left out.
      const created = await call(
        hasFile
          ? api.imports.$post({ form: { file, schoolId }, json: undefined as never })
          : api.imports.$post({ json: { text, schoolId }, form: undefined as never }),
      );
      const { parsed } = created;
      return {
        form: 'upload',
        uploaded: {
          id: created.id,
          filename: created.filename,
          schoolName: created.schoolName,
          title: parsed.title,
          sections: parsed.sections.length,
          clauses: parsed.sections.reduce((n, s) => n + s.clauses.length, 0),
          statements: parsed.signature.statements.length,
        },
      };
    } catch (e) {
      const failure = actionError(e, event.url, 'upload', values);
      if (!(e instanceof ApiError)) return failure;
      // What the API objected to (the type, the size, no clauses found) is about what was sent:
      // its own sentence names the file and says what to do, so it goes next to the file or text.
      const field = hasFile ? 'file' : 'text';
      const errors: Record<string, string> = {};
      if (e.status === 404) errors['schoolId'] = 'That school was not found. Choose it again from the list';
      else if (failure.data.errors['schoolId']) errors['schoolId'] = failure.data.errors['schoolId'];
      else errors[field] = e.message.replace(/^(file|text): /, '').replace(/^./, (c) => c.toUpperCase());
      failure.data.errors = errors;
      failure.data.message = 'We could not read that policy.';
      return failure;
    }
  },
};
