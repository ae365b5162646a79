/** Values for `{{school.x}}` variables, flat (`{ 'school.name': '…' }`) or nested (`{ school: { name } }`). */
export interface TemplateVars {
  [key: string]: string | TemplateVars;
}

export interface RenderedTemplate {
  text: string;
  /** Variables the text uses that `vars` does not define, in order of first use; left as written. */
  unknown: string[];
}

const VARIABLE = /\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}\}/g;

function lookup(vars: TemplateVars, path: string): string | undefined {
  const flat = vars[path];
  if (typeof flat === 'string') return flat;
  let current: string | TemplateVars | undefined = vars;
  for (const part of path.split('.')) {
    if (current === undefined || typeof current === 'string') return undefined;
    current = current[part];
  }
  return typeof current === 'string' ? current : undefined;
}

/** Lists the variables a template uses, in order of first use. */
export function templateVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    const name = match[1];
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Fills `{{school.name}}`-style variables; unknown ones stay in the text and are reported. */
export function renderTemplate(text: string, vars: TemplateVars): RenderedTemplate {
  const unknown: string[] = [];
  const rendered = text.replace(VARIABLE, (whole, name: string) => {
    const value = lookup(vars, name);
    if (value !== undefined) return value;
    if (!unknown.includes(name)) unknown.push(name);
    return whole;
  });
  return { text: rendered, unknown };
}
