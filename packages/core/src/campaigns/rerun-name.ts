// Next year's round of a campaign is named after this year's: the academic year in the name moves
// on by one ("Staff AUP 2026/27" → "Staff AUP 2027/28"); a name without one gets "(again)".

const ACADEMIC_YEAR = /(\d{4})(\s*[/\-–]\s*)(\d{4}|\d{2})(?!\d)/g;
const AGAIN = ' (again)';
const MAX_NAME = 200;

export function rerunName(name: string): string {
  const matches = [...name.matchAll(ACADEMIC_YEAR)];
  // The last academic year in the name is the campaign's own (an earlier one may be a policy's).
  const last = matches.findLast((m) => {
    const start = Number(m[1]);
    const end = m[3]!;
    return end.length === 4 ? Number(end) === start + 1 : Number(end) === (start + 1) % 100;
  });
  if (last) {
    const start = Number(last[1]) + 1;
    const end = last[3]!.length === 4 ? String(start + 1) : String((start + 1) % 100).padStart(2, '0');
    const moved = `${name.slice(0, last.index)}${start}${last[2]}${end}${name.slice(last.index + last[0].length)}`;
    return moved.slice(0, MAX_NAME);
  }
  const base = name.endsWith(AGAIN) ? name.slice(0, -AGAIN.length) : name;
  return `${base.slice(0, MAX_NAME - AGAIN.length)}${AGAIN}`;
}
