import { membershipRoles } from '@attest/core';
import { z } from '@hono/zod-openapi';
import { listQuery, searchText, text } from '../shared-schemas.ts';

export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('is not an email address'))
  .transform((e) => e.toLowerCase())
  .openapi({ example: 'j.smith@moorthorpe.example.org' });

export const PersonSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    jobTitle: z.string().nullable(),
    memberships: z.array(
      z.object({
        schoolId: z.uuid(),
        schoolName: z.string(),
        role: z.enum(membershipRoles),
        joinedAt: z.string(),
        leftAt: z.string().nullable(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Person');

export const PersonInputSchema = z
  .object({
    name: text(200).openapi({ example: 'Jo Smith' }),
    email,
    jobTitle: text(200).nullable().optional().openapi({ example: 'Class Teacher' }),
    schoolId: z.uuid(),
    role: z.enum(membershipRoles),
  })
  .strict()
  .openapi('PersonInput');

export const PersonPatchSchema = z
  .object({ name: text(200), email, jobTitle: text(200).nullable() })
  .partial()
  .strict()
  .openapi('PersonPatch');

export const MembershipChangeSchema = z.object({ schoolId: z.uuid() }).strict().openapi('MembershipChange');

export const ListPeopleQuery = listQuery({
  schoolId: z.uuid().optional(),
  role: z.enum(membershipRoles).optional(),
  q: searchText,
  status: z.enum(['active', 'left', 'all']).default('active'),
});
