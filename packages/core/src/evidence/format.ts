// How evidence reads: dates as people in English schools write them, in Europe/London whatever
// the server's zone; browsers as a person would name them; file names that survive any download.

const TIME_ZONE = 'Europe/London';
const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: TIME_ZONE,
});

/** "30 September 2026". */
export const londonDate = (d: Date | string) => dateFormat.format(new Date(d));

/** "30 September 2026 at 14:05" (UK time, 24-hour clock). */
export const londonDateTime = (d: Date | string) =>
  `${dateFormat.format(new Date(d))} at ${timeFormat.format(new Date(d))}`;

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/OPR\/(\d+)/, 'Opera'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'Mac'],
  [/Linux/, 'Linux'],
];

/**
 * "Chrome 126 on Windows", "Safari 17 on iPhone": enough to tell devices apart in a table. What
 * it does not recognise is kept, cut to 60 characters; the full string stays in the CSV.
 */
export function shortUserAgent(ua: string | null | undefined): string {
  if (!ua) return 'Not recorded';
  const browser = BROWSERS.map(([re, name]) => {
    const m = re.exec(ua);
    return m ? `${name} ${m[1]}` : null;
  }).find(Boolean);
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  const trimmed = ua.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed;
}

/** "Moorthorpe Primary School" → "moorthorpe-primary-school", at most `max` characters, cut at a hyphen. */
export function slug(text: string, max = 40): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length <= max) return s;
  const cut = s.slice(0, max + 1);
  const at = cut.lastIndexOf('-');
  return (at > max / 2 ? cut.slice(0, at) : s.slice(0, max)).replace(/-+$/, '');
}

/** A download's file name: ASCII, lowercase, no quotes, never empty. */
export const pdfFileName = (...parts: string[]) =>
  `${
    parts
      .map((p) => slug(p))
      .filter(Boolean)
      .join('-') || 'document'
  }.pdf`;
