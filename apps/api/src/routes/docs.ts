import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context.ts';

// The browsable reference is rendered here, from the same document as /openapi.json, rather than
// by a hosted viewer: those load their scripts from a CDN, and the local stack has no internet.

const escapeHtml = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

type Doc = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

function schemaText(schema: unknown): string {
  return JSON.stringify(schema, null, 2);
}

export function renderDocsPage(doc: Doc): string {
  const ops: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    // biome-ignore lint/suspicious/noExplicitAny: walking a JSON document of any shape
    for (const [method, op] of Object.entries(item ?? {}) as [string, Record<string, any>][]) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const params = (op.parameters ?? []) as {
        name: string;
        in: string;
        required?: boolean;
        schema?: unknown;
      }[];
      const body = op.requestBody?.content
        ? Object.entries(op.requestBody.content as Record<string, { schema: unknown }>)
        : [];
      ops.push(`<section class="op">
  <h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
  <p>${escapeHtml(op.summary)}</p>${op.description ? `<p class="d">${escapeHtml(op.description)}</p>` : ''}
  ${params.length ? `<h4>Parameters</h4><ul>${params.map((p) => `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}${p.required ? ', required' : ''})</li>`).join('')}</ul>` : ''}
  ${body.map(([type, c]) => `<h4>Body <small>${escapeHtml(type)}</small></h4><pre>${escapeHtml(schemaText(c.schema))}</pre>`).join('')}
  <h4>Responses</h4><ul>${Object.entries(op.responses as Record<string, { description: string }>)
    .map(([code, r]) => `<li><b>${escapeHtml(code)}</b> ${escapeHtml(r.description)}</li>`)
    .join('')}</ul>
</section>`);
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(
      ([name, s]) =>
        `<section class="op"><h3 id="${escapeHtml(name)}">${escapeHtml(name)}</h3><pre>${escapeHtml(schemaText(s))}</pre></section>`,
    )
    .join('');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 1.5rem;color:#1c2430}
h1{font-size:1.6rem}.op{border:1px solid #d6dbe3;border-radius:8px;padding:.5rem 1rem;margin:1rem 0}
.m{display:inline-block;min-width:4.2em;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:2px 6px}
.get{background:#1f6feb}.post{background:#1a7f37}.patch{background:#9a6700}.delete{background:#cf222e}
pre{background:#f5f7fa;padding:.5rem;overflow:auto;font-size:.8rem;max-height:24rem}.d{color:#4b5563}</style></head>
<body><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description)} Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p>
<p>Authenticated routes take <code>Authorization: Bearer &lt;session token&gt;</code>. Errors are
<code>{ "error": { "code", "message", "details?" } }</code>.</p>
<h2>Endpoints</h2>${ops.join('\n')}<h2>Schemas</h2>${schemas}</body></html>`;
}
