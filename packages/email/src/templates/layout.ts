// Plain, accessible HTML email: one column, system fonts, no images or remote assets (many school
// mail systems block them), and a text part that says the same.

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

export function emailLayout(opts: {
  preheader: string;
  heading: string;
  bodyHtml: string;
  footer: string;
}): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(opts.heading)}</title></head>
<body style="margin:0;padding:0;background:#f5f7fa;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1c2430">
<span style="display:none;max-height:0;overflow:hidden">${escapeHtml(opts.preheader)}</span>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" style="max-width:560px;background:#ffffff;border-radius:8px;border:1px solid #d6dbe3" cellpadding="0" cellspacing="0"><tr><td style="padding:24px">
<h1 style="font-size:20px;line-height:1.3;margin:0 0 16px">${escapeHtml(opts.heading)}</h1>
${opts.bodyHtml}
</td></tr></table>
<p style="font-size:12px;color:#5b6472;max-width:560px;margin:16px auto 0">${escapeHtml(opts.footer)}</p>
</td></tr></table></body></html>`;
}
