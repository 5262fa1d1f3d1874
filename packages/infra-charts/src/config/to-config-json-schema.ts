import { z } from 'zod';
import { platformConfigSchema } from './platform-config-schema.js';

/** Where the generated JSON Schema lives, relative to the repo root (platform.config.yaml's first line names it). */
export const CONFIG_SCHEMA_FILE = 'platform.config.schema.json';

/** The JSON Schema of platform.config.yaml, from the zod schema synth validates with, for editors. */
export function toConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(platformConfigSchema, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    title: 'mlops-platform platform.config.yaml',
    description:
      'Generated from the zod schema by `pnpm config:schema` (do not edit). Synth also checks what JSON Schema cannot: see docs/config.md.',
  };
}

/** The file's text: stable, formatted JSON with a final newline. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(toConfigJsonSchema(), null, 2)}\n`;
}
