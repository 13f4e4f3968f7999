// Small RAII owners for tree-sitter's parser, tree and cursor.
#pragma once

#include <tree_sitter/api.h>

#include <memory>
#include <string_view>

#include "tree_sitter/arena.hpp"

namespace hmrc {

// A tree from Parser lives in its own arena (tree_sitter/arena.hpp): it is
// freed by dropping the arena, not node by node.
class Tree {
 public:
  Tree() = default;
  // Takes a tree allocated outside any arena; ts_tree_delete frees it.
  explicit Tree(TSTree* tree) : tree_(tree) {}
  Tree(TSTree* tree, ts_alloc::ArenaRef arena, int generation = 0)
      : tree_(tree), arena_(std::move(arena)), generation_(generation) {}
  Tree(Tree&& other) noexcept
      : tree_(other.tree_), arena_(std::move(other.arena_)), generation_(other.generation_) {
    other.tree_ = nullptr;
  }
  Tree& operator=(Tree&& other) noexcept {
    if (this != &other) {
      reset();
      tree_ = other.tree_;
      arena_ = std::move(other.arena_);
      generation_ = other.generation_;
      other.tree_ = nullptr;
    }
    return *this;
  }
  ~Tree() { reset(); }

  explicit operator bool() const { return tree_ != nullptr; }
  TSNode root() const { return ts_tree_root_node(tree_); }
  TSTree* get() const { return tree_; }
  const ts_alloc::ArenaRef& arena() const { return arena_; }
  // How many incremental reparses led to this tree (0: parsed from scratch).
  // Each keeps its predecessor's arena alive: the chain is this long.
  int generation() const { return generation_; }

 private:
  void reset() {
    if (tree_ && !arena_) ts_tree_delete(tree_);
    tree_ = nullptr;
    arena_.reset();
  }

  TSTree* tree_ = nullptr;
  ts_alloc::ArenaRef arena_;  // null: the tree is on the heap
  int generation_ = 0;
};

// Tells `tree` that its text `before` became `after`, of the same length
// (typescript_repair's copies), so that a parse given it as `previous` reuses what
// did not change. Each run of changed bytes is one edit.
void edit_same_length(Tree& tree, std::string_view before, std::string_view after);
// The one edit that turns `before` into `after`: their common prefix and
// suffix stay, the middle is replaced. Points are (row, byte column), as
// tree-sitter counts them.
//   "let a = 1;\nf();"  ->  "let a = 12;\nf();"
//   start 9 (0,9), old end 9 (0,9), new end 10 (0,10)
TSInputEdit edit_between(std::string_view before, std::string_view after);

class Parser {
 public:
  // An empty Tree means the grammar could not be loaded (ABI mismatch). An
  // incremental parse keeps `previous`'s arena alive as long as the new tree:
  // they share nodes.
  Tree parse(std::string_view text, const TSLanguage* language, const Tree* previous = nullptr);

  // Parses `text` incrementally from `previous`, the tree Parser gave for
  // `previous_text`: a copy of `previous` is edited (edit_between) and
  // reparsed, so `previous` itself stays valid and unchanged. The new tree
  // shares unchanged nodes with it and keeps its arena alive.
  Tree reparse(std::string_view text, const TSLanguage* language, const Tree& previous,
               std::string_view previous_text);
};

// Walks never recurse on nesting depth: they move a cursor.
class TreeCursor {
 public:
  explicit TreeCursor(TSNode node) : cursor_(ts_tree_cursor_new(node)) {}
  ~TreeCursor() { ts_tree_cursor_delete(&cursor_); }
  TreeCursor(const TreeCursor&) = delete;
  TreeCursor& operator=(const TreeCursor&) = delete;

  TSNode node() const { return ts_tree_cursor_current_node(&cursor_); }
  TSTreeCursor* raw() { return &cursor_; }
  bool first_child() { return ts_tree_cursor_goto_first_child(&cursor_); }
  bool next_sibling() { return ts_tree_cursor_goto_next_sibling(&cursor_); }
  bool parent() { return ts_tree_cursor_goto_parent(&cursor_); }

  // Moves to the next node in document order that is not below the current
  // one. Returns false at the end of the tree.
  bool skip_subtree() {
    while (!next_sibling())
      if (!parent()) return false;
    return true;
  }

 private:
  TSTreeCursor cursor_;
};

}  // namespace hmrc
