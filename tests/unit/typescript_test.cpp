// TypeScript to JavaScript, esbuild expectPrinted style: input, expected output.
#include <doctest/doctest.h>

#include <string>

#include "expect.hpp"

using namespace hmrc;

TEST_CASE("type syntax is blanked in place") {
  expect_printed("let a: number = 1;", "let a         = 1;", {.loader = Loader::ts});
  expect_printed("f<T>(x as any)!;", "f   (x       ) ;", {.loader = Loader::ts});
  expect_printed("let v = x satisfies T;", "let v = x            ;", {.loader = Loader::ts});
  expect_printed("function f<T>(this: T, a?: T): void {}", "function f   (         a    )       {}",
                 {.loader = Loader::ts});
  expect_printed("class A<T> extends B<T> implements C {}",
                 "class A    extends B                 {}", {.loader = Loader::ts});
  expect_printed("let x!: number;", "let x         ;", {.loader = Loader::ts});
  expect_printed("let s = 'é' as Ünï;", "let s = 'é'       ;",
                 {.loader = Loader::ts});  // one space per UTF-16 unit
}

TEST_CASE("whole declarations go, with a ; where the next line could join") {
  expect_printed("interface I {}", "              ", {.loader = Loader::ts});
  expect_printed("a;\ntype T = 1;", "a;\n           ", {.loader = Loader::ts});
  expect_printed("a\ntype T = 1\n(b)", "a\n;         \n(b)", {.loader = Loader::ts});
  expect_printed("declare const x: number;", "                        ", {.loader = Loader::ts});
  expect_printed("class A { a = 1\n private [b] = 2 }", "class A { a = 1\n ;       [b] = 2 }",
                 {.loader = Loader::ts});
  expect_printed("class A { declare a: T; b = 1 }", "class A {             ; b = 1 }",
                 {.loader = Loader::ts});
}

TEST_CASE("arrow functions stay whole when types span lines") {
  expect_printed("return <T,>\n(x: T) => x", "return (   \n x   ) => x", {.loader = Loader::ts});
  expect_printed("f = (x):\n T => x", "f = (x  \n ) => x", {.loader = Loader::ts});
}

TEST_CASE("casts become parenthesized expressions") {
  expect_printed("f = () => <T>{};", "f = () => (  {});", {.loader = Loader::ts});
  expect_printed("<T>\"x\";", "(  \"x\");", {.loader = Loader::ts});
}

TEST_CASE("imports used only as types are elided") {
  expect_printed("import { A } from 'a'; let x: A;", "                       let x   ;",
                 {.loader = Loader::ts});
  expect_printed("import { A } from 'a'; A();", "import { A } from 'a'; A();",
                 {.loader = Loader::ts});
  expect_printed("import 'a';", "import 'a';", {.loader = Loader::ts});
  expect_printed("import D, { A } from 'a'; D;", "import D        from 'a'; D;",
                 {.loader = Loader::ts});
  expect_printed("import D, { A } from 'a'; A;", "import    { A } from 'a'; A;",
                 {.loader = Loader::ts});
  expect_printed("import { A, B } from 'a'; B;", "import {    B } from 'a'; B;",
                 {.loader = Loader::ts});
  expect_printed("import * as N from 'a'; let x: N.T;", "                        let x     ;",
                 {.loader = Loader::ts});
}

TEST_CASE("a local declaration of the same name is not a use") {
  expect_printed("import { A } from 'a'; function f(A) { return A; }",
                 "                       function f(A) { return A; }", {.loader = Loader::ts});
  expect_printed("import { A } from 'a'; { let A = 1; A; }",
                 "                       { let A = 1; A; }", {.loader = Loader::ts});
  expect_printed("import { A } from 'a'; try {} catch (A) { A; }",
                 "                       try {} catch (A) { A; }", {.loader = Loader::ts});
  expect_printed("import { A } from 'a'; const f = ({ A }) => A;",
                 "                       const f = ({ A }) => A;", {.loader = Loader::ts});
  expect_printed("import { A } from 'a'; for (const A of []) A;",
                 "                       for (const A of []) A;", {.loader = Loader::ts});
  expect_printed("import { A } from 'a'; { let A = 1; } A;",
                 "import { A } from 'a'; { let A = 1; } A;", {.loader = Loader::ts});
  expect_printed("import { A } from 'a'; x = { A };", "import { A } from 'a'; x = { A };",
                 {.loader = Loader::ts});
  expect_printed("import { A } from 'a'; class C extends A {}",
                 "import { A } from 'a'; class C extends A {}", {.loader = Loader::ts});
}

