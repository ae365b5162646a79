// The type the web app's `hc` client is built from. A type-only module, so importing it pulls no
// server code into the web bundle.
export type { AppType } from './app.ts';
