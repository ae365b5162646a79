import { describe, expect, it } from 'vitest';
import { cutAtWord, signingRequestEmail, signingRequestSubject } from './signing-request.ts';

const base = {
  personName: 'Sam Patel',
  schoolName: 'Moorthorpe Primary School',
  policyTitle: 'Staff Code of Conduct',
  versionLabel: 'Spring 2027 review',
  dueAt: '2027-01-15',
  message: '',
  link: 'https://attest.example.org/sign/x',
};

describe('the signing request subject', () => {
  it('sets the version label apart from the title and says when it is due', () => {
    expect(signingRequestSubject(base)).toBe(
      'Please read and sign: Staff Code of Conduct (Spring 2027 review), by 15 January',
    );
  });

  it('leaves out the brackets when the version has no label', () => {
    expect(signingRequestSubject({ ...base, versionLabel: '' })).toBe(
      'Please read and sign: Staff Code of Conduct, by 15 January',
    );
  });

  it('cuts a very long title at a word, keeping the label and the due date', () => {
    const subject = signingRequestSubject({
      ...base,
      policyTitle:
        'Acceptable Use of Information and Communication Technology, Mobile Phones, Social Media and Remote Learning Platforms for All Staff and Volunteers',
    });
    expect(subject).toBe(
      'Please read and sign: Acceptable Use of Information and Communication Technology… (Spring 2027 review), by 15 January',
    );
    expect(subject).not.toMatch(/\s…/);
  });

  it('keeps a reminder distinguishable from the first request', () => {
    const reminder = signingRequestSubject({ ...base, reminder: true });
    expect(reminder).toBe(
      'Reminder: please read and sign: Staff Code of Conduct (Spring 2027 review), by 15 January',
    );
    expect(reminder).not.toBe(signingRequestSubject(base));
  });

  it('is what the email itself carries, with the full title and label in its body', () => {
    const email = signingRequestEmail({ ...base, policyTitle: `${'Very long title '.repeat(6)}end` });
    expect(email.subject).toBe(
      signingRequestSubject({ ...base, policyTitle: `${'Very long title '.repeat(6)}end` }),
    );
    expect(email.text).toContain(
      `${'Very long title '.repeat(6)}end (Spring 2027 review) by 15 January 2027`,
    );
  });
});

describe('cutAtWord', () => {
  it('leaves short text alone and cuts long text at the last whole word', () => {
    expect(cutAtWord('Staff Code of Conduct', 60)).toBe('Staff Code of Conduct');
    expect(cutAtWord('one two three four', 12)).toBe('one two…');
  });

  it('cuts a single overlong word where it must', () => {
    expect(cutAtWord('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
  });
});
