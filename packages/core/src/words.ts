// Counts in words, for every sentence a person reads with a number in it: the web pages, the
// audit log's summaries, the evidence PDFs. "1 imported policies" is how a product loses trust.

/** "1 policy", "2 policies", "1,204 people": the count (UK grouping) and the right noun. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** The verb that agrees with a count: `${plural(n, 'person', 'people')} ${agree(n, 'has', 'have')} signed`. */
export function agree(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
