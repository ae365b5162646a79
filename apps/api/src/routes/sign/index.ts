import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.ts';
import { createRouter, publicContext } from '../../lib/router.ts';
import { requestFreshLinkByToken, requestLinksByEmail } from '../../services/links/request-links.ts';
import { askQuestion } from '../../services/signing/ask-question.ts';
import {
  getSignedCopy,
  getSigningPage,
  recordSignature,
  type SigningPage,
  sendReceipt,
} from '../../services/signing/signing.ts';
import { badInput, json, jsonBody, pdf, pdfHeaders, text } from '../shared-schemas.ts';

// The signer's routes: no account and no bearer token, only the link's token in the path. The web
// app's /sign/{token} page calls these server-side.

const tags = ['Signing'];
const TokenParams = z.object({
  token: z
    .string()
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});
const errorShape = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const linkErrors = {
  404: json(errorShape, 'Unknown link (LINK_NOT_FOUND)'),
  410: json(errorShape, 'Expired (LINK_EXPIRED), withdrawn (LINK_WITHDRAWN) or closed (REQUEST_CLOSED)'),
} as const;

const SigningPageSchema = z
  .object({
    status: z.enum(['pending', 'signed']),
    schoolName: z.string(),
    campaignName: z.string(),
    dueAt: z.string(),
    person: z.object({ name: z.string(), jobTitle: z.string().nullable() }),
    policy: z.object({ versionId: z.uuid(), label: z.string(), sha256: z.string(), content: z.any() }),
    statements: z.array(z.string()),
    signature: z
      .object({ signedAt: z.string(), typedName: z.string(), jobTitle: z.string().nullable() })
      .nullable(),
    changesSinceLastSigned: z.any().nullable(),
  })
  .openapi('SigningPage');

const asPage = (p: SigningPage) => p as z.infer<typeof SigningPageSchema>;

const MessageSchema = z.object({ message: z.string() }).openapi('SignerMessage');
const tooMany = { 429: json(errorShape, 'Asked too often (TOO_MANY_REQUESTS)') } as const;

/** Work that must not hold up (or time) the answer: after it in a Worker, before it in tests. */
async function afterAnswer(c: Context<AppEnv>, what: string, work: Promise<unknown>) {
  const logged = work.catch((error) =>
    console.error(JSON.stringify({ level: 'error', msg: `${what} failed`, error: String(error) })),
  );
  try {
    c.executionCtx.waitUntil(logged);
  } catch {
    await logged;
  }
}

const SENT_IF_KNOWN =
  'If that address has a policy waiting to be signed, we have emailed a link to it. Check your inbox (and spam folder) in a few minutes.';

export const signRouter = createRouter()
  // Registered before the `/{token}` routes, which would otherwise take "fresh-link" for a token.
  .openapi(
    createRoute({
      method: 'post',
      path: '/fresh-link',
      operationId: 'requestSigningLinks',
      security: [],
      tags,
      summary:
        'Email me my link: every open request for that address gets its link. Answers the same whether or not the address is known',
      request: { body: jsonBody(z.object({ email: z.email().max(320) }).strict()) },
      responses: { 202: json(MessageSchema, 'Accepted (whatever the address)'), ...badInput },
    }),
    async (c) => {
      await afterAnswer(c, 'link request', requestLinksByEmail(publicContext(c), c.req.valid('json').email));
      return c.json({ message: SENT_IF_KNOWN }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{token}/fresh-link',
      operationId: 'requestFreshSigningLink',
      security: [],
      tags,
      summary:
        'Email me a fresh link, from an expired one: the old link is replaced and a new one goes to the address on record',
      request: { params: TokenParams },
      responses: {
        202: json(MessageSchema, 'A link is on its way (at most one email per 10 minutes)'),
        409: json(errorShape, 'Already signed'),
        ...linkErrors,
      },
    }),
    async (c) => {
      await requestFreshLinkByToken(publicContext(c), c.req.valid('param').token);
      return c.json(
        {
          message:
            'We have emailed a new link to the address your school has for you. It can take a few minutes to arrive.',
        },
        202,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{token}/questions',
      operationId: 'askSigningQuestion',
      security: [],
      tags,
      summary: 'I have a question: sent to the school (its head and school admins), who reply by email',
      request: { params: TokenParams, body: jsonBody(z.object({ question: text(2000) }).strict()) },
      responses: { 201: json(MessageSchema, 'Sent to the school'), ...badInput, ...linkErrors, ...tooMany },
    }),
    async (c) => {
      const { schoolName } = await askQuestion(
        publicContext(c),
        c.req.valid('param').token,
        c.req.valid('json').question,
      );
      return c.json({ message: `Your question has gone to ${schoolName}. They will reply by email.` }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{token}',
      operationId: 'getSigningPage',
      security: [],
      tags,
      summary: 'What the signer reads: the policy version, the statements, and whether they have signed',
      request: { params: TokenParams },
      responses: { 200: json(SigningPageSchema, 'The signing page'), ...linkErrors },
    }),
    async (c) => c.json(asPage(await getSigningPage(publicContext(c), c.req.valid('param').token)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{token}/copy.pdf',
      operationId: 'getSignedCopyPdf',
      security: [],
      tags,
      summary: 'The signer’s copy as a PDF: the exact text signed, its SHA-256, what they ticked and when',
      request: { params: TokenParams },
      responses: {
        200: pdf('The signed copy, A4'),
        ...linkErrors,
        409: json(errorShape, 'Not signed yet (NOT_SIGNED): there is no copy until there is a signature'),
      },
    }),
    async (c) => {
      const file = await getSignedCopy(publicContext(c), c.req.valid('param').token);
      return c.body(file.bytes, 200, pdfHeaders(file.fileName)) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{token}',
      operationId: 'signPolicy',
      security: [],
      tags,
      summary:
        'Sign. Repeating it (double submit, retry, two tabs) records one signature and answers the same',
      request: {
        params: TokenParams,
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  versionId: z.uuid().optional().openapi({
                    description:
                      'The version shown to the signer; if it is no longer theirs, 409 VERSION_CHANGED',
                  }),
                  typedName: text(200),
                  jobTitle: text(200).nullable().optional(),
                  statements: z.array(z.string().max(2000)).max(20),
                })
                .strict(),
            },
          },
          required: true,
        },
      },
      responses: {
        200: json(SigningPageSchema, 'Signed'),
        409: json(errorShape, "The version shown is no longer this link's (VERSION_CHANGED)"),
        ...badInput,
        ...linkErrors,
      },
    }),
    async (c) => {
      const forwarded =
        c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? null;
      const page = await recordSignature(publicContext(c), {
        token: c.req.valid('param').token,
        signature: c.req.valid('json'),
        evidence: { ip: forwarded, userAgent: c.req.header('user-agent')?.slice(0, 500) ?? null },
      });
      // The copy goes out after the answer: a slow mail call never delays "signed".
      await afterAnswer(c, 'receipt', sendReceipt(publicContext(c), c.req.valid('param').token));
      return c.json(asPage(page), 200);
    },
  );
