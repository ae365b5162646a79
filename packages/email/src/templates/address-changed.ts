import { emailLayout, escapeHtml } from './layout.ts';

export interface AddressChangedInput {
  personName: string;
  /** The schools the person is at in that trust, by name. */
  schoolNames: string[];
}

/**
 * Sent to the old address when a school changes a person's email address: links sent here have
 * stopped working, and the person should say so if they did not expect the change. The new address
 * is not named: the old inbox may no longer be the person's.
 */
export function addressChangedEmail(input: AddressChangedInput) {
  const schools = input.schoolNames.join(', ') || 'your school';
  const subject = `Your email address at ${schools} has been changed`;
  const lines = [
    `Dear ${input.personName},`,
    '',
    `${schools} has changed the email address it uses for you in Attest. From now on, requests to read and sign policies go to the new address.`,
    '',
    'Any links sent to this address before have stopped working.',
    '',
    `If you did not expect this, contact ${schools} straight away.`,
  ];
  const html = emailLayout({
    preheader: `${schools} has changed the email address it uses for you.`,
    heading: 'Your email address has been changed',
    bodyHtml: lines
      .filter(Boolean)
      .map((l) => `<p style="margin:0 0 12px">${escapeHtml(l)}</p>`)
      .join('\n'),
    footer: `Sent by Attest for ${schools}.`,
  });
  return { subject, text: lines.join('\n'), html };
}
