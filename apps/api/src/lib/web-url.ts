import type { AppConfig } from './env.ts';

/**
 * Where the web app lives: every link in every email starts here. The setting is required (and in
 * production must be a real https address), so no link is ever built on a placeholder host.
 */
export const webUrl = (config: Pick<AppConfig, 'PUBLIC_WEB_URL'>) =>
  config.PUBLIC_WEB_URL.replace(/\/+$/, '');
