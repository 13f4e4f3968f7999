#include <doctest/doctest.h>

#include "diagnostics/render.hpp"
#include "transform/compile.hpp"

using namespace hmrc;

namespace {

// The first diagnostic as "line:col code message", or "" when there is none.
std::string first_error(std::string_view source, Loader loader = Loader::ts) {
  CompileOptions options;
  options.loader = loader;
  CompileResult r = compile(source, options);
  if (r.diagnostics.empty()) return "";
  LineIndex lines(source);
  const Diagnostic& d = r.diagnostics.front();
  Position p = lines.position(d.span.start);
  return std::to_string(p.line) + ":" + std::to_string(p.column) + " " + std::string(d.code) + " " +
         d.message;
}

std::size_t error_count(std::string_view source) {
  CompileOptions options;
  return compile(source, options).diagnostics.size();
}

}  // namespace

TEST_CASE("syntax errors name what was found and where") {
  CHECK(first_error("let b = ;") == "1:9 S001 unexpected `;`");
  CHECK(first_error("const x = 1 2;") == "1:13 S001 unexpected number `2`");
  CHECK(first_error("foo)") == "1:4 S001 unexpected `)`");
  CHECK(first_error("function f( {") == "1:14 S001 unexpected end of file");
  CHECK(first_error("if (a { b() }") == "1:6 S002 expected `)`");
  CHECK(first_error("let z = `abc") == "1:9 S001 unterminated template literal");
  CHECK(first_error("ok();\r\nlet é = ;") == "2:9 S001 unexpected `;`");
  CHECK(first_error("let a = /* not me */ ;") == "1:22 S001 unexpected `;`");
}

TEST_CASE("valid code has no diagnostics") {
  CHECK(first_error("export const a = <div>{b}</div>;", Loader::jsx) == "");
  CHECK(first_error("let x = <T,>(a: T) => a;", Loader::tsx) == "");
  CHECK(first_error("let y = <number>z;", Loader::ts) == "");
}

TEST_CASE("after 20 errors the rest is counted, not listed") {
  std::string source;
  for (int i = 0; i < 30; ++i) source += "let a = ;\n";
  CHECK(error_count(source) == 21);
  CHECK(first_error(source) == "1:9 S001 unexpected `;`");
}

TEST_CASE("bad bytes are reported with their offset") {
  CHECK(first_error("let a = 1;\n\xff") == "2:1 I002 invalid UTF-8 at byte offset 11");
  CHECK(first_error(std::string_view("ab\0c", 4)) ==
        "1:3 I001 NUL byte at byte offset 2: this is not a text file");
}

std::string repeat(std::string_view piece, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += piece;
  return out;
}

// Debian's tree-sitter 0.20.7 aborted freeing the first of these; walks that
// asked tree-sitter for parents or siblings took minutes on them.
TEST_CASE("deep nesting neither crashes, recurses nor goes quadratic") {
  CHECK(first_error(repeat("[", 200000)) == "1:200001 S001 unexpected end of file");
  CHECK(first_error(repeat("(", 100000) + "1" + repeat(")", 100000) + ";") == "");
  CHECK(first_error(repeat("{", 50000)).find("S00") != std::string::npos);
  CHECK(first_error(std::string("x = ").append(repeat("a + (", 30000)).append("1;")).find("S00") !=
        std::string::npos);
  CHECK(first_error(repeat("`${", 20000)).find("S00") != std::string::npos);
  CHECK(first_error(repeat("<a>", 20000), Loader::tsx).find("S00") != std::string::npos);
  CHECK(first_error(repeat(")", 100000)).find("S00") != std::string::npos);
  CHECK(first_error(std::string("a").append(repeat(".b", 100000)).append(";")) == "");
}

TEST_CASE("a code frame points at the span") {
  std::string_view source = "let\tb = ;";
  LineIndex lines(source);
  Diagnostic d{codes::kUnexpectedSyntax, Severity::error, {8, 9}, "unexpected `;`", {"a note"}};
  CHECK(render_text(d, {"x.ts", source, lines}, false) ==
        "x.ts:1:9: error: unexpected `;` [S001]\n"
        "    1 | let\tb = ;\n"
        "      |    \t    ^\n"
        "note: a note\n");
}
