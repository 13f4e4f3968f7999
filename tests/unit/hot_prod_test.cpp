#include <doctest/doctest.h>

#include <string>

#include "transform/compile.hpp"

using namespace hmrc;

namespace {

std::string prod(std::string_view source) {
  CompileOptions options;
  options.mode = Mode::prod;
  options.loader = Loader::js;
  CompileResult r = compile(source, options);
  return r.ok() ? r.code : "<error>";
}

}  // namespace

TEST_CASE("calls go with their arguments") {
  CHECK(prod("import.meta.hot.accept(() => f());") == "");
  CHECK(prod("a();\nimport.meta.hot.dispose(x);\nb();") == "a();\n\nb();");
  CHECK(prod("x = import.meta.hot?.accept();") == "x = void 0;");
  CHECK(prod("if (c) import.meta.hot.accept();") == "if (c) ;");
  CHECK(prod("(import.meta.hot.decline());") == "");
  CHECK(prod("import.meta.hot.dispose(() => { import.meta.hot.data.x = 1; });") == "");
}

TEST_CASE("a removed statement does not let its neighbours run together") {
  CHECK(prod("a = b\nif (import.meta.hot) {}\n(c)") == "a = b\n;\n(c)");
  CHECK(prod("a = b\nimport.meta.hot.accept()\n;(c)") == "a = b\n;(c)");
  CHECK(prod("a = b;\nif (import.meta.hot) {}\n(c)") == "a = b;\n\n(c)");
  CHECK(prod("function f() {}\nimport.meta.hot.accept()\n;[c]") == "function f() {}\n[c]");
  CHECK(prod("f = function () {}\nimport.meta.hot.accept()\n;[c]") == "f = function () {}\n;[c]");
  CHECK(prod("a = b // c\nimport.meta.hot.accept();import.meta.hot.decline()\n;[c]") ==
        "a = b // c\n;;[c]");
}

TEST_CASE("tests fold and dead branches go") {
  CHECK(prod("if (import.meta.hot) a();") == "");
  CHECK(prod("if (import.meta.hot) a(); else b();") == "b();");
  CHECK(prod("if (!import.meta.hot) { let a; } else b();") == "{ let a; }");
  CHECK(prod("x = import.meta.hot ? 1 : 2;") == "x = 2;");
  CHECK(prod("x = !import.meta.hot ? {} : 2;") == "x = {};");
  CHECK(prod("!import.meta.hot ? {} : 2;") == "({});");
  CHECK(prod("f = () => import.meta.hot ? 1 : function () {};") == "f = () => (function () {});");
  CHECK(prod("export default import.meta.hot ? 1 : class {};") == "export default (class {});");
  CHECK(prod("f((import.meta.hot ? 1 : {}));") == "f(({}));");
  CHECK(prod("x = typeof import.meta.hot;") == "x = \"undefined\";");
  CHECK(prod("x = !!import.meta.hot;") == "x = false;");
  CHECK(prod("import.meta.hot && go();") == "");
  CHECK(prod("!import.meta.hot && go();") == "go();");
  CHECK(prod("if (import.meta.hot || force) go();") == "if (force) go();");
  CHECK(prod("if (import.meta.hot ?? on) go();") == "if (on) go();");
  CHECK(prod("if (on && import.meta.hot) go();") == "if (on && void 0) go();");
  CHECK(prod("while (import.meta.hot) {}") == "while (void 0) {}");
  CHECK(prod("if (a) b(); else if (import.meta.hot) c();") == "if (a) b(); else ;");
}

TEST_CASE("data is an empty object, and {}.x ??= v is v") {
  CHECK(prod("n = import.meta.hot.data.n ?? 0;") == "n = {}.n ?? 0;");
  CHECK(prod("r = import.meta.hot.data.r ??= make();") == "r = make();");
  CHECK(prod("r = import.meta.hot.data.r ||= make();") == "r = make();");
  CHECK(prod("r = import.meta.hot.data.r &&= make();") == "r = void 0;");
  CHECK(prod("import.meta.hot.data.x = 1;") == "({}).x = 1;");
  CHECK(prod("f = () => import.meta.hot.data.x;") == "f = () => ({}).x;");
  CHECK(prod("import.meta.hot.data.o ??= { a: 1 };") == "({ a: 1 });");
  CHECK(prod("keep(import.meta.hot?.data);") == "keep({});");
}

TEST_CASE("everything else is untouched") {
  CHECK(prod("const s = 'import.meta.hot'; // import.meta.hot\nlog(import.meta.url);") ==
        "const s = 'import.meta.hot'; // import.meta.hot\nlog(import.meta.url);");
}
