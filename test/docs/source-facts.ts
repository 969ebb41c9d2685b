import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** One property of an options interface, as its declaration says. */
export interface DeclaredOption {
  /** False when the property is declared without `?`. */
  isOptional: boolean;
  /** The TSDoc text of the property (inherited properties included). */
  doc: string;
}

const SOURCE_ROOT = fileURLToPath(new URL('../../src/', import.meta.url));

// Only the files that declare what the tables describe, and what they extend or import for it.
// `noResolve` keeps the program to these files: loading the types of undici, pino and Node
// would cost seconds and tells nothing about option names or error codes.
const ROOT_FILES = [
  'client/client-options.ts',
  'client/panel-profile.ts',
  'retry/retry-policy.ts',
  'retry/retry-budget.ts',
  'transport/undici-transport-options.ts',
  'observe/sdk-logger.ts',
  'sandbox/options.ts',
  'errors/base-error.ts',
  'errors/codes.ts',
  'errors/classify-error-text.ts',
  'errors/error-class.ts',
  'errors/guards.ts',
  'errors/input-errors.ts',
  'errors/order-errors.ts',
  'errors/panel-errors.ts',
  'errors/send-state.ts',
  'errors/transport-error.ts',
].map((file) => SOURCE_ROOT + file);

let cached: { program: ts.Program; checker: ts.TypeChecker } | undefined;

function load(): { program: ts.Program; checker: ts.TypeChecker } {
  if (cached !== undefined) return cached;
  const program = ts.createProgram(ROOT_FILES, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    noResolve: true,
    lib: ['lib.es2023.d.ts'],
    types: [],
  });
  cached = { program, checker: program.getTypeChecker() };
  return cached;
}

function moduleExports(relativeFile: string): ts.Symbol[] {
  const { program, checker } = load();
  const source = program.getSourceFile(SOURCE_ROOT + relativeFile);
  if (source === undefined) throw new Error(`src/${relativeFile} is not in the program`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error(`src/${relativeFile} is not a module`);
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => resolveAlias(checker, symbol));
}

function resolveAlias(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/**
 * Every property of the interface `name` exported from `src/<relativeFile>` (reached through
 * the program's roots), inherited ones included, with whether it is optional and its TSDoc.
 */
export function declaredOptions(relativeFile: string, name: string): Map<string, DeclaredOption> {
  const { checker } = load();
  const symbol = moduleExports(relativeFile).find((candidate) => candidate.name === name);
  if (symbol === undefined) throw new Error(`${name} is not exported from src/${relativeFile}`);

  const options = new Map<string, DeclaredOption>();
  for (const property of checker.getDeclaredTypeOfSymbol(symbol).getProperties()) {
    options.set(property.name, {
      isOptional: (property.flags & ts.SymbolFlags.Optional) !== 0,
      doc: ts.displayPartsToString(property.getDocumentationComment(checker)),
    });
  }
  return options;
}

/**
 * The error codes each exported error class can carry, read from the type of its `code`
 * property: a literal (`'SMM_INVALID_INPUT'`) or a union of literals (TransportError's six).
 * Classes whose `code` is a plain `string` (the base class) are left out.
 */
export function errorClassCodes(): Map<string, Set<string>> {
  const { checker } = load();
  const classes = new Map<string, Set<string>>();
  const errorFiles = [
    'errors/base-error.ts',
    'errors/input-errors.ts',
    'errors/order-errors.ts',
    'errors/panel-errors.ts',
    'errors/transport-error.ts',
  ];
  for (const symbol of errorFiles.flatMap((file) => moduleExports(file))) {
    if ((symbol.flags & ts.SymbolFlags.Class) === 0) continue;
    const code = checker.getDeclaredTypeOfSymbol(symbol).getProperty('code');
    if (code === undefined) continue;
    const type = checker.getTypeOfSymbol(code);
    const members = type.isUnion() ? type.types : [type];
    const literals = members.filter((member) => member.isStringLiteral());
    if (literals.length === 0) continue;
    classes.set(symbol.name, new Set(literals.map((literal) => literal.value)));
  }
  return classes;
}

/**
 * The value after `Default:` in a TSDoc text when it is a plain literal (a number such as
 * `120_000`, `true`/`false`, or a quoted string), else undefined: prose defaults ("a new
 * random key") cannot be compared.
 */
export function documentedDefault(doc: string): unknown {
  const match = /Default:\s*(.+?)(?:\.\s|\.$|\s\(|$)/s.exec(doc);
  return match?.[1] === undefined ? undefined : parseLiteral(match[1].trim());
}

/**
 * A default cell (or TSDoc default) as a value: `` `120_000` `` is 120000, `` `'form'` `` is
 * 'form', `` `false` `` is false. Anything else (prose, an object, a function) is undefined.
 */
export function parseLiteral(text: string): unknown {
  const bare = text.replace(/^`|`$/g, '').trim();
  if (/^-?\d[\d_]*(\.\d+)?$/.test(bare)) return Number(bare.replaceAll('_', ''));
  if (bare === 'true' || bare === 'false') return bare === 'true';
  const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(bare);
  if (quoted !== null) return quoted[1] ?? quoted[2];
  return undefined;
}
