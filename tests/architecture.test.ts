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

/*
 * Layers that point one way. Each folder of src/ is a layer, and may import only the layers below
 * it: the command line (cli/) drives the commands (commands/), which read and write the session
 * (session/) and call the engines (theming/, pii/, model/, render/), all of which stand on the
 * domain (core/), which stands on errors.ts and io.ts. The engines do not import one another, with
 * one exception: the model server's names are checked with theming's own analysis. Type-only
 * imports count: a type in the wrong layer drags its module's meaning with it.
 */
const layerOf = (file: string): string => {
  const parts = file.replace(/^src\//, '').split('/');
  return parts.length === 1 ? parts[0]!.replace(/\.ts$/, '') : parts[0]!;
};
const below: Record<string, string[]> = {
  errors: [],
  io: [],
  // The wall page runs in the browser: it imports nothing of the server's.
  page: [],
  core: ['errors', 'io'],
  session: ['core', 'errors', 'io'],
  theming: ['core', 'errors', 'io'],
  pii: ['core', 'errors', 'io'],
  render: ['core', 'errors', 'io'],
  model: ['theming', 'core', 'errors', 'io'],
  commands: ['session', 'theming', 'pii', 'model', 'render', 'core', 'errors', 'io'],
  cli: ['commands', 'session', 'theming', 'pii', 'model', 'render', 'core', 'errors', 'io'],
};

/** Every relative module a file names: imports (type-only too), re-exports and dynamic imports. */
function importsOf(path: string, text: string): { target: string; line: number }[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: { target: string; line: number }[] = [];
  const add = (node: ts.Node, spec: ts.Node | undefined) => {
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) return;
    const target = join(path, '..', spec.text).replace(/\.js$/, '.ts');
    found.push({ target, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0]);
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function wrongWay(files: { path: string; text: string }[]): string[] {
  return files.flatMap(({ path, text }) => {
    const from = layerOf(path);
    return importsOf(path, text)
      .map(({ target, line }) => ({ to: layerOf(target), line, target }))
      .filter(({ to }) => to !== from && !(below[from] ?? []).includes(to))
      .map(({ to, line, target }) => `${path}:${line}: ${from} imports ${to} (${target})`);
  });
}

describe('layers that point one way', () => {
  const files = sourceFiles(join(repoRoot, 'src')).map((file) => ({ path: relative(repoRoot, file), text: readFileSync(file, 'utf8') }));

  it('every folder of src/ is a known layer', () => {
    expect([...new Set(files.map((f) => layerOf(f.path)))].filter((l) => !(l in below))).toEqual([]);
  });

  it('no file imports a layer above it or beside it, type-only imports included', () => {
    expect(wrongWay(files), 'move the type or function down to the layer both sides can see (often core/)').toEqual([]);
  });

  it('finds each way one module names another', () => {
    const text = [
      "import type { Theme } from '../theming/engine.js';",
      "import { run } from '../cli/main.js';",
      "export { x } from '../commands/status.js';",
      "const later = await import('../render/html.js');",
      "let t: import('../session/session.js').Session;",
      "import { ok } from './model.js';",
      "import { errors } from '../errors.js';",
    ].join('\n');
    expect(wrongWay([{ path: 'src/core/x.ts', text }])).toEqual([
      'src/core/x.ts:1: core imports theming (src/theming/engine.ts)',
      'src/core/x.ts:2: core imports cli (src/cli/main.ts)',
      'src/core/x.ts:3: core imports commands (src/commands/status.ts)',
      'src/core/x.ts:4: core imports render (src/render/html.ts)',
      'src/core/x.ts:5: core imports session (src/session/session.ts)',
    ]);
  });
});
