import type { FieldDef, QueryArrayResult } from 'pg';

// The wire format of Neon's SQL-over-HTTP endpoint (neondatabase/neon proxy/src/serverless/
// sql_over_http.rs), which `@neondatabase/serverless`'s neon() driver and drizzle's neon-http
// session read. Values are always Postgres's text output: the driver parses types itself.

export interface NeonQuery {
  query: string;
  params?: unknown[];
  /** Per-query override of the Neon-Array-Mode header (Neon accepts it in the body too). */
  arrayMode?: boolean;
}

export interface NeonField {
  name: string;
  dataTypeID: number;
  tableID: number;
  columnID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
  format: 'text';
}

export interface NeonResult {
  rowAsArray: boolean;
  fields: NeonField[];
  rows: (string | null)[][] | Record<string, string | null>[];
  command: string;
  rowCount: number | null;
}

/** The body Neon answers a Postgres error with (HTTP 400); the driver copies every key onto NeonDbError. */
export interface NeonErrorBody {
  message: string;
  code: string | null;
  detail: string | null;
  hint: string | null;
  position: string | null;
  internalPosition: string | null;
  internalQuery: string | null;
  severity: string | null;
  where: string | null;
  table: string | null;
  column: string | null;
  schema: string | null;
  dataType: string | null;
  constraint: string | null;
  file: string | null;
  line: string | null;
  routine: string | null;
}

export type NeonIsolationLevel = 'ReadUncommitted' | 'ReadCommitted' | 'RepeatableRead' | 'Serializable';

const ISOLATION_SQL: Record<NeonIsolationLevel, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
};

export interface BatchOptions {
  isolationLevel?: NeonIsolationLevel;
  readOnly: boolean;
  deferrable: boolean;
}

export class NeonRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NeonRequestError';
  }
}

/** Neon treats anything but the exact string 'true' as false. */
export function headerFlag(value: string | undefined): boolean {
  return value === 'true';
}

export function parseIsolationLevel(value: string | undefined): NeonIsolationLevel | undefined {
  if (value === undefined) return undefined;
  if (value in ISOLATION_SQL) return value as NeonIsolationLevel;
  throw new NeonRequestError('invalid isolation level');
}

export function beginStatement(options: BatchOptions): string {
  const parts = ['BEGIN'];
  if (options.isolationLevel) parts.push(`ISOLATION LEVEL ${ISOLATION_SQL[options.isolationLevel]}`);
  if (options.readOnly) parts.push('READ ONLY');
  if (options.deferrable) parts.push('DEFERRABLE');
  return parts.join(' ');
}

/** Validates `{query, params}` or `{queries: [...]}` the way Neon's untagged serde enum does. */
export function parsePayload(body: unknown): { single: NeonQuery } | { batch: NeonQuery[] } {
  if (isRecord(body) && Array.isArray(body.queries)) {
    return { batch: body.queries.map((q, i) => parseQuery(q, `queries[${i}]`)) };
  }
  return { single: parseQuery(body, 'body') };
}

function parseQuery(value: unknown, where: string): NeonQuery {
  if (!isRecord(value) || typeof value.query !== 'string') {
    throw new NeonRequestError(`${where}: expected an object with a "query" string`);
  }
  if (value.params !== undefined && value.params !== null && !Array.isArray(value.params)) {
    throw new NeonRequestError(`${where}: "params" must be an array`);
  }
  if (value.arrayMode !== undefined && typeof value.arrayMode !== 'boolean') {
    throw new NeonRequestError(`${where}: "arrayMode" must be a boolean`);
  }
  return {
    query: value.query,
    params: (value.params as unknown[] | undefined) ?? [],
    arrayMode: value.arrayMode as boolean | undefined,
  };
}

export function toNeonResult(result: QueryArrayResult, arrayMode: boolean): NeonResult {
  // pg leaves `fields` empty for statements answered with NoData (INSERT without RETURNING, DDL).
  const fields = (result.fields ?? []).map(toNeonField);
  const rows = result.rows as (string | null)[][];
  return {
    rowAsArray: arrayMode,
    fields,
    rows: arrayMode
      ? rows
      : rows.map((row) => Object.fromEntries(fields.map((f, i) => [f.name, row[i] ?? null]))),
    // pg parses the command tag the way Neon does: "INSERT 0 3" -> INSERT/3, "CREATE TABLE" -> CREATE/null.
    command: result.command ?? '',
    rowCount: result.rowCount ?? null,
  };
}

function toNeonField(field: FieldDef): NeonField {
  return {
    name: field.name,
    dataTypeID: field.dataTypeID,
    tableID: field.tableID,
    columnID: field.columnID,
    dataTypeSize: field.dataTypeSize,
    dataTypeModifier: field.dataTypeModifier,
    format: 'text',
  };
}

const ERROR_KEYS = [
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'severity',
  'where',
  'table',
  'column',
  'schema',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

/** True for errors Postgres itself reported (node-postgres's DatabaseError carries a SQLSTATE). */
export function isPostgresError(error: unknown): error is Error & Record<string, unknown> {
  return (
    error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && 'severity' in error
  );
}

export function toNeonErrorBody(error: unknown): NeonErrorBody {
  const source = (isPostgresError(error) ? error : {}) as Record<string, unknown>;
  const body = { message: error instanceof Error ? error.message : String(error) } as NeonErrorBody;
  for (const key of ERROR_KEYS) {
    const value = source[key];
    body[key] = value === undefined || value === null ? null : String(value);
  }
  return body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
