import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiClient, call, type FetchFn } from './api-call';

/** A fetch that records what it was asked and answers `answer`. */
function fakeFetch(answer: () => Response) {
  const seen: Request[] = [];
  const fetch: FetchFn = async (input, init) => {
    seen.push(new Request(input, init));
    return answer();
  };
  return { fetch, seen };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.restoreAllMocks());

describe('apiClient', () => {
  it('sends the session as a bearer token, and leaves empty filters out of the query', async () => {
    const { fetch, seen } = fakeFetch(() => json({ data: [], nextCursor: null }));
    const api = apiClient('http://api.test', fetch, 'session-token');
    await call(api.people.$get({ query: { q: '', schoolId: undefined, status: 'active', limit: 50 } }));
    expect(seen[0]?.url).toBe('http://api.test/v1/people?status=active&limit=50');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer session-token');
    expect(seen[0]?.headers.get('accept')).toBe('application/json');
  });

  it('sends no authorization header without a session (signing links)', async () => {
    const { fetch, seen } = fakeFetch(() => json({ message: 'Sent' }, 202));
    const api = apiClient('http://api.test', fetch, null);
    await call(api.links[':token']['fresh-link'].$post({ param: { token: 'abc' } }));
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe('http://api.test/v1/links/abc/fresh-link');
    expect(seen[0]?.headers.has('authorization')).toBe(false);
  });

  it('turns no answer at all into a 503 ApiError, and never logs a signing token or the query', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const down: FetchFn = async () => {
      throw new TypeError('fetch failed');
    };
    const api = apiClient('http://api.test', down, 'session-token');
    const failure = await call(api.sign[':token'].$get({ param: { token: 'secret-token' } })).catch((e) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 503, code: 'API_UNREACHABLE' });
    await call(api.people.$get({ query: { q: 'Jo Bloggs' } })).catch(() => {});
    expect(log.mock.calls.map(([message]) => message)).toEqual([
      'API GET /v1/sign/:token unreachable',
      'API GET /v1/people unreachable',
    ]);
  });
});

describe('call', () => {
  const api = (answer: () => Response) => apiClient('http://api.test', fakeFetch(answer).fetch, 't');

  it('gives the JSON body of a 2xx answer', async () => {
    const client = api(() => json({ recipients: 3, batches: 1 }, 202));
    await expect(call(client.campaigns[':id'].launch.$post({ param: { id: 'c1' } }))).resolves.toEqual({
      recipients: 3,
      batches: 1,
    });
  });

  it('hands a download back as the Response itself, body unread', async () => {
    const client = api(() => new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } }));
    const answer = await call(client.sign[':token']['copy.pdf'].$get({ param: { token: 'x' } }));
    expect(answer).toBeInstanceOf(Response);
    expect(answer.bodyUsed).toBe(false);
    expect(await answer.text()).toBe('%PDF-1.7');
  });

  it('turns the error envelope into an ApiError with its code, message and field errors', async () => {
    const client = api(() =>
      json(
        {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'email: is not an email address',
            details: [
              { path: ['email'], message: 'is not an email address' },
              { path: ['variables', 'headTitle'], message: 'must not be blank' },
              { path: ['email'], message: 'a second message for the same field' },
            ],
          },
        },
        422,
      ),
    );
    const failure = await call(
      client.people.$post({ json: { name: 'A', email: 'a@', schoolId: 's', role: 'staff' } }),
    ).catch((e) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      message: 'email: is not an email address',
      fieldErrors: { email: 'is not an email address', 'variables.headTitle': 'must not be blank' },
    });
  });

  it('gives an error answer without the envelope (a proxy page, a PDF route’s 404) words of its own', async () => {
    const client = api(() => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    await expect(call(client.me.$get())).rejects.toMatchObject({
      status: 502,
      code: 'ERROR',
      message: 'Something went wrong on our side. Try again in a minute.',
    });
    const unauthorised = api(() => new Response(null, { status: 401 }));
    await expect(
      call(unauthorised.campaigns[':id']['signatures.csv'].$get({ param: { id: 'c' } })),
    ).rejects.toMatchObject({ status: 401, message: 'Your session has ended. Sign in again.' });
  });

  it('refuses a 2xx JSON answer it cannot read', async () => {
    const client = api(
      () => new Response('', { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    await expect(call(client.me.$get())).rejects.toMatchObject({ status: 502, code: 'BAD_RESPONSE' });
  });
});
