import { error, redirect } from '@sveltejs/kit';
import { ApiError, call, createApi } from '$lib/server/api';
import { signInUrl } from '$lib/server/errors';
import type { RequestHandler } from './$types';

/** The evidence download: the API's CSV, fetched with the admin's session and passed on as a file. */
export const GET: RequestHandler = async (event) => {
  try {
    const answer = await call(
      createApi(event).campaigns[':id']['signatures.csv'].$get({ param: event.params }),
    );
    const disposition =
      answer.headers.get('content-disposition') ?? `attachment; filename="signatures-${event.params.id}.csv"`;
    return new Response(answer.body, {
      headers: {
        'content-type': answer.headers.get('content-type') ?? 'text/csv; charset=utf-8',
        'content-disposition': disposition,
        'cache-control': 'private, no-store',
      },
    });
  } catch (e) {
    if (e instanceof ApiError) {
      if (e.status === 401) redirect(303, signInUrl(event.url));
      error(e.status === 404 ? 404 : e.status >= 500 ? 502 : e.status, { message: e.message, code: e.code });
    }
    throw e;
  }
};
