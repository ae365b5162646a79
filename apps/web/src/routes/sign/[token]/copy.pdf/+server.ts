import { error } from '@sveltejs/kit';
import { ApiError, call, createSigningApi } from '$lib/server/api';
import { passOnDownload } from '$lib/server/download';
import type { RequestHandler } from './$types';

/*
 * The signer's copy as a PDF, linked from the confirmation page. As on the page, the link's token
 * is the only credential: it goes to the API and nowhere else (the file name does not carry it).
 */
export const GET: RequestHandler = async (event) => {
  try {
    const answer = await call(
      createSigningApi(event).sign[':token']['copy.pdf'].$get({ param: event.params }),
    );
    return passOnDownload(answer, { type: 'application/pdf', fileName: 'signed-copy.pdf' });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    // Not signed yet (409), or an unknown, expired or withdrawn link (404, 410), in the API's words.
    // No redirect to the signing page: the token would travel in a Location header.
    error(e.status >= 500 ? 503 : e.status, { message: e.message, code: e.code });
  }
};
