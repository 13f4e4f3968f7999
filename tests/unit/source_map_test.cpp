#include "emit/source_map.hpp"

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "analysis/analysis.hpp"
#include "parser/grammar.hpp"
#include "parser/tree.hpp"

using namespace hmrc;

namespace {

std::string vlq(int64_t v) {
  std::string out;
  detail::append_vlq(out, v);
  return out;
}

// The `mappings` field for `original` after `edit`.
template <typename F>
std::string mappings(std::string_view original, F&& edit) {
  Parser parser;
  Tree tree = parser.parse(original, language_for(Loader::ts));
  std::vector<uint32_t> tokens = analyze(tree.root(), original).token_starts;
  EditBuffer buffer(original);
  edit(buffer);
  std::string map = build_source_map(buffer.pieces(), {original, tokens, "out.js", "in.ts"});
  return std::string(boost::json::parse(map).at("mappings").as_string());
}

}  // namespace

TEST_CASE("VLQ and base64 follow the source map specification") {
  CHECK(vlq(0) == "A");
  CHECK(vlq(1) == "C");
  CHECK(vlq(-1) == "D");
  CHECK(vlq(15) == "e");
  CHECK(vlq(16) == "gB");
  CHECK(vlq(-17) == "jB");
  CHECK(vlq(1000) == "w+B");
  CHECK(detail::base64("") == "");
  CHECK(detail::base64("f") == "Zg==");
  CHECK(detail::base64("fo") == "Zm8=");
  CHECK(detail::base64("foo") == "Zm9v");
}

TEST_CASE("every token maps to itself") {
  CHECK(mappings("a = b;", [](auto&) {}) == "AAAA,EAAE,EAAE,CAAC");
  CHECK(mappings("a;\nb;", [](auto&) {}) == "AAAA,CAAC;AACD,CAAC");
  // Columns count UTF-16 units: the astral character counts twice.
  CHECK(mappings("'😀'; x;", [](auto&) {}) == "AAAA,CAAC,EAAE,CAAC,EAAE,CAAC");
}

TEST_CASE("removed text is not mapped and later tokens keep their origin") {
  CHECK(mappings("let a: T = 1;", [](auto& b) { b.remove(5, 8); }) ==
        "AAAA,IAAI,CAAI,CAAC,EAAE,CAAC");
}

TEST_CASE("source map fields") {
  std::string_view text = "x;";
  EditBuffer buffer(text);
  std::vector<uint32_t> tokens{0, 1};
  auto map =
      boost::json::parse(build_source_map(buffer.pieces(), {text, tokens, "o.js", "../i.ts"}));
  CHECK(map.at("version").as_int64() == 3);
  CHECK(map.at("file").as_string() == "o.js");
  CHECK(map.at("sources").as_array().at(0).as_string() == "../i.ts");
  CHECK(map.at("sourcesContent").as_array().at(0).as_string() == "x;");
}

TEST_CASE("sourceMappingURL comments") {
  CHECK(external_map_comment("a b.js.map") == "//# sourceMappingURL=a%20b.js.map\n");
  CHECK(inline_map_comment("{}") == "//# sourceMappingURL=data:application/json;base64,e30=\n");
}
