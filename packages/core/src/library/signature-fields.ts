// The blanks a signer fills in, as a person would name them. Policies store them as keys
// ("fullName"); everything a person reads (the composer, the signing page, the evidence PDFs) says
// "Full name".

const FIELD_LABELS: Record<string, string> = {
  signature: 'Signature',
  date: 'Date',
  fullName: 'Full name',
  jobTitle: 'Job title',
};

/** "fullName" → "Full name"; a key nobody has named yet reads as words: "employeeNumber" → "Employee number". */
export function signatureFieldLabel(key: string): string {
  const known = FIELD_LABELS[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'A blank to fill in';
}

/** "Signature, Date, Full name and Job title". */
export function signatureFieldsSentence(keys: string[]): string {
  const labels = keys.map(signatureFieldLabel);
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}
