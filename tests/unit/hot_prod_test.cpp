#include <doctest/doctest.h>

#include <string>

#include "expect.hpp"

using namespace hmrc;

TEST_CASE("calls go with their arguments") {
  expect_printed("import.meta.hot.accept(() => f());", "");
  expect_printed("a();\nimport.meta.hot.dispose(x);\nb();", "a();\n\nb();");
  expect_printed("x = import.meta.hot?.accept();", "x = void 0;");
  expect_printed("if (c) import.meta.hot.accept();", "if (c) ;");
  expect_printed("(import.meta.hot.decline());", "");
  expect_printed("import.meta.hot.dispose(() => { import.meta.hot.data.x = 1; });", "");
}

TEST_CASE("a removed statement does not let its neighbours run together") {
  expect_printed("a = b\nif (import.meta.hot) {}\n(c)", "a = b\n;\n(c)");
  expect_printed("a = b\nimport.meta.hot.accept()\n;(c)", "a = b\n;(c)");
  expect_printed("a = b;\nif (import.meta.hot) {}\n(c)", "a = b;\n\n(c)");
  expect_printed("function f() {}\nimport.meta.hot.accept()\n;[c]", "function f() {}\n[c]");
  expect_printed("f = function () {}\nimport.meta.hot.accept()\n;[c]", "f = function () {}\n;[c]");
  expect_printed("a = b // c\nimport.meta.hot.accept();import.meta.hot.decline()\n;[c]",
                 "a = b // c\n;;[c]");
}

TEST_CASE("tests fold and dead branches go") {
  expect_printed("if (import.meta.hot) a();", "");
  expect_printed("if (import.meta.hot) a(); else b();", "b();");
  expect_printed("if (!import.meta.hot) { let a; } else b();", "{ let a; }");
  expect_printed("x = import.meta.hot ? 1 : 2;", "x = 2;");
  expect_printed("x = !import.meta.hot ? {} : 2;", "x = {};");
  expect_printed("!import.meta.hot ? {} : 2;", "({});");
  expect_printed("f = () => import.meta.hot ? 1 : function () {};", "f = () => (function () {});");
  expect_printed("export default import.meta.hot ? 1 : class {};", "export default (class {});");
  expect_printed("f((import.meta.hot ? 1 : {}));", "f(({}));");
  expect_printed("x = typeof import.meta.hot;", "x = \"undefined\";");
  expect_printed("x = !!import.meta.hot;", "x = false;");
  expect_printed("import.meta.hot && go();", "");
  expect_printed("!import.meta.hot && go();", "go();");
  expect_printed("if (import.meta.hot || force) go();", "if (force) go();");
  expect_printed("if (import.meta.hot ?? on) go();", "if (on) go();");
  expect_printed("if (on && import.meta.hot) go();", "if (on && void 0) go();");
  expect_printed("while (import.meta.hot) {}", "while (void 0) {}");
  expect_printed("if (a) b(); else if (import.meta.hot) c();", "if (a) b(); else ;");
}

TEST_CASE("data is an empty object, and {}.x ??= v is v") {
  expect_printed("n = import.meta.hot.data.n ?? 0;", "n = {}.n ?? 0;");
  expect_printed("r = import.meta.hot.data.r ??= make();", "r = make();");
  expect_printed("r = import.meta.hot.data.r ||= make();", "r = make();");
  expect_printed("r = import.meta.hot.data.r &&= make();", "r = void 0;");
  expect_printed("import.meta.hot.data.x = 1;", "({}).x = 1;");
  expect_printed("f = () => import.meta.hot.data.x;", "f = () => ({}).x;");
  expect_printed("import.meta.hot.data.o ??= { a: 1 };", "({ a: 1 });");
  expect_printed("keep(import.meta.hot.data);", "keep({});");
}

TEST_CASE("an optional chain through import.meta.hot is undefined as a whole (HMR-SPEC 1.1)") {
  expect_printed("keep(import.meta.hot?.data);", "keep(void 0);");
  expect_printed("n = import.meta.hot?.data.a.b;", "n = void 0;");
  expect_printed("n = import.meta.hot?.data[k]();", "n = void 0;");
  expect_printed("import.meta.hot?.data.x;", "void 0;");
  expect_printed("n = (import.meta.hot?.data).a;", "n = (void 0).a;");
}

TEST_CASE("everything else is untouched") {
  expect_printed("const s = 'import.meta.hot'; // import.meta.hot\nlog(import.meta.url);",
                 "const s = 'import.meta.hot'; // import.meta.hot\nlog(import.meta.url);");
}
