import { DomainError } from './errors.ts';

// Keyset pagination cursors: the sort key of the last row, opaque to clients. Opaque so we can
// change the sort without breaking anyone who stored one.
export function encodeCursor(values: unknown[]): string {
  return btoa(JSON.stringify(values)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string'))
      return values;
  } catch {
    // fall through to the error below
  }
  throw new DomainError(
    'BAD_REQUEST',
    'cursor: this is not a cursor this API gave out. Start again from the first page.',
  );
}
