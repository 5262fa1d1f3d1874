import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const PACKAGE = join(import.meta.dirname, '../..');
const SCANNED = ['src', 'examples'];
/** Interfaces that are inputs (construct props, builder specs, options, config types), not results or parsed data. */
const INPUT_INTERFACE = /(Props|Options|Spec|Config|Settings|Context)$/;

/** Every .ts file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `file:line Interface.prop` for each optional property of an exported input interface whose JSDoc has no @default. */
export function optionalPropsWithoutDefault(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const missing: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (!INPUT_INTERFACE.test(statement.name.text)) continue;
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member) || !member.questionToken) continue;
      const documented = ts.getJSDocTags(member).some((tag) => tag.tagName.text === 'default');
      if (!documented) {
        const line = source.getLineAndCharacterOfPosition(member.getStart()).line + 1;
        missing.push(`${file}:${line} ${statement.name.text}.${member.name.getText(source)}`);
      }
    }
  }
  return missing;
}

/** `file:line key` for each zod schema property ending in `.optional()` whose JSDoc has no @default (config types). */
export function optionalSchemaKeysWithoutDefault(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const missing: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && endsWithOptionalCall(node.initializer)) {
      const documented = ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'default');
      if (!documented) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        missing.push(`${file}:${line} ${node.name.getText(source)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return missing;
}

const endsWithOptionalCall = (e: ts.Expression): boolean =>
  ts.isCallExpression(e) &&
  ts.isPropertyAccessExpression(e.expression) &&
  e.expression.name.text === 'optional' &&
  e.arguments.length === 0;

describe('house style: every optional prop of an exported props/spec/options interface documents its @default', () => {
  it.each(SCANNED)('in %s/', (dir) => {
    const missing = sourceFiles(join(PACKAGE, dir)).flatMap((f) =>
      optionalPropsWithoutDefault(relative(PACKAGE, f), readFileSync(f, 'utf8')),
    );
    expect(missing).toEqual([]);
  });

  it('in the config schema (zod properties ending in .optional())', () => {
    const missing = sourceFiles(join(PACKAGE, 'src/config')).flatMap((f) =>
      optionalSchemaKeysWithoutDefault(relative(PACKAGE, f), readFileSync(f, 'utf8')),
    );
    expect(missing).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ['an optional schema key without @default', 'const s = z.object({\n  a: z.string().optional(),\n});', ['t.ts:2 a']],
    [
      'an optional schema key with @default',
      'const s = z.object({\n  /** @default - none */\n  a: z.string().optional(),\n});',
      [],
    ],
  ])('the schema check itself: %s', (_what, text, expected) => {
    expect(optionalSchemaKeysWithoutDefault('t.ts', text)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ['documented', 'export interface AProps {\n  /** x. @default 1 */\n  readonly a?: number;\n}', []],
    ['undocumented', 'export interface AProps {\n  /** x. */\n  readonly a?: number;\n}', ['t.ts:3 AProps.a']],
    ['required props need none', 'export interface AProps {\n  readonly a: number;\n}', []],
    ['not exported', 'interface AProps {\n  readonly a?: number;\n}', []],
    ['a result type, not an input', 'export interface AResult {\n  readonly a?: number;\n}', []],
  ])('the check itself: %s', (_what, text, expected) => {
    expect(optionalPropsWithoutDefault('t.ts', text)).toEqual(expected);
  });
});
