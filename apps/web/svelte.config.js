import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // The web Worker's own wrangler config: it names the API service binding and stops wrangler
    // from walking up to the API's top-level wrangler.toml when `vite dev` emulates the platform.
    adapter: adapter({ config: 'wrangler.toml' }),
    // SvelteKit's origin check on form posts stays on (it is the default; stated so nobody turns it off).
    csrf: { trustedOrigins: [] },
    // A Content-Security-Policy on every page: scripts only from us (SvelteKit adds a nonce or hash
    // to its own inline ones) and from Clerk's sign-in (its hosted frontend and Cloudflare's bot
    // check), no plugins, no framing, forms only to ourselves. Styles may be inline: Svelte's
    // transitions and the sandboxed email preview use them.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', 'https://*.clerk.accounts.dev', 'https://challenges.cloudflare.com'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'https://img.clerk.com'],
        'connect-src': ['self', 'https://*.clerk.accounts.dev'],
        'frame-src': ['self', 'https://challenges.cloudflare.com'],
        'worker-src': ['self', 'blob:'],
        'font-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
