// Values as raw SQL (db.execute) answers them. JSON columns and json_agg results arrive parsed
// from some drivers and as text from others; Postgres arrays of text or enums arrive as
// '{a,b}' over the text protocol. One place decodes both, so every service reads them the same way.

export const fromJson = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export const fromPgArray = <T extends string>(v: T[] | string | null): T[] =>
  Array.isArray(v)
    ? v
    : ((v ?? '')
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean) as T[]);

/** Today's date where the schools are (YYYY-MM-DD, Europe/London). */
export const londonDay = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);
