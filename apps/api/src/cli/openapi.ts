import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createApp } from '../app.ts';
import { OPENAPI_CONFIG } from '../openapi.ts';

// Writes the API's OpenAPI document to a file, from the app itself and without a server, so a
// linter (and client generators) can read exactly what GET /openapi.json serves:
//   tsx apps/api/src/cli/openapi.ts [OUT]   (default .data/openapi.json)

const out = process.argv[2] ?? '.data/openapi.json';
const doc = createApp().getOpenAPI31Document(OPENAPI_CONFIG);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
console.error(`openapi: wrote ${out} (${Object.keys(doc.paths ?? {}).length} paths)`);
