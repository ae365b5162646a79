import { describe, expect, it } from 'vitest';
import { comparableWording, foldSpelling, repeatsWording, sameWording } from './spelling.ts';

describe('spelling variants', () => {
  it('folds the spellings English schools use for one word, keeping case', () => {
    expect(foldSpelling('any on-line activity; the On-Line Safety Leader; e-mail; log-in; up-load')).toBe(
      'any online activity; the Online Safety Leader; email; login; upload',
    );
    expect(foldSpelling('I realize the organization will authorize it')).toBe(
      'I realise the organisation will authorise it',
    );
    expect(foldSpelling('anti-virus and antivirus; web site; color; center; analyzed')).toBe(
      'antivirus and antivirus; website; colour; centre; analysed',
    );
  });

  it('leaves words where only one spelling is right', () => {
    expect(foldSpelling('the size of the prize; seize; a citizen; a parking meter')).toBe(
      'the size of the prize; seize; a citizen; a parking meter',
    );
  });

  it('treats wordings that differ only in spelling, quotes, spaces or a final full stop as the same', () => {
    expect(
      sameWording(
        'I will not engage in any on-line activity that may compromise my professional responsibilities.',
        'I will not engage in any online activity that may compromise my professional responsibilities.',
      ),
    ).toBe(true);
    expect(
      sameWording(
        'I will avoid opening personal e-mail on the school’s computers',
        "I will avoid opening personal email on the school's  computers.",
      ),
    ).toBe(true);
    expect(sameWording('I will not open e-mail attachments.', 'I will not open email links.')).toBe(false);
    expect(sameWording('I will report it to the Head.', 'I will report it to the head.')).toBe(false);
    expect(comparableWording(' On-line  safety. ')).toBe('Online safety');
  });

  it('knows when one wording opens by repeating another', () => {
    const short =
      'I will not engage in any online activity that may compromise my professional responsibilities.';
    const long =
      'I will not engage in any on-line activity that may compromise my professional responsibilities or compromise the reputation of the school. This includes not being friends on social media with parents.';
    expect(repeatsWording(long, short)).toBe(true);
    expect(repeatsWording(short, long)).toBe(false);
    expect(repeatsWording(short, short.replace('online', 'on-line'))).toBe(true);
    expect(
      repeatsWording('I will not engage in any online activity at all.', 'I will not engage in any online'),
    ).toBe(false);
  });
});
