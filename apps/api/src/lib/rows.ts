import { z } from 'zod';
import { fromJson, fromPgArray } from './pg-values.ts';

// The one boundary where raw SQL results become typed values. A query's rows are parsed with the
// zod schema written beside the query, so a renamed or retyped column fails loudly at that query
// (and in its tests) instead of flowing on as `undefined`. Drivers differ in what they hand back
// (the HTTP driver parses dates and JSON, the wire protocol may not), so the column helpers below
// accept either form and give one.

/** timestamptz: a Date or its text, as an ISO string. */
export const timestampColumn = z.union([z.string(), z.date()]).transform((v) => new Date(v).toISOString());
/** A count or other integer, however the driver sent it (bigint arrives as text). */
export const intColumn = z.union([z.number(), z.string()]).transform((v) => Number(v));
/** json/jsonb, parsed or as text. */
export const jsonColumn = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => fromJson(v as unknown), schema);
/** A Postgres text[] or enum[], parsed or as '{a,b}'. */
export const textArrayColumn = z.preprocess(
  (v) => fromPgArray(v as string[] | string | null),
  z.array(z.string()),
);

export class RowShapeError extends Error {
  constructor(query: string, issues: z.core.$ZodIssue[]) {
    super(
      `${query}: the database answered a row of an unexpected shape (${issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')})`,
    );
    this.name = 'RowShapeError';
  }
}

/** Every row of a result, parsed. `result` is what db.execute (or one db.batch entry) answered. */
export function rowsOf<S extends z.ZodType>(query: string, schema: S, result: unknown): z.infer<S>[] {
  const rows = (result as { rows?: unknown[] } | null)?.rows ?? [];
  const parsed = z.array(schema).safeParse(rows);
  if (!parsed.success) throw new RowShapeError(query, parsed.error.issues);
  return parsed.data;
}

/** The first row, parsed, or undefined when there is none. */
export function firstRowOf<S extends z.ZodType>(
  query: string,
  schema: S,
  result: unknown,
): z.infer<S> | undefined {
  const first = (result as { rows?: unknown[] } | null)?.rows?.[0];
  return first === undefined ? undefined : rowsOf(query, schema, { rows: [first] })[0];
}