TEST_CASE("exports of types are elided") {
  expect_printed("interface T {} export { T };", "               ;            ",
                 {.loader = Loader::ts});
  expect_printed("type T = 1; const v = 1; export { T, v };",
                 "            const v = 1; export {    v };", {.loader = Loader::ts});
  expect_printed("export { type T } from 'a';", "                           ",
                 {.loader = Loader::ts});
  expect_printed("export type { T };", "                  ", {.loader = Loader::ts});
}

TEST_CASE("enums") {
  expect_printed(
      "enum E { A, B }",
      "var E; (function (E) { E[E[\"A\"] = 0] = \"A\"; E[E[\"B\"] = 1] = \"B\"; })(E || (E = "
      "{}));",
      {.loader = Loader::ts});
  expect_printed("enum E { A = 'a', B = A + 'b' }",
                 "var E; (function (E) { E[\"A\"] = \"a\"; E[\"B\"] = \"ab\"; })(E || (E = {}));",
                 {.loader = Loader::ts});
  expect_printed(
      "enum E { A = f(), B = A }",
      "var E; (function (E) { E[E[\"A\"] = f()] = \"A\"; E[E[\"B\"] = E.A] = \"B\"; })(E || (E = "
      "{}));",
      {.loader = Loader::ts});
  expect_printed(
      "enum E { A = 1.5, B = 2 ** 70, C = 1 / 0 }",
      "var E; (function (E) { E[E[\"A\"] = 1.5] = \"A\"; E[E[\"B\"] = 1.1805916207174113e+21] = "
      "\"B\"; E[E[\"C\"] = Infinity] = \"C\"; })(E || (E = {}));",
      {.loader = Loader::ts});
  expect_printed("declare enum E { A }", "                    ", {.loader = Loader::ts});
  expect_printed(
      "enum E { ['a b'] = 1, c = E['a b'] }",
      "var E; (function (E) { E[E[\"a b\"] = 1] = \"a b\"; E[E[\"c\"] = 1] = \"c\"; })(E || (E = "
      "{}));",
      {.loader = Loader::ts});
}

TEST_CASE("enums in a function or block are let, at the top level var") {
  expect_printed(
      "function f() { enum E { A } }",
      "function f() { let E; (function (E) { E[E[\"A\"] = 0] = \"A\"; })(E || (E = {})); }",
      {.loader = Loader::ts});
  expect_printed("{ enum E { A } }",
                 "{ let E; (function (E) { E[E[\"A\"] = 0] = \"A\"; })(E || (E = {})); }",
                 {.loader = Loader::ts});
  CHECK(test::printed("export enum E { A }", {.loader = Loader::ts}).rfind("export var E;", 0) ==
        0);
}

// tree-sitter-typescript reads these without an ERROR but wrongly; typescript_repair
// parses a copy again (see parser/recovery/typescript_repair.hpp).
TEST_CASE("qualified type names after as and satisfies are erased whole") {
  expect_printed("x as A.B.C;", "x         ;", {.loader = Loader::ts});
  expect_printed("x satisfies z.core.$ZodString;", "x                            ;",
                 {.loader = Loader::ts});
  expect_printed("f() as React.JSX.Element;", "f()                     ;", {.loader = Loader::ts});
  expect_printed("x as A.B.C.D | E;", "x               ;", {.loader = Loader::ts});
  expect_printed("x as A.B.C<T>;", "x            ;", {.loader = Loader::ts});
  expect_printed("(x as A.B.C).d;", "(x         ).d;", {.loader = Loader::ts});
  // A line break the join does not cross.
  expect_printed("x as A.B.C\n.d;", "<error TS006>", {.loader = Loader::ts});
}

TEST_CASE("class type arguments before a block are not a comparison") {
  expect_printed("class A extends B<T> { m() {} }\n{ f(); }",
                 "class A extends B    { m() {} }\n{ f(); }", {.loader = Loader::ts});
  expect_printed("class A extends B<T> { m() {} }\n{ f(); }",
                 "class A extends B    { m() {} }\n{ f(); }", {.loader = Loader::tsx});
}

TEST_CASE("overloaded generic call signatures the grammar runs together") {
  std::string decl =
      "interface I {\n  (): A\n  /** c */\n  <T extends X>(): B<T>\n  <T = {}>(a: T): C\n}";
  std::string blank = decl;
  for (char& c : blank)
    if (c != '\n') c = ' ';
  expect_printed(decl + "\nlet a = 1;", blank + "\nlet a = 1;", {.loader = Loader::ts});
}

