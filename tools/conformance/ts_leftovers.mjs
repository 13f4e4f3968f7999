// The guard against silent miscompiles of type syntax: hmrc's output, read
// by TypeScript's own parser, must hold no TypeScript. Text such as
// `` sql<Row>`x` `` or `f<T>(x)` is valid JavaScript (comparisons) and so
// passes acorn, but TypeScript reads type arguments there: if it is in the
// output, hmrc kept type syntax the grammar misread as values (issue 13's
// `sql<Array<{ id: string }>>` became `sql < Array > ...`). esbuild
// catches it only where its own output differs; this names the cause.
import ts from 'typescript';

// Returns a one-line reason, or null when the output is type-free.
export function typeScriptLeftover(code) {
  const file = ts.createSourceFile('output.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let found = null;
  const visit = (node) => {
    if (found) return;
    const what = leftover(node);
    if (what) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      found = `TypeScript reads ${what} in hmrc's output at line ${line + 1}: \`${oneLine(node.getText(file))}\``;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function leftover(node) {
  if (node.typeArguments?.length) return 'type arguments';
  if (node.typeParameters?.length) return 'type parameters';
  if (node.type && !ts.isTypeNode(node) && !ts.isTypeOfExpression?.(node)) return 'a type annotation';
  switch (node.kind) {
    case ts.SyntaxKind.AsExpression: return 'an `as` cast';
    case ts.SyntaxKind.SatisfiesExpression: return '`satisfies`';
    case ts.SyntaxKind.TypeAssertionExpression: return 'a type assertion';
    case ts.SyntaxKind.NonNullExpression: return 'a non-null assertion';
    default: return null;
  }
}

function oneLine(s) {
  s = s.replace(/\s+/g, ' ');
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
