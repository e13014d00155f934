import type { FieldIssue } from '../api/client.ts';

export interface FormFieldError {
  name: (string | number)[];
  errors: string[];
}

/**
 * Turns the server's field issues ("tolerances.spi.amber", "gates.0.quorum") into antd
 * Form field errors, so the message shows under the right input. `prefix` maps a reply path
 * into a nested form (e.g. ['definition']) and issues it names are stripped of it.
 */
export function issuesToFieldErrors(
  issues: readonly FieldIssue[],
  knownFields?: readonly string[],
  strip: string[] = [],
): {
  fields: FormFieldError[];
  unmatched: FieldIssue[];
} {
  const fields = new Map<string, FormFieldError>();
  const unmatched: FieldIssue[] = [];
  for (const issue of issues) {
    let parts: (string | number)[] = issue.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    for (const s of strip) if (parts[0] === s) parts = parts.slice(1);
    const top = String(parts[0] ?? '');
    if (parts.length === 0 || (knownFields && !knownFields.includes(top))) {
      unmatched.push(issue);
      continue;
    }
    const key = parts.join('.');
    const entry = fields.get(key) ?? { name: parts, errors: [] };
    entry.errors.push(issue.message);
    fields.set(key, entry);
  }
  return { fields: [...fields.values()], unmatched };
}

/**
 * A server issue as it reads under its input: the server words it after the field's name
 * ("must be an e-mail address", "is taken"); under the input it starts a sentence.
 */
export function readableIssue(message: string): string {
  const text = message.trim();
  if (/^is taken$/i.test(text)) return 'Already in use';
  if (/^is required$/i.test(text)) return 'Required';
  return text.charAt(0).toUpperCase() + text.slice(1);
}
