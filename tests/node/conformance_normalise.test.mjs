// The conformance normaliser (tools/conformance/normalise.mjs) must make
// layout, naming and folding differences vanish and keep every real one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { normalise, firstDifference, restoreConst } from '../../tools/conformance/normalise.mjs';
import { hmrc } from './helpers.mjs';

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

// --- dev: hmrc's HMR instrumentation is undone, and nothing else -----------

// hmrc --dev's output for `source` (JavaScript) against `reference` compiled by
// nobody: plain JavaScript is its own reference.
function devOutput(source) {
  const r = hmrc(['--dev', '--sourcemap=none', '--loader', 'js'], { input: source });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}
const devDiff = (output, reference) => {
  const ref = normalise(reference);
  return firstDifference(restoreConst(normalise(output, { dev: true }), ref), ref);
};

// Each rule: a source whose dev output shows the instrumentation (checked with
// `shows`), and which must then equal the source itself.
const devRules = [
  ['the header', 'import a from "./a"; a();', /__hmrc_createHotContext\(/],
  ['the setter trailer', 'export function f() {}', /function __hmrc_set\(__hmrc_n, __hmrc_v\)/],
  ['export const becomes let', 'export const a = 1, b = 2; const c = 3; export { c as d };', /export let a = 1, b = 2;[^]*let c = 3/],
  ['export default of a value', 'const q = 1; export default q + 1; q;', /let __hmrc_default = q \+ 1;[^]*export \{ __hmrc_default as default \};/],
  ['export default of an arrow, named "default"', 'export default () => 1;', /Object\.defineProperty\(__hmrc_default, "name"/],
  ['export default of an anonymous class expression', 'export default (class { m() {} });', /let __hmrc_default = \(class/],
  ['an anonymous default function declaration', 'g(); export default function () { return 1 }', /export default function __hmrc_default \(/],
  ['an anonymous default class declaration', 'export default class { x = 1 }', /export default class __hmrc_default \{/],
  ['writes to exported bindings', 'export let c = 0; c = 4; c++; c += g(c = 1); let d; export { d as e, d }; [d] = [1];',
    /__hmrc_hot\.w\(c = 4, "c"\)[^]*__hmrc_hot\.w\(c\+\+, "c"\)[^]*__hmrc_hot\.w\(\[d\] = \[1\], "(d|e)", "(d|e)"\)/],
  ['a for-of loop writing an exported binding', 'export let c; for (c of [1, 2]) f(c); for (c in o) { g(c) }', /__hmrc_hot\.w\(0, "c"\)/],
];
for (const [name, source, shows] of devRules) {
  test(`normalise dev: undone: ${name}`, () => {
    const out = devOutput(source);
    assert.match(out, shows);
    assert.notEqual(firstDifference(normalise(out), normalise(source)), null, 'without dev the instrumentation shows');
    assert.equal(devDiff(out, source), null);
  });
}

// The same outputs against a reference with one real difference next to the
// instrumentation: it must still show.
const devDifferences = [
  ['a different header neighbour', 'import a from "./a"; a();', 'import a from "./a"; a(1);'],
  ['a lost directive (header put before it)', 'f();', '"use client"; f();'],
  ['a different exported value', 'export const a = 1;', 'export const a = 2;'],
  ['a written const stays let', 'export const a = 1; function f() { a = 2 }', 'export const a = 1; function f() { a = 2 }'],
  ['a different default value', 'export default 1 + 2;', 'export default 1 + 3;'],
  ['the default name of a named value', 'export default (() => 1);', 'export default (0, () => 1);'],
  ['a different write', 'export let c = 0; c = 4;', 'export let c = 0; c = 5;'],
  ['a different for-of body', 'export let c; for (c of [1]) f(c);', 'export let c; for (c of [1]) g(c);'],
  ['a different default class', 'export default class { x = 1 }', 'export default class { x = 2 }'],
];
for (const [name, source, reference] of devDifferences) {
  test(`normalise dev: still different: ${name}`, () => assert.notEqual(devDiff(devOutput(source), reference), null));
}

// Only hmrc's own names and shapes are undone: each output differs from the
// reference it would equal if the shape were undone, and equals `kept`, the
// reference with that shape left in place.
const header = 'import { createHotContext as __hmrc_createHotContext } from "/@hmrc/runtime.js"; ' +
  'const __hmrc_hot = __hmrc_createHotContext(import.meta.url, { url: import.meta.url, selfAccepting: false, dependencies: {}, imports: [] });';
const fix = (value) => `Object.defineProperty(__hmrc_default, "name", { value: "${value}", configurable: true });`;
const notInstrumentation = [
  ['another context name', 'x.w(a = 1, "a");', 'a = 1;', 'x.w(a = 1, "a");'],
  ['a write call that wraps no write', '__hmrc_hot.w(f(), "a");', 'f();', '__hmrc_hot.w(f(), "a");'],
  ['a defineProperty with another value', `let __hmrc_default = () => 1; ${fix('x')} export { __hmrc_default as default };`,
    'export default () => 1;', `export default () => 1; ${fix('x')}`],
  ['the name fix of a named value', `let __hmrc_default = f; ${fix('default')} export { __hmrc_default as default };`,
    'export default f;', `export default f; ${fix('default')}`],
  ['a user function named like the setter', 'function __hmrc_set(a, b) { b(a) }', '', 'function __hmrc_set(a, b) { b(a) }'],
  ['a non-exported let', 'let a = 1; f(a);', 'const a = 1; f(a);', 'let a = 1; f(a);'],
];
for (const [name, output, undone, kept] of notInstrumentation) {
  test(`normalise dev: kept: ${name}`, () => {
    assert.notEqual(devDiff(header + output, undone), null);
    assert.equal(devDiff(header + output, kept), null);
  });
}

test('normalise dev: the header after a directive prologue is undone', () => {
  assert.equal(devDiff(`"use client"; ${header} export let a = 1; __hmrc_hot.w(a++, "a");`, '"use client"; export let a = 1; a++;'), null);
});

test('normalise dev: nothing is undone without the header', () => {
  const output = 'let __hmrc_default = 1; export { __hmrc_default as default }; __hmrc_hot.w(a = 1, "a");';
  assert.notEqual(devDiff(output, 'export default 1; a = 1;'), null);
});
