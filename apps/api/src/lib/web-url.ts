import type { AppConfig } from './env.ts';

/** Where the web app lives: every link in every email starts here. */
export const webUrl = (config: Pick<AppConfig, 'PUBLIC_WEB_URL'>) =>
  (config.PUBLIC_WEB_URL ?? 'https://app.attest.example.org').replace(/\/+$/, '');
