import type { PublishResult } from './types';
import { listSentence, plural } from './utils';

/**
 * One sentence for what publishing did: "Published version 3 at Moorthorpe Primary School;
 * unchanged at 4 schools." Names schools while the list is short, counts them when it is not.
 */
export function publishSummary(results: PublishResult[]): string {
  const published = results.filter((r) => r.status === 'published');
  const unchanged = results.filter((r) => r.status === 'unchanged');
  const parts: string[] = [];
  if (published.length > 0 && published.length <= 3) {
    parts.push(`Published ${listSentence(published.map((r) => `version ${r.version} at ${r.schoolName}`))}`);
  } else if (published.length > 3) {
    const byVersion = new Map<number, number>();
    for (const r of published) byVersion.set(r.version, (byVersion.get(r.version) ?? 0) + 1);
    parts.push(
      `Published ${listSentence(
        [...byVersion.entries()]
          .sort(([a], [b]) => b - a)
          .map(([version, n]) => `version ${version} at ${plural(n, 'school')}`),
      )}`,
    );
  }
  if (unchanged.length > 0) {
    const where =
      unchanged.length <= 2
        ? listSentence(unchanged.map((r) => r.schoolName))
        : plural(unchanged.length, 'school');
    parts.push(
      published.length > 0
        ? `unchanged at ${where}`
        : `Nothing has changed since the last version at ${where}, so nothing new was published`,
    );
  }
  const sentence = parts.join('; ');
  return sentence ? `${sentence}.` : 'Nothing was published.';
}
