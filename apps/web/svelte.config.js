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
  },
};

export default config;
