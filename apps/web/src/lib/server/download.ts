/**
 * A file the API answered (a PDF), passed on to the browser as a download. Evidence is personal
 * data, so it is never cached, by the browser or anything between.
 */
export function passOnDownload(answer: Response, fallback: { type: string; fileName: string }): Response {
  return new Response(answer.body, {
    headers: {
      'content-type': answer.headers.get('content-type') ?? fallback.type,
      'content-disposition':
        answer.headers.get('content-disposition') ?? `attachment; filename="${fallback.fileName}"`,
      'cache-control': 'private, no-store',
    },
  });
}