TEST_CASE("TypeScript that has no ES module form is an error") {
  expect_printed("import x = require('x');", "<error TS001>", {.loader = Loader::ts});
  expect_printed("export = x;", "<error TS002>", {.loader = Loader::ts});
  // Parameter decorators exist only with experimentalDecorators.
  expect_printed("class A { m(@p x) {} }", "<error TS003>", {.loader = Loader::ts});
  expect_printed("namespace N { export let a = 1; function f(a) {} }", "<error TS004>",
                 {.loader = Loader::ts});
  expect_printed("namespace N { export let a = 1; }",
                 "var N; (function (N) {            N.a = 1; })(N || (N = {}));",
                 {.loader = Loader::ts});
  expect_printed("namespace N { export const a = 1; }",
                 "var N; (function (N) {              N.a = 1; })(N || (N = {}));",
                 {.loader = Loader::ts});
  expect_printed("namespace N { export type T = 1; }", "                                  ",
                 {.loader = Loader::ts});
}

TEST_CASE("namespaces: exported variables are properties, dotted names nest") {
  expect_printed(
      "namespace N { export let a = 1; a++; f({ a }); }",
      "var N; (function (N) {            N.a = 1; N.a++; f({ a: N.a }); })(N || (N = {}));",
      {.loader = Loader::ts});
  expect_printed(
      "namespace N { export const a = 1; const g = (a) => a; }",
      "var N; (function (N) {        const a = N.a = 1; const g = (a) => a; })(N || (N = {}));",
      {.loader = Loader::ts});
  expect_printed(
      "namespace A.B { export var x = 1; }",
      "var A; (function (A) { let B; (function (B) {            B.x = 1; })(B = A.B || (A.B = "
      "{})); })(A || (A = {}));",
      {.loader = Loader::ts});
  expect_printed(
      "namespace N { export enum E { a } }",
      "var N; (function (N) {        let E; (function (E) { E[E[\"a\"] = 0] = \"a\"; })(E || (E = "
      "{})); N.E = E; })(N || (N = {}));",
      {.loader = Loader::ts});
}

TEST_CASE("grammar gaps of real-world TypeScript") {
  // Call signatures on their own lines in a type literal, doc comments between.
  expect_printed("let m: {\n  /** a */\n  <A>(a: A): A[]\n  /** b */\n  <B>(b: B): B[]\n} = f;",
                 "let m   \n          \n                \n          \n                \n  = f;",
                 {.loader = Loader::ts});
  // A function type whose parameter is named like a predefined type.
  expect_printed("let h: { inject: (any) => void } = o;", "let h                            = o;",
                 {.loader = Loader::ts});
  expect_printed("let h: (string) => void = o;", "let h                   = o;",
                 {.loader = Loader::ts});
  // `accessor` after other modifiers (lowered: browsers do not run it yet).
  expect_printed("class A { static accessor s = 1 }",
                 "class A { static  get s() { return this.#__hmrc_a10; } static set s(v) { "
                 "this.#__hmrc_a10 = v; } static #__hmrc_a10 = 1 }",
                 {.loader = Loader::ts});
  expect_printed("class A { private static accessor s = 1 }",
                 "class A {         static  get s() { return this.#__hmrc_a10; } static set s(v) "
                 "{ this.#__hmrc_a10 = v; } static #__hmrc_a10 = 1 }",
                 {.loader = Loader::ts});
  // "accessor" in a comment is not the keyword.
  expect_printed("class A { static /* accessor */ s = 1 }",
                 "class A { static /* accessor */ s = 1 }", {.loader = Loader::ts});
  // Type arguments on tagged templates, any type, any position.
  expect_printed("f(() => { return sql<Array<{ id: string }>>`x`.p })",
                 "f(() => { return sql                       `x`.p })", {.loader = Loader::ts});
  expect_printed("x = a.sql<A | B>`x`", "x = a.sql       `x`", {.loader = Loader::ts});
  expect_printed("x = sql<A<B<C>>>`x`", "x = sql         `x`", {.loader = Loader::ts});
  expect_printed("x = a << 2 >> `x`.length", "x = a << 2 >> `x`.length", {.loader = Loader::ts});
  // The guard: a `<` ... `>` pair around a template that was not read as
  // type arguments is an error, never a comparison in the output.
  expect_printed("x = a < b + 1 > `x`", "<error TS005>", {.loader = Loader::ts});
}

TEST_CASE("JavaScript is never touched by the TypeScript passes") {
  expect_printed("let a = b < c > (d);", "let a = b < c > (d);", {.loader = Loader::js});
}

TEST_CASE("module info lists only the imports that stay") {
  CompileOptions options;
  options.loader = Loader::ts;
  CompileResult r = compile(
      "import type { A } from './a';\nimport { B } from './b';\nimport { C } from './c';\n"
      "export type { D } from './d';\nexport { E } from './e';\nlet x: B = C;\nimport('./f');",
      options);
  REQUIRE(r.ok());
  CHECK(r.module_info.imports == std::vector<std::string>{"./c", "./e", "./f"});
}
