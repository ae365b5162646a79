import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './session';

describe('safeRedirectTarget', () => {
  it('keeps a path of our own, with its query and fragment', () => {
    expect(safeRedirectTarget('/campaigns/abc?school=x#questions')).toBe('/campaigns/abc?school=x#questions');
  });

  it('refuses anything that could leave the site, control characters included', () => {
    for (const target of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      '/\t/evil.example/',
      '/\n/evil.example/',
      '/\r\n/evil.example',
      '/%0d%0aSet-Cookie:x=1'.replace('%0d%0a', '\r\n'),
      '/ok\u0000',
      'javascript:alert(1)',
      '/sign-in?redirectTo=/sign-in',
      '/sign-out',
      '',
      null,
      undefined,
    ]) {
      expect({ target, safe: safeRedirectTarget(target) }).toEqual({ target, safe: '/' });
    }
  });
});
