// Prints the tree-sitter tree of a file, one node a line, for developing passes:
//   build/tools/dump-tree file.ts
//   build/tools/dump-tree file.ts --repaired   # ts_repair's last copy, then its tree
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "parser/grammar.hpp"
#include "parser/recovery/typescript_repair.hpp"
#include "parser/tree.hpp"

int main(int argc, char** argv) {
  bool repaired = argc == 3 && std::string_view(argv[2]) == "--repaired";
  if (argc != 2 && !repaired) {
    fmt::print(stderr, "usage: dump-tree FILE [--repaired]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  auto loader = hmrc::loader_for_path(argv[1]).value_or(hmrc::Loader::tsx);
  hmrc::Parser parser;
  hmrc::Tree tree = parser.parse(text, hmrc::language_for(loader));
  // The rounds compile() runs (from scratch here: this is for reading).
  int rounds = 0;
  for (int round = 0; repaired && round < 24 && ts_node_has_error(tree.root()); ++round) {
    auto repair = hmrc::repair_typescript(tree.root(), text);
    if (!repair) break;
    ++rounds;
    text = std::move(repair->text);
    tree = parser.parse(text, hmrc::language_for(loader));
  }
  if (repaired) fmt::print("{}\n----\n", text);
  if (repaired) fmt::print(stderr, "repair rounds: {}\n", rounds);
  hmrc::TreeCursor cursor(tree.root());
  int depth = 0;
  for (;;) {
    TSNode n = cursor.node();
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    std::string_view t = std::string_view(text).substr(s, std::min<uint32_t>(e - s, 40));
    fmt::print("{:{}}{}{} [{}-{}] {}\n", "", depth * 2, ts_node_is_missing(n) ? "MISSING " : "",
               ts_node_type(n), s, e, ts_node_child_count(n) ? "" : fmt::format("`{}`", t));
    if (cursor.first_child()) {
      ++depth;
      continue;
    }
    while (!cursor.next_sibling()) {
      if (!cursor.parent()) return 0;
      --depth;
    }
  }
}
