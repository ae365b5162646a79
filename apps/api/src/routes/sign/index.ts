import { createRoute, z } from '@hono/zod-openapi';
import { afterAnswer, createRouter, publicContext } from '../../lib/router.ts';
import { signerEvidence } from '../../lib/signer-evidence.ts';
import { countDoorRequest } from '../../services/links/door-limits.ts';
import { askQuestion } from '../../services/signing/ask-question.ts';
import { getSignedCopy } from '../../services/signing/get-signed-copy.ts';
import { getSigningPage } from '../../services/signing/get-signing-page.ts';
import { recordSignature } from '../../services/signing/record-signature.ts';
import { sendReceipt } from '../../services/signing/send-receipt.ts';
import type { SigningPage } from '../../services/signing/signing-page.ts';
import { badInput, json, jsonBody, pdf, pdfHeaders, text } from '../shared-schemas.ts';
import { errorShape, linkErrors, MessageSchema, TokenParams, tooMany } from './link-schemas.ts';

// The signer's routes: no account and no bearer token, only the link's token in the path. The web
// app's /sign/{token} page calls these server-side. Asking for the link again is the same for
// every purpose of link: routes/links.

const tags = ['Signing'];

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
      const ctx = publicContext(c);
      const { token } = c.req.valid('param');
      await countDoorRequest(ctx, { door: 'question', subject: token, ip: (await signerEvidence(c)).ip });
      const { schoolName } = await askQuestion(ctx, { token, question: c.req.valid('json').question });
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
      const page = await recordSignature(publicContext(c), {
        token: c.req.valid('param').token,
        signature: c.req.valid('json'),
        evidence: await signerEvidence(c),
      });
      // The copy goes out after the answer: a slow mail call never delays "signed".
      await afterAnswer(c, 'receipt', sendReceipt(publicContext(c), c.req.valid('param').token));
      return c.json(asPage(page), 200);
    },
  );
