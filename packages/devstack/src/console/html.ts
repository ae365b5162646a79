export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/**
 * The http(s) links of an email, in order and without duplicates: hrefs of its HTML, then bare
 * URLs of its text, so a person can click the signing link from the console.
 */
export function findLinks(html: string | null, text: string | null): string[] {
  const links: string[] = [];
  for (const match of (html ?? '').matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    links.push(decodeEntities((match[1] ?? match[2] ?? '').trim()));
  }
  for (const match of (text ?? '').matchAll(/https?:\/\/[^\s<>"']+/g)) {
    links.push(match[0].replace(/[.,;:!?)\]]+$/, ''));
  }
  return [...new Set(links.filter((link) => /^https?:\/\//i.test(link)))];
}
