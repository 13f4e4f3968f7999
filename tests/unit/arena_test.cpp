#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <thread>

#include "parser/grammar.hpp"
#include "parser/tree.hpp"

using namespace hmrc;

namespace {

std::string text_of(TSNode node, const std::string& source) {
  return source.substr(ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node));
}

}  // namespace

TEST_CASE("arena: blocks from a scope survive it, and are freed or grown from outside") {
  ts_alloc::ArenaRef arena = ts_alloc::make_arena();
  char* a;
  char* b;
  {
    ts_alloc::ArenaScope scope(arena.get());
    a = static_cast<char*>(hmrc_ts_malloc(10));
    std::memcpy(a, "arena-one", 10);
    b = static_cast<char*>(hmrc_ts_calloc(4, 8));
    for (int i = 0; i < 32; ++i) CHECK(b[i] == 0);
    CHECK(ts_alloc::arena_bytes_used(*arena) >= 42);
  }
  // Outside the scope: a grown arena block moves to malloc, keeping its bytes.
  char* grown = static_cast<char*>(hmrc_ts_realloc(a, 4000));
  CHECK(std::string(grown) == "arena-one");
  hmrc_ts_free(grown);
  hmrc_ts_free(b);  // an arena block: nothing to do until the arena goes
}

TEST_CASE("arena: the newest block grows in place and is given back on free") {
  ts_alloc::ArenaRef arena = ts_alloc::make_arena();
  ts_alloc::ArenaScope scope(arena.get());
  void* p = hmrc_ts_malloc(16);
  std::size_t used = ts_alloc::arena_bytes_used(*arena);
  CHECK(hmrc_ts_realloc(p, 64) == p);
  CHECK(ts_alloc::arena_bytes_used(*arena) > used);
  hmrc_ts_free(p);
  CHECK(ts_alloc::arena_bytes_used(*arena) == 0);
  // Larger than the block in use: moves to a new block, contents kept.
  auto* big = static_cast<char*>(hmrc_ts_malloc(1 << 20));
  big[(1 << 20) - 1] = 'x';
  auto* bigger = static_cast<char*>(hmrc_ts_realloc(big, 3 << 20));
  CHECK(bigger[(1 << 20) - 1] == 'x');
}

TEST_CASE("arena: malloc blocks made outside a scope are freed and grown inside one") {
  void* heap = hmrc_ts_malloc(8);
  std::memcpy(heap, "heap", 5);
  ts_alloc::ArenaRef arena = ts_alloc::make_arena();
  ts_alloc::ArenaScope scope(arena.get());
  heap = hmrc_ts_realloc(heap, 100000);
  CHECK(std::string(static_cast<char*>(heap)) == "heap");
  CHECK(ts_alloc::arena_bytes_used(*arena) == 0);
  hmrc_ts_free(heap);
}

TEST_CASE("arena: a tree outlives its parser and can be read on another thread") {
  std::string source = "const answer = compute(42);\n";
  Tree tree;
  {
    Parser parser;
    tree = parser.parse(source, language_for(Loader::ts));
  }
  REQUIRE(tree);
  CHECK(tree.arena());
  std::string seen;
  std::thread([&] {
    TreeCursor cursor(tree.root());
    while (cursor.first_child()) {
    }
    seen = text_of(cursor.node(), source);
    Tree moved = std::move(tree);  // and is freed there
  }).join();
  CHECK(seen == "const");
  CHECK(!tree);
}

TEST_CASE("arena: an incremental parse keeps the previous tree's nodes alive") {
  std::string before = "let a = 1;\nlet b = 2;\n";
  std::string after = "let a = 1;\nlet c = 2;\n";
  Parser parser;
  Tree old_tree = parser.parse(before, language_for(Loader::js));
  TSInputEdit edit{15, 16, 16, {1, 4}, {1, 5}, {1, 5}};
  ts_tree_edit(old_tree.get(), &edit);
  Tree new_tree = parser.parse(after, language_for(Loader::js), &old_tree);
  old_tree = Tree();  // the new tree shares nodes with it
  REQUIRE(new_tree);
  TSNode second = ts_node_named_child(new_tree.root(), 1);
  CHECK(text_of(second, after) == "let c = 2;");
  CHECK(!ts_node_has_error(new_tree.root()));
}

TEST_CASE("arena: many trees in a row reuse the same blocks") {
  std::string source;
  for (int i = 0; i < 2000; ++i)
    source += "function f" + std::to_string(i) + "(x) { return x * 2; }\n";
  Parser parser;
  for (int round = 0; round < 20; ++round) {
    Tree tree = parser.parse(source, language_for(Loader::js));
    REQUIRE(tree);
    CHECK(ts_node_named_child_count(tree.root()) == 2000);
  }
}
