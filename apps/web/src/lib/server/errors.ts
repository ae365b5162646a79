import { error, fail, isHttpError, isRedirect, redirect } from '@sveltejs/kit';
import { ApiError } from './api';

/** Where to send someone whose session has ended, keeping the page they wanted. */
export function signInUrl(url: URL): string {
  const back = url.pathname + url.search;
  return back && back !== '/' ? `/sign-in?redirectTo=${encodeURIComponent(back)}` : '/sign-in';
}

/**
 * For loads: turn an API failure into what SvelteKit shows. 401 → sign in again; 404 → the error
 * page saying the thing was not found; anything else → the error page with the API's own words.
 */
export function pageError(e: unknown, url: URL, notFound = 'We could not find that page.'): never {
  if (isRedirect(e) || isHttpError(e)) throw e;
  if (e instanceof ApiError) {
    if (e.status === 401) redirect(303, signInUrl(url));
    if (e.status === 404) error(404, { message: notFound, code: e.code });
    if (e.status === 403) error(403, { message: e.message, code: e.code });
    if (e.status >= 500) error(e.status === 503 ? 503 : 502, { message: e.message, code: e.code });
    error(e.status, { message: e.message, code: e.code });
  }
  throw e;
}

/** What a failed form action hands back to its page. `form` names which form on the page it was. */
export interface FormFailure {
  form: string;
  message: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

/** Field names the API uses for a path → the form's own input names, when they differ. */
export type FieldMap = Record<string, string>;

/**
 * For actions: an API failure becomes `fail()` with the message placed next to its field when
 * the API said which field, or shown above the form when it did not. 401 still means sign in.
 */
export function actionError(
  e: unknown,
  url: URL,
  form: string,
  values: Record<string, string>,
  fieldMap: FieldMap = {},
) {
  if (isRedirect(e) || isHttpError(e)) throw e;
  if (!(e instanceof ApiError)) throw e;
  if (e.status === 401) redirect(303, signInUrl(url));

  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(e.fieldErrors)) {
    const field = fieldMap[path] ?? path;
    errors[field] = phrase(message, values[field]);
  }
  if (e.code === 'EMAIL_TAKEN' && !errors['email']) errors['email'] = e.message;

  const status = e.status >= 400 && e.status < 500 ? e.status : 502;
  const message =
    Object.keys(errors).length > 0 && (e.status === 400 || e.status === 422)
      ? 'Some details need changing before we can save them.'
      : e.message;
  return fail(status, { form, message, errors, values } satisfies FormFailure);
}

/**
 * The API's field messages are written to follow the field's name ("must not be blank",
 * "is not an email address"); next to a labelled field they read better as a sentence, with the
 * value itself where the message is about it: "‘j.smith@’ is not an email address".
 */
function phrase(message: string, value: string | undefined): string {
  if (/^is /.test(message) && value) return `‘${value}’ ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** A failure found before calling the API (missing fields and the like). */
export function formInvalid(form: string, errors: Record<string, string>, values: Record<string, string>) {
  return fail(400, {
    form,
    message: 'Some details need changing before we can save them.',
    errors,
    values,
  } satisfies FormFailure);
}
