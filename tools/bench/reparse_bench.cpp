// What the dev server's incremental reparse saves: thread CPU time (best of
// N rounds, so a busy machine adds nothing) of a parse and a compile from
// scratch against a reparse and a compile with a ParseMemo, after a
// one-character edit in the middle of each file:
//   build/tools/bench/reparse-bench [--rounds N] FILE...
// prints one line per file:
//   big.ts 1048576 bytes: parse 412.1 ms, reparse 3.2 ms; compile 880.0 ms, with memo 470.3 ms
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

#include "cpu_time.hpp"
#include "parser/grammar.hpp"
#include "parser/tree.hpp"
#include "transform/compile.hpp"

namespace {

using hmrc::bench::thread_cpu_ms;
using hmrc::bench::time_ms;

// The text with one character changed near its middle: a digit if there is
// one close by (stays valid), else a letter of an identifier.
std::string one_character_edit(std::string text) {
  std::size_t at = text.find_first_of("0123456789", text.size() / 2);
  if (at == std::string::npos)
    at = text.find_first_of("abcdefghijklmnopqrstuvwxyz", text.size() / 2);
  if (at != std::string::npos) text[at] = text[at] == '1' ? '2' : '1';
  return text;
}

volatile std::size_t g_sink = 0;

}  // namespace

int main(int argc, char** argv) {
  int rounds = 5;
  int measured = 0;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    auto loader = hmrc::loader_for_path(arg);
    std::ifstream in(argv[i], std::ios::binary);
    if (!loader || !in) {
      fmt::print(stderr, "reparse-bench: cannot read '{}' or tell its language\n", arg);
      return 2;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string before = buffer.str();
    std::string after = one_character_edit(before);
    const TSLanguage* language = hmrc::language_for(*loader);
    hmrc::CompileOptions options;
    options.mode = hmrc::Mode::dev;
    options.loader = *loader;
    options.source_map = hmrc::SourceMapMode::external;

    double parse = 1e300, reparse = 1e300, compile = 1e300, with_memo = 1e300;
    bool reparsed = true;
    for (int r = 0; r < rounds; ++r) {
      hmrc::Parser parser;
      hmrc::Tree previous = parser.parse(before, language);
      parse = std::min(parse, time_ms([&] {
                         hmrc::Tree tree = parser.parse(after, language);
                         g_sink = g_sink + ts_node_end_byte(tree.root());
                       }));
      reparse = std::min(reparse, time_ms([&] {
                           hmrc::Tree tree = parser.reparse(after, language, previous, before);
                           g_sink = g_sink + ts_node_end_byte(tree.root());
                         }));
      compile = std::min(
          compile, time_ms([&] { g_sink = g_sink + hmrc::compile(after, options).code.size(); }));
      hmrc::ParseMemo memo;
      hmrc::compile(before, options, memo);
      with_memo = std::min(with_memo, time_ms([&] {
                             g_sink = g_sink + hmrc::compile(after, options, memo).code.size();
                           }));
      reparsed = reparsed && memo.reparsed;
    }
    fmt::print(
        "{} {} bytes: parse {:.2f} ms, reparse {:.2f} ms; compile {:.2f} ms, with memo {:.2f} "
        "ms{}\n",
        arg, before.size(), parse, reparse, compile, with_memo,
        reparsed ? "" : " (the memo was not used: the file has syntax errors)");
    ++measured;
  }
  if (measured == 0) {
    fmt::print(stderr, "usage: reparse-bench [--rounds N] FILE...\n");
    return 2;
  }
  return 0;
}
