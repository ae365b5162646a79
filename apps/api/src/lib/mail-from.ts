import type { AppConfig } from './env.ts';

/**
 * "Castle Lane Primary School via Attest" <no-reply@…>: mail to staff comes from their school, by
 * name, at our address (MAIL_FROM's). The name is quoted: school names carry apostrophes and commas.
 */
export function fromSchool(config: AppConfig, schoolName: string) {
  const address = /<([^>]+)>/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM;
  return `"${schoolName.replace(/["\\]/g, '')} via Attest" <${address}>`;
}
