/** Trimmed text values of a submitted form, for validation and for refilling the form on failure. */
export function formValues(data: FormData, keys: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of keys) {
    const value = data.get(key);
    values[key] = typeof value === 'string' ? value.trim() : '';
  }
  return values;
}

/** Deliberately loose: the API has the final say; this only catches the obvious before a round trip. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** Empty optional text → null, so clearing a field clears it in the API too. */
export function orNull(value: string | undefined): string | null {
  return value ? value : null;
}
