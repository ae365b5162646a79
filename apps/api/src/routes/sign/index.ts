import { createResendSender } from '@attest/email';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/router.ts';
import {
  getSignedCopy,
  getSigningPage,
  recordSignature,
  type SigningPage,
  sendReceipt,
} from '../../services/signing/signing.ts';
import { badInput, json, pdf, pdfHeaders, text } from '../shared-schemas.ts';

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
  410: json(errorShape, 'Expired (LINK_EXPIRED) or withdrawn (LINK_WITHDRAWN)'),
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

export const signRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{token}',
      tags,
      summary: 'What the signer reads: the policy version, the statements, and whether they have signed',
      request: { params: TokenParams },
      responses: { 200: json(SigningPageSchema, 'The signing page'), ...linkErrors },
    }),
    async (c) => c.json(asPage(await getSigningPage(c.var.db, c.req.valid('param').token)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{token}/copy.pdf',
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
      const file = await getSignedCopy(c.var.db, c.req.valid('param').token);
      return c.body(file.bytes, 200, pdfHeaders(file.fileName)) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{token}',
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
      responses: { 200: json(SigningPageSchema, 'Signed'), ...badInput, ...linkErrors },
    }),
    async (c) => {
      const forwarded =
        c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? null;
      const page = await recordSignature(c.var.db, c.req.valid('param').token, c.req.valid('json'), {
        ip: forwarded,
        userAgent: c.req.header('user-agent')?.slice(0, 500) ?? null,
      });
      const config = c.var.config;
      const receipt = sendReceipt(
        c.var.db,
        {
          sender: createResendSender({
            apiKey: config.RESEND_API_KEY ?? 're_missing',
            baseUrl: config.RESEND_BASE_URL,
          }),
          config,
        },
        c.req.valid('param').token,
      ).catch((error) =>
        console.error(JSON.stringify({ level: 'error', msg: 'receipt not sent', error: String(error) })),
      );
      // In a Worker the copy goes out after the answer; elsewhere (tests), before it.
      try {
        c.executionCtx.waitUntil(receipt);
      } catch {
        await receipt;
      }
      return c.json(asPage(page), 200);
    },
  );
