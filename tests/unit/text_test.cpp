#include "parser/text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace hmrc;
using namespace std::string_literals;

namespace {

// "ok", or the problem and its offset, e.g. "utf8@3".
std::string problem(std::string_view text) {
  auto p = check_text(text);
  if (!p) return "ok";
  const char* kind = p->kind == TextProblem::Kind::nul_byte ? "nul" : "utf8";
  return std::string(kind) + "@" + std::to_string(p->offset);
}

std::string position(std::string_view text, uint32_t offset) {
  LineIndex lines(text);
  Position p = lines.position(offset);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

}  // namespace

TEST_CASE("check_text accepts UTF-8 and finds NUL and invalid sequences") {
  CHECK(problem("") == "ok");
  CHECK(problem("let a = 'é漢😀';") == "ok");
  CHECK(problem("0123456789abcdef\0"s) == "nul@16");
  CHECK(problem("ab\xff") == "utf8@2");
  CHECK(problem("abcdefgh\xc3") == "utf8@8");      // truncated 2-byte sequence
  CHECK(problem("\xc0\xaf") == "utf8@0");          // overlong '/'
  CHECK(problem("\xed\xa0\x80") == "utf8@0");      // UTF-16 surrogate
  CHECK(problem("\xf4\x90\x80\x80") == "utf8@0");  // above U+10FFFF
  CHECK(problem("x\xe2\x82") == "utf8@1");         // truncated at the end
}

TEST_CASE("positions are 1-based lines and code-point columns") {
  CHECK(position("abc", 0) == "1:1");
  CHECK(position("abc", 3) == "1:4");
  CHECK(position("a\nb", 2) == "2:1");
  CHECK(position("a\r\nb", 3) == "2:1");
  CHECK(position("a\rb", 2) == "2:1");
  CHECK(position("é漢x", 5) == "1:3");
  CHECK(position("\tx", 1) == "1:2");
}

TEST_CASE("line_text drops the line break") {
  LineIndex lines("one\r\ntwo\nthree");
  CHECK(lines.line_count() == 3);
  CHECK(lines.line_text(1) == "one");
  CHECK(lines.line_text(2) == "two");
  CHECK(lines.line_text(3) == "three");
}

TEST_CASE("UTF-16 units count astral code points twice") {
  CHECK(count_utf16_units("abc") == 3);
  CHECK(count_utf16_units("é漢") == 2);
  CHECK(count_utf16_units("😀") == 2);
}
