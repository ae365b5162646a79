import { z } from '@hono/zod-openapi';
import { text } from '../shared-schemas.ts';

export const phases = ['nursery', 'primary', 'secondary', 'all-through', 'special', 'alternative'] as const;

const variable = z.string().trim().max(120, 'must be at most 120 characters');

export const SchoolVariablesSchema = z
  .object({
    headTitle: variable.openapi({ example: 'Headteacher' }),
    misName: variable.openapi({ example: 'Arbor' }),
    dslTitle: variable.openapi({ example: 'Designated Safeguarding Lead' }),
    onlineSafetyLead: variable.openapi({ example: 'Online Safety Coordinator' }),
    governingBody: variable.openapi({ example: 'Governing Board' }),
  })
  .openapi('SchoolVariables');

export const SchoolSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    urn: z.string().nullable(),
    phase: z.enum(phases).nullable(),
    variables: SchoolVariablesSchema,
    counts: z.object({ active: z.number().int(), left: z.number().int() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('School');

export const SchoolInputSchema = z
  .object({
    name: text(200).openapi({ example: 'Moorthorpe Primary School' }),
    urn: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'must be the six-digit Unique Reference Number')
      .nullable()
      .optional(),
    phase: z.enum(phases).nullable().optional(),
    variables: SchoolVariablesSchema.partial().strict().optional(),
  })
  .strict()
  .openapi('SchoolInput');

export const SchoolPatchSchema = SchoolInputSchema.partial().strict().openapi('SchoolPatch');

export const ImportReportSchema = z
  .object({
    summary: z.object({
      total: z.number().int(),
      added: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.number().int(),
    }),
    rows: z.array(
      z.object({
        row: z.number().int().openapi({ description: 'Line in the file; the header is line 1' }),
        status: z.enum(['added', 'updated', 'unchanged', 'rejected']),
        name: z.string().nullable(),
        email: z.string().nullable(),
        errors: z.array(z.string()),
      }),
    ),
    left: z.array(z.object({ personId: z.uuid(), name: z.string(), email: z.string() })).openapi({
      description:
        'With ?missing=leave: the people at the school the file no longer lists, now marked as left',
    }),
  })
  .openapi('ImportReport');
