// The conformance normaliser (tools/conformance/normalise.mjs) must make
// layout, naming and folding differences vanish and keep every real one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { normalise, firstDifference } from '../../tools/conformance/normalise.mjs';

const diff = (a, b) => firstDifference(normalise(a), normalise(b));

const same = [
  ['comments, whitespace, parentheses', 'x = (a + b) * c // note', 'x = (a+b)*c'],
  ['quotes and number forms', "f('a', 0x10)", 'f("a", 16)'],
  ['key and member spelling', 'o = { "a": 1, b }; o["c"]', 'o = { a: 1, b: b }; o.c'],
  ['empty statements and export {}', 'var x = 1;;; export {}', 'var x = 1'],
  ['specifier order', 'import { b, a } from "m"; export { a, b }', 'import { a, b } from "m"; export { b, a }'],
  ['esbuild folding', 'f(undefined, "a" + "b", `c${d}` + "e", x + "f" + "g", !0, !1)', 'f(void 0, "ab", `c${d}e`, x + "fg", true, false)'],
  ['JSX runtime names and position', 'import a from "a"; import { jsx as _jsx } from "react/jsx-runtime"; _jsx("div", {})',
    'import { jsx } from "react/jsx-runtime"; import a from "a"; jsx("div", {})'],
  ['shadowing local renamed', 'let a; function f() { let a = 1; return a }', 'let a; function f() { let a2 = 1; return a2 }'],
  ['parameter named like its function', 'export function g(x, g) { return g }', 'export function g(x, g2) { return g2 }'],
  ['constructor position', 'class A { x; constructor(x) { this.x = x } m() {} }', 'class A { constructor(y) { this.x = y } x; m() {} }'],
  ['loop and catch bindings', 'for (let i of x) { const j = i; try {} catch (e) { j(e) } }',
    'for (let k of x) { const i = k; try {} catch (err) { i(err) } }'],
];
for (const [name, a, b] of same) {
  test(`normalise: equal: ${name}`, () => assert.equal(diff(a, b), null));
}

const different = [
  ['precedence', 'x = a + b * c', 'x = (a + b) * c'],
  ['an import kept for its side effects', 'import {} from "m"; x', 'x'],
  ['a free name is not a local', 'let a; function f() { let b = 1; return a }', 'let a; function f() { let a2 = 1; return a2 }'],
  ['a top-level name', 'export const a = 1', 'export const b = 1'],
  ['a reference to the wrong binding', 'try {} catch (e) { f(e) }', 'try {} catch (err) { f(e) }'],
  ['a different string', 'f("a")', 'f("b")'],
  ['a raw string in a tagged template', 'String.raw`\\x41`', 'String.raw`A`'],
  ['field order', 'class A { x; y = 1 }', 'class A { y = 1; x }'],
  ['let versus var', 'let x = 1', 'var x = 1'],
  ['jsx versus jsxs', 'import { jsx } from "react/jsx-runtime"; jsx("a", {})', 'import { jsxs } from "react/jsx-runtime"; jsxs("a", {})'],
];
for (const [name, a, b] of different) {
  test(`normalise: different: ${name}`, () => assert.notEqual(diff(a, b), null));
}

test('normalise: the reason names the first differing line', () => {
  assert.match(diff('a();\nb();\nc(1);', 'a(); b(); c(2);'), /^line 3: hmrc `c\(1\);` vs esbuild `c\(2\);`$/);
});

test('normalise: a non-JavaScript output is a SyntaxError with a position', () => {
  assert.throws(() => normalise('let x: number = 1;'), (e) => e instanceof SyntaxError && /\(1:5\)/.test(e.message));
});

// The two references agree wherever they compile to the same shape.
test('normalise: esbuild and tsc agree on plain TypeScript and TSX', () => {
  const source = `import type { T } from "t";
import { used, unused } from "m";
import React from "react";
export interface I { a: number }
export abstract class C<X> extends Base implements I {
  a!: number;
  private readonly b = used as unknown as string;
  m(this: C<X>, y?: X): void { const toast = <T,>(x: T) => x; label: for (const v of y!) break label; }
}
export function App({ title }: { title: string }) {
  return <><h1 className="t" {...props}>{title}</h1><p key="k">a{" "}b</p></>;
}
let t: T | undefined = undefined;`;
  const e = esbuild.transformSync(source, { loader: 'tsx', target: 'esnext', jsx: 'automatic',
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: false } } }).code;
  const t = ts.transpileModule(source, { fileName: 'a.tsx', compilerOptions: { module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ESNext, jsx: ts.JsxEmit.ReactJSX, useDefineForClassFields: true } }).outputText
    // tsc keeps the React import with the automatic runtime; esbuild does not.
    .replace(/^import React from "react";$/m, '');
  assert.equal(firstDifference(normalise(t), normalise(e), 'tsc', 'esbuild'), null);
});
