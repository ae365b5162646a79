import { call, createApi } from '$lib/server/api';
import { passOnDownload } from '$lib/server/download';
import { pageError } from '$lib/server/errors';
import type { RequestHandler } from './$types';

/** One person's signed copy, from the campaign's drill-down. */
export const GET: RequestHandler = async (event) => {
  const answer = await call(
    createApi(event).campaigns[':id'].recipients[':recipientId']['copy.pdf'].$get({ param: event.params }),
  ).catch((e) => pageError(e, event.url, 'We could not find that person in this campaign.'));
  return passOnDownload(answer, { type: 'application/pdf', fileName: 'signed-copy.pdf' });
};
