// Splits hmrc's compile time into tree-sitter's parse and hmrc's own work,
// in one process on one thread, so that start-up, file I/O and scheduling
// are left out:
//   build/tools/bench/parse-bench [--rounds N] [--mode dev|prod] FILE...
// prints one JSON object: the files and bytes measured (files hmrc rejects
// are left out and counted as `failed`) and, per phase, the sum over files of
// each file's best thread CPU time in N rounds (a busy machine only ever adds
// time):
//   parse    Parser::parse and dropping the tree (what any use of the grammar costs)
//   walk     parse + a bare TreeCursor walk over every node (the floor of any pass)
//   analyze  parse + the one walk over every node (src/transform/analysis.cpp), with
//            TypeScript erasure (typescript/erase) riding along, as compile() runs it
//            without a source map
//   compile  hmrc::compile, the whole pipeline the CLI runs (parse included)
// hmrc's own work is compile - parse. The largest file's parse and compile
// times are given apart: a batch cannot finish before it does. tools/bench/bench.mjs runs it.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "cpu_time.hpp"
#include "parser/grammar.hpp"
#include "parser/tree.hpp"
#include "transform/compile.hpp"
#include "transform/typescript/erase.hpp"

namespace {

struct Input {
  std::string path;
  std::string text;
  hmrc::Loader loader;
};

using hmrc::bench::thread_cpu_ms;
using hmrc::bench::time_ms;

std::size_t count_nodes(TSNode root) {
  std::size_t n = 0;
  hmrc::TreeCursor cursor(root);
  for (;;) {
    ++n;
    if (cursor.first_child()) continue;
    if (!cursor.skip_subtree()) return n;
  }
}

// Keeps the optimiser from dropping work whose result is unused.
volatile std::size_t g_sink = 0;

}  // namespace

int main(int argc, char** argv) {
  int rounds = 3;
  hmrc::Mode mode = hmrc::Mode::prod;
  std::vector<Input> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--mode" && i + 1 < argc) {
      mode = std::string_view(argv[++i]) == "dev" ? hmrc::Mode::dev : hmrc::Mode::prod;
    } else {
      auto loader = hmrc::loader_for_path(arg);
      std::ifstream in(argv[i], std::ios::binary);
      if (!loader || !in) {
        fmt::print(stderr, "parse-bench: cannot read '{}' or tell its language\n", arg);
        return 2;
      }
      std::stringstream buffer;
      buffer << in.rdbuf();
      inputs.push_back({std::string(arg), buffer.str(), *loader});
    }
  }
  if (inputs.empty()) {
    fmt::print(stderr, "usage: parse-bench [--rounds N] [--mode dev|prod] FILE...\n");
    return 2;
  }

  // A file with syntax errors stops compile() before its passes: it would
  // make the phases incomparable, so it is left out (and counted).
  std::size_t failed = 0;
  std::erase_if(inputs, [&](const Input& in) {
    hmrc::CompileOptions options;
    options.mode = mode;
    options.loader = in.loader;
    bool ok = hmrc::compile(in.text, options).ok();
    failed += ok ? 0 : 1;
    return !ok;
  });
  if (inputs.empty()) {
    fmt::print(stderr, "parse-bench: hmrc rejects every input; nothing to measure\n");
    return 1;
  }
  std::size_t bytes = 0;
  for (const auto& in : inputs) bytes += in.text.size();
  std::vector<double> parse(inputs.size(), 1e300), walk(inputs.size(), 1e300),
      analyze(inputs.size(), 1e300), compile(inputs.size(), 1e300);
  for (int r = 0; r < rounds; ++r) {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const Input& in = inputs[i];
      const TSLanguage* language = hmrc::language_for(in.loader);
      parse[i] = std::min(parse[i], time_ms([&] {
                            hmrc::Parser parser;
                            hmrc::Tree tree = parser.parse(in.text, language);
                            g_sink = g_sink + ts_node_end_byte(tree.root());
                          }));
      walk[i] = std::min(walk[i], time_ms([&] {
                           hmrc::Parser parser;
                           hmrc::Tree tree = parser.parse(in.text, language);
                           g_sink = g_sink + count_nodes(tree.root());
                         }));
      analyze[i] = std::min(
          analyze[i], time_ms([&] {
            hmrc::Parser parser;
            hmrc::Tree tree = parser.parse(in.text, language);
            // As compile() walks without a source map: TypeScript erasure rides along.
            std::unique_ptr<hmrc::TsErase> erase;
            if (hmrc::is_typescript(in.loader))
              erase = std::make_unique<hmrc::TsErase>(tree.root(), in.text);
            g_sink =
                g_sink + hmrc::analyze(tree.root(), in.text, {false, erase.get()}).writes.size();
          }));
      compile[i] = std::min(compile[i], time_ms([&] {
                              hmrc::CompileOptions options;
                              options.mode = mode;
                              options.loader = in.loader;
                              hmrc::CompileResult result = hmrc::compile(in.text, options);
                              g_sink = g_sink + result.code.size();
                            }));
    }
  }
  auto total = [](const std::vector<double>& v) {
    double t = 0;
    for (double x : v) t += x;
    return t;
  };
  double best_parse = total(parse), best_walk = total(walk), best_analyze = total(analyze),
         best_compile = total(compile);
  std::size_t largest = 0;
  for (std::size_t i = 1; i < inputs.size(); ++i)
    if (inputs[i].text.size() > inputs[largest].text.size()) largest = i;
  fmt::print(
      "{{\"largest\":{{\"file\":{},\"bytes\":{},\"parse_ms\":{:.3f},\"compile_ms\":{:.3f}}},",
      boost::json::serialize(boost::json::string(inputs[largest].path)),
      inputs[largest].text.size(), parse[largest], compile[largest]);
  fmt::print(
      "\"files\":{},\"bytes\":{},\"rounds\":{},\"failed\":{},\"parse_ms\":{:.3f},"
      "\"walk_ms\":{:.3f},\"analyze_ms\":{:.3f},\"compile_ms\":{:.3f}}}\n",
      inputs.size(), bytes, rounds, failed, best_parse, best_walk, best_analyze, best_compile);
  return 0;
}
