import { call, createApi } from '$lib/server/api';
import { passOnDownload } from '$lib/server/download';
import { pageError } from '$lib/server/errors';
import type { RequestHandler } from './$types';

/** One school's evidence pack: the API's PDF, fetched with the admin's session (and audited there). */
export const GET: RequestHandler = async (event) => {
  const { schoolId } = event.params;
  const answer = await call(
    createApi(event).campaigns[':id'].schools[':schoolId']['evidence.pdf'].$get({ param: event.params }),
  ).catch((e) => pageError(e, event.url, 'We could not find that school in this campaign.'));
  return passOnDownload(answer, { type: 'application/pdf', fileName: `evidence-${schoolId}.pdf` });
};
