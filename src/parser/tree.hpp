// Small RAII owners for tree-sitter's parser, tree and cursor.
#pragma once

#include <tree_sitter/api.h>

#include <memory>
#include <string_view>

namespace hmrc {

class Tree {
 public:
  Tree() = default;
  explicit Tree(TSTree* tree) : tree_(tree) {}

  explicit operator bool() const { return tree_ != nullptr; }
  TSNode root() const { return ts_tree_root_node(tree_.get()); }
  TSTree* get() const { return tree_.get(); }

 private:
  struct Deleter {
    void operator()(TSTree* t) const { ts_tree_delete(t); }
  };
  std::unique_ptr<TSTree, Deleter> tree_;
};

class Parser {
 public:
  Parser() : parser_(ts_parser_new()) {}

  // An empty Tree means the grammar could not be loaded (ABI mismatch).
  Tree parse(std::string_view text, const TSLanguage* language, const Tree* previous = nullptr);

 private:
  struct Deleter {
    void operator()(TSParser* p) const { ts_parser_delete(p); }
  };
  std::unique_ptr<TSParser, Deleter> parser_;
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
