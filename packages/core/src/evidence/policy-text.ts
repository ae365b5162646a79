import { signatureFieldsSentence } from '../library/signature-fields.ts';
import type { PdfBlock } from '../pdf/index.ts';

// A signed policy's text as its signer read it, for the people who read evidence: a title, the
// school, the paragraphs, the numbered clauses with their rules, what the signer agreed to and the
// blanks they filled in. The stored text (`canonicalText`, what the fingerprint is of) marks these
// for a computer ("attest-policy-v1", "# ", "## ", "school:", "fields: fullName"); here each
// marker becomes what it stands for and every other line is as stored.

const FORMAT = 'attest-policy-v1';
const SIGNER_AGREES = '## Signer agrees';

export function readablePolicyText(canonicalText: string): PdfBlock[] {
  const lines = canonicalText.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  // Not a format this code wrote: shown as stored rather than guessed at.
  if (lines[0] !== FORMAT) return [{ kind: 'preformatted', text: canonicalText }];
  const blocks: PdfBlock[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) blocks.push({ kind: 'preformatted', text: run.join('\n') });
    run = [];
  };
  // The statements block is the last heading, followed only by "- " lines and the fields line.
  const agreesAt = lines.lastIndexOf(SIGNER_AGREES);
  const statementsFollow =
    agreesAt > 0 &&
    lines.slice(agreesAt + 1).every((l) => l === '' || l.startsWith('- ') || l.startsWith('fields: '));
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      flush();
    } else if (i === 1 && line.startsWith('# ')) {
      blocks.push({ kind: 'heading', level: 3, text: line.slice(2) });
    } else if (i === 2 && line.startsWith('school: ')) {
      blocks.push({ kind: 'paragraph', text: line.slice('school: '.length), bold: true, muted: true });
    } else if (line.startsWith('fields: ') && i === lines.length - 1) {
      flush();
      const keys = line
        .slice('fields: '.length)
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
      blocks.push({ kind: 'paragraph', text: `The signer fills in: ${signatureFieldsSentence(keys)}.` });
    } else if (i === agreesAt && statementsFollow) {
      flush();
      blocks.push({ kind: 'heading', level: 3, text: 'What the signer agrees to' });
    } else if (line.startsWith('## ')) {
      flush();
      blocks.push({ kind: 'heading', level: 3, text: line.slice(3) });
    } else if (/^(\d+\. |\s+- |- )/.test(line)) {
      // Numbered clauses, their nested rules and the statements stay line for line.
      run.push(line);
    } else {
      flush();
      blocks.push({ kind: 'paragraph', text: line });
    }
  }
  flush();
  return blocks;
}
