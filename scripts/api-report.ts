/**
 * The public API of the packages other code builds on (`protocol`, `client`), written as one
 * Markdown report per package and committed, so a change to what they export shows up in review
 * as a diff of that file (STYLE.md rule 11). `npm run api-report` writes the reports; the test
 * `scripts/api-report.test.ts` fails while a committed report differs from the code.
 *
 * Why not api-extractor: it reads .d.ts files, and this repository runs its TypeScript sources
 * directly (no declaration build); the compiler API gives the same facts from the sources.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPORTED = ['protocol', 'client'] as const;

/** Types of members and constants: methods as arrow types. */
const FORMAT =
  ts.TypeFormatFlags.NoTruncation |
  ts.TypeFormatFlags.UseFullyQualifiedType |
  ts.TypeFormatFlags.WriteArrowStyleSignature;
/** Signatures of functions and constructors: `(params): Return`. */
const SIGNATURE = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType;

export function reportPath(pkg: string): string {
  return join(root, 'packages', pkg, 'api-report.api.md');
}

function compilerOptions(): ts.CompilerOptions {
  const file = join(root, 'tsconfig.base.json');
  const { config } = ts.readConfigFile(file, (p) => ts.sys.readFile(p));
  return ts.convertCompilerOptionsFromJson(config.compilerOptions, root).options;
}

function isPublicMember(symbol: ts.Symbol): boolean {
  if (symbol.name.startsWith('#')) return false;
  return !(symbol.declarations ?? []).some((d) => {
    const flags = ts.getCombinedModifierFlags(d);
    return (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;
  });
}

/** One exported symbol as a line or block of TypeScript-like text. */
function describe(checker: ts.TypeChecker, name: string, symbol: ts.Symbol): string[] {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const out: string[] = [];
  for (const decl of target.declarations ?? []) {
    if (
      ts.isInterfaceDeclaration(decl) ||
      ts.isTypeAliasDeclaration(decl) ||
      ts.isEnumDeclaration(decl)
    ) {
      const text = decl.getText().replace(/^export\s+(declare\s+)?/, '');
      out.push(
        `export ${text.replace(/^(interface|type|enum|const enum)\s+\w+/, (m) => m.replace(/\w+$/, name))}`,
      );
    } else if (ts.isClassDeclaration(decl)) {
      const classType = checker.getTypeOfSymbolAtLocation(target, decl);
      const instance = checker.getDeclaredTypeOfSymbol(target);
      const lines = [`export class ${name} {`];
      for (const sig of classType.getConstructSignatures()) {
        const text = checker.signatureToString(sig, decl, SIGNATURE);
        lines.push(`  constructor${text.slice(0, text.lastIndexOf('):') + 1)};`);
      }
      for (const member of checker.getPropertiesOfType(classType)) {
        if (member.name === 'prototype' || !isPublicMember(member)) continue;
        lines.push(
          `  static ${member.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(member, decl), decl, FORMAT)};`,
        );
      }
      for (const member of checker.getPropertiesOfType(instance)) {
        if (!isPublicMember(member)) continue;
        lines.push(
          `  ${member.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(member, decl), decl, FORMAT)};`,
        );
      }
      lines.push('}');
      out.push(lines.join('\n'));
    } else if (ts.isFunctionDeclaration(decl)) {
      if (out.length > 0) continue; // overloads: all signatures come from the first declaration
      const type = checker.getTypeOfSymbolAtLocation(target, decl);
      for (const sig of type.getCallSignatures()) {
        out.push(`export function ${name}${checker.signatureToString(sig, decl, SIGNATURE)};`);
      }
    } else if (ts.isVariableDeclaration(decl)) {
      const type = checker.getTypeOfSymbolAtLocation(target, decl);
      out.push(`export const ${name}: ${checker.typeToString(type, decl, FORMAT)};`);
    } else if (ts.isModuleDeclaration(decl) || ts.isSourceFile(decl)) {
      out.push(`export namespace ${name}; // ${relative(root, decl.getSourceFile().fileName)}`);
    }
  }
  return out.length ? out : [`export ${name}; // ${ts.SymbolFlags[target.flags] ?? 'symbol'}`];
}

/** The reports of every package in {@link REPORTED}, as Markdown, from one program. */
export function apiReports(): Map<string, string> {
  const entries = REPORTED.map((pkg) => join(root, 'packages', pkg, 'src', 'index.ts'));
  const program = ts.createProgram(entries, compilerOptions());
  return new Map(REPORTED.map((pkg, k) => [pkg, apiReport(program, pkg, entries[k]!)]));
}

function apiReport(program: ts.Program, pkg: string, entry: string): string {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`api-report: cannot read ${entry}`);
  const exports = checker
    .getExportsOfModule(moduleSymbol)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Types from other files print as import("/abs/path/..."): make them independent of the checkout.
  const blocks = exports
    .flatMap((s) => describe(checker, s.name, s))
    .map((text) =>
      text
        .replaceAll(`import("${root}/node_modules/`, 'import("')
        .replaceAll(`import("${root}/`, 'import("./'),
    );
  const { name } = JSON.parse(
    readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'),
  ) as {
    name: string;
  };
  return [
    `# API report: ${name}`,
    '',
    `Every export of \`packages/${pkg}/src/index.ts\`, written by \`npm run api-report\`. A change`,
    'here is a change to what other packages and apps can rely on: review it as such. The test',
    '`scripts/api-report.test.ts` fails while this file differs from the code.',
    '',
    '```ts',
    ...blocks,
    '```',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [pkg, report] of apiReports()) {
    writeFileSync(reportPath(pkg), report);
    console.log(`wrote ${relative(root, reportPath(pkg))}`);
  }
}
