// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Me } from '$lib/types';

/** The one thing the web Worker needs from a Cloudflare service binding. */
interface ServiceFetcher {
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}

declare global {
  namespace App {
    interface Error {
      message: string;
      /** Stable machine code from the API's error envelope, when there was one. */
      code?: string;
    }
    interface Locals {}
    interface PageData {
      me?: Me;
    }
    interface Platform {
      env?: {
        /** Service binding to the API Worker (production). */
        API?: ServiceFetcher;
        [key: string]: unknown;
      };
    }
  }
}
