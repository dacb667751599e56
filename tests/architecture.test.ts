/**
 * The house rules that a reviewer would otherwise have to remember: checks over src/ with the
 * TypeScript parser.
 *
 * One path through a shared mechanism. `src/session/yaml.ts` parses every YAML file wtfc reads:
 * yaml's own duplicate-key check (`uniqueKeys`) compares every key with every earlier one, so a
 * reader that called yaml's parser directly took a second on a pii.yaml of 10,000 keys, and
 * failed CI by chance. Only yaml.ts may import yaml's parsers; the node types, `isMap` and
 * `stringify` are free to use anywhere.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

/** The names yaml exports that parse text. */
const yamlParsers = new Set(['parse', 'parseDocument', 'parseAllDocuments', 'Parser', 'Composer', 'Lexer']);
const yamlWrapper = 'src/session/yaml.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const isYaml = (specifier: ts.Node) => ts.isStringLiteral(specifier) && (specifier.text === 'yaml' || specifier.text.startsWith('yaml/'));

/** Each way a file reaches yaml's parsers: a named parser, the whole module, or a dynamic import or require. */
function yamlParserUses(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const uses: string[] = [];
  const at = (node: ts.Node) => `${path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && isYaml(node.moduleSpecifier) && !node.importClause?.isTypeOnly) {
      const clause = node.importClause;
      if (clause?.name) uses.push(`${at(node)}: imports yaml whole (default import)`);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) uses.push(`${at(node)}: imports yaml whole (import * as ${bindings.name.text})`);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          const name = (element.propertyName ?? element.name).text;
          if (!element.isTypeOnly && yamlParsers.has(name)) uses.push(`${at(node)}: imports yaml's ${name}`);
        }
      }
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && isYaml(node.moduleSpecifier)) uses.push(`${at(node)}: re-exports from yaml`);
    if (ts.isCallExpression(node) && node.arguments[0] && isYaml(node.arguments[0])) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) {
        uses.push(`${at(node)}: loads yaml at run time`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

describe('one path through the YAML parser', () => {
  it('no file in src/ but src/session/yaml.ts reaches yaml\'s parsers', () => {
    const uses = sourceFiles(join(repoRoot, 'src'))
      .map((file) => relative(repoRoot, file))
      .filter((file) => file !== yamlWrapper)
      .flatMap((file) => yamlParserUses(file, readFileSync(join(repoRoot, file), 'utf8')));
    expect(uses, 'parse YAML with parseYaml from src/session/yaml.ts, which checks duplicate keys in linear time').toEqual([]);
  });

  it('yaml.ts itself is found using the parser, so the check is looking at the right thing', () => {
    expect(yamlParserUses(yamlWrapper, readFileSync(join(repoRoot, yamlWrapper), 'utf8'))).toEqual([`${yamlWrapper}:1: imports yaml's parseDocument`]);
  });

  it('finds every way in, and lets the node helpers and types through', () => {
    const text = [
      "import { LineCounter, isMap, stringify, type Document } from 'yaml';",
      "import type { parseDocument as P } from 'yaml';",
      "import { parseDocument as pd, Parser } from 'yaml';",
      "import YAML from 'yaml';",
      "import * as Y from 'yaml';",
      "export { parse } from 'yaml';",
      "const later = await import('yaml');",
    ].join('\n');
    expect(yamlParserUses('x.ts', text)).toEqual([
      "x.ts:3: imports yaml's parseDocument",
      "x.ts:3: imports yaml's Parser",
      'x.ts:4: imports yaml whole (default import)',
      'x.ts:5: imports yaml whole (import * as Y)',
      'x.ts:6: re-exports from yaml',
      'x.ts:7: loads yaml at run time',
    ]);
  });
});
