/**
 * For hooks and tests that start PGlite. Usually about a second, but the first start on a machine
 * (or a CI run without node_modules/.cache) runs initdb in WASM to build the cluster template,
 * 5-15 s on a small machine while the other test files wait for it; vitest's 10 s hook default
 * would fail that run.
 */
export const STARTUP_TIMEOUT_MS = 120_000;
