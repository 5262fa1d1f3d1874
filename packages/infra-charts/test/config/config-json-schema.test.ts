import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { ConfigError, loadPlatformConfig } from '../../src/config/index.js';
import { CONFIG_SCHEMA_FILE, renderConfigJsonSchema } from '../../src/config/to-config-json-schema.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CONFIG = join(REPO, 'platform.config.yaml');
const configText = readFileSync(CONFIG, 'utf8');

function validatorFor() {
  // Formats (uri, ...) are left to editors; this checks structure, types, enums and unknown keys.
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(JSON.parse(readFileSync(join(REPO, CONFIG_SCHEMA_FILE), 'utf8')) as object);
}

describe('the JSON Schema of platform.config.yaml (for editors)', () => {
  it('is committed and in sync with the zod schema (run pnpm config:schema when this fails)', () => {
    expect(readFileSync(join(REPO, CONFIG_SCHEMA_FILE), 'utf8')).toBe(renderConfigJsonSchema());
  });

  it("is named on the config's first line for the YAML language server", () => {
    expect(configText.split('\n')[0]).toBe(`# yaml-language-server: $schema=./${CONFIG_SCHEMA_FILE}`);
  });

  it('accepts the committed config', () => {
    const validate = validatorFor();
    expect(validate(parse(configText))).toBe(true);
  });

  it.each<[string, (c: { tenants: Record<string, unknown>[] }) => void, string]>([
    [
      'a misspelt tenant field',
      (c) => (c.tenants[0] = { ...c.tenants[0], cpuTargetUtilisation: 50 }),
      'additionalProperties',
    ],
    ['a string replica count', (c) => (c.tenants[0] = { ...c.tenants[0], replicas: { min: 'two' } }), 'type'],
    ['no tenants', (c) => (c.tenants = []), 'minItems'],
  ])('flags %s as an editor would', (_name, mutate, keyword) => {
    const config = parse(configText) as { tenants: Record<string, unknown>[] };
    mutate(config);
    const validate = validatorFor();
    expect(validate(config)).toBe(false);
    expect(validate.errors?.map((e) => e.keyword)).toContain(keyword);
  });
});

describe('config errors point at the YAML line and column', () => {
  const problemsOf = (text: string): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'config-')), 'platform.config.yaml');
    writeFileSync(file, text);
    try {
      loadPlatformConfig(file);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected the config to be rejected');
  };
  const lineOf = (needle: string) => configText.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('a misspelt key: its own line and column, and did you mean', () => {
    const line = lineOf('cpuTargetUtilization');
    const message = problemsOf(configText.replace('cpuTargetUtilization', 'cpuTargetUtilisation'));
    const column = (configText.split('\n')[line - 1] ?? '').indexOf('cpuTargetUtilization') + 1;
    expect(message).toContain(
      `tenants[0].cpuTargetUtilisation (line ${line}, column ${column}) is not a known field (did you mean "cpuTargetUtilization"?)`,
    );
  });

  it('a bad label value: the line of the value', () => {
    const text = configText.replace(/(\n {2}- name: tenant-a\n)/, '$1    labels: { team: "a b!" }\n');
    const line = text.split('\n').findIndex((l) => l.includes('"a b!"')) + 1;
    expect(problemsOf(text)).toMatch(
      new RegExp(`tenants\\[0\\]\\.labels\\.team \\(line ${line}, column \\d+\\) "a b!" must be`),
    );
  });

  it('a YAML syntax error: the whole message with the offending line and a caret, not cut off', () => {
    const message = problemsOf(configText.replace('tenants:', 'tenants:\n  - name: [oops'));
    expect(message).toMatch(/\(file\) \(line \d+, column \d+\) is not valid YAML: .+ at line \d+, column \d+:\n/);
    expect(message).toContain('- name: [oops');
    expect(message).toMatch(/\n\s+\^/);
  });

  it('an empty file: what to start from', () => {
    expect(problemsOf('')).toContain('(root) is empty; a config needs profiles and tenants');
  });
});
