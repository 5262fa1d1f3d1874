/** A labelled text: 0 negative, 1 positive. */
export interface Example {
  readonly text: string;
  readonly label: 0 | 1;
}

/** The file layouts the trainer reads. */
export type DataFormat = 'tsv' | 'csv' | 'jsonl';

const LABELS: Record<string, 0 | 1> = { '0': 0, '1': 1, negative: 0, positive: 1, neg: 0, pos: 1 };

/** Reads a label written as 0/1 or negative/positive; undefined otherwise. */
export function parseLabel(value: unknown): 0 | 1 | undefined {
  if (value === 0 || value === 1) return value;
  return typeof value === 'string' ? LABELS[value.trim().toLowerCase()] : undefined;
}

/** Splits one CSV line (RFC 4180 quotes, no embedded newlines). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** Parses one data line into an example, or returns why it is malformed. */
export function parseRow(line: string, format: DataFormat): Example | { error: string } {
  let text: unknown;
  let label: unknown;
  if (format === 'jsonl') {
    try {
      const row = JSON.parse(line) as { text?: unknown; sentence?: unknown; label?: unknown };
      text = row.text ?? row.sentence;
      label = row.label;
    } catch {
      return { error: 'not valid JSON' };
    }
  } else {
    const fields = format === 'tsv' ? line.split('\t') : splitCsvLine(line);
    if (fields.length < 2)
      return { error: `expected text and label separated by ${format === 'tsv' ? 'a tab' : 'a comma'}` };
    label = fields[fields.length - 1];
    text = fields.slice(0, -1).join(format === 'tsv' ? '\t' : ',');
  }
  if (typeof text !== 'string' || text.trim() === '') return { error: 'empty or missing text' };
  const parsed = parseLabel(label);
  if (parsed === undefined) return { error: `label ${JSON.stringify(label)} is not 0/1 or negative/positive` };
  return { text, label: parsed };
}
