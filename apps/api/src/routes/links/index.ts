import { createRoute, z } from '@hono/zod-openapi';
import { afterAnswer, createRouter, publicContext } from '../../lib/router.ts';
import { signerEvidence } from '../../lib/signer-evidence.ts';
import { countDoorRequest } from '../../services/links/door-limits.ts';
import { requestFreshLinkByToken } from '../../services/links/request-fresh-link-by-token.ts';
import { requestLinksByEmail } from '../../services/links/request-links-by-email.ts';
import { badInput, json, jsonBody } from '../shared-schemas.ts';
import { errorShape, linkErrors, MessageSchema, TokenParams, tooMany } from '../sign/link-schemas.ts';

// Asking for an emailed link again, for every purpose of link (signing a policy today; loan
// agreements, device checks, exception requests next): by the link itself when it has expired,
// or by address from a page that did not recognise the link. Public: no account, so each is
// rate-limited per address (or link) and per IP per day (services/links/door-limits.ts).

const tags = ['Links'];

const SENT_IF_KNOWN =
  'If that address has anything from a school waiting for you, we have emailed your links to it. Check your inbox (and spam folder) in a few minutes.';

export const linksRouter = createRouter()
  // Registered before the `/{token}` route, which would otherwise take "fresh-link" for a token.
  .openapi(
    createRoute({
      method: 'post',
      path: '/fresh-link',
      operationId: 'requestMyLinks',
      security: [],
      tags,
      summary:
        'Email me my links: one message listing every open task for that address, each with its link. Answers the same whether or not the address is known',
      request: { body: jsonBody(z.object({ email: z.email().max(320) }).strict()) },
      responses: { 202: json(MessageSchema, 'Accepted (whatever the address)'), ...badInput, ...tooMany },
    }),
    async (c) => {
      const ctx = publicContext(c);
      const { email } = c.req.valid('json');
      // Counted whether or not the address is known: the 429 says nothing about who we hold.
      await countDoorRequest(ctx, {
        door: 'links-by-address',
        subject: email,
        ip: (await signerEvidence(c)).ip,
      });
      await afterAnswer(c, 'link request', requestLinksByEmail(ctx, email));
      return c.json({ message: SENT_IF_KNOWN }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{token}/fresh-link',
      operationId: 'requestFreshLink',
      security: [],
      tags,
      summary:
        'Email me a fresh link, from an expired one: the old link is replaced and a new one goes to the address on record',
      request: { params: TokenParams },
      responses: {
        202: json(MessageSchema, 'A link is on its way (at most one email per 10 minutes)'),
        409: json(errorShape, 'Already done (signed, accepted)'),
        ...linkErrors,
        ...tooMany,
      },
    }),
    async (c) => {
      const ctx = publicContext(c);
      const { token } = c.req.valid('param');
      await countDoorRequest(ctx, { door: 'fresh-link', subject: token, ip: (await signerEvidence(c)).ip });
      await requestFreshLinkByToken(ctx, token);
      return c.json(
        {
          message:
            'We have emailed a new link to the address your school has for you. It can take a few minutes to arrive.',
        },
        202,
      );
    },
  );
