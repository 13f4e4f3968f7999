#include "ts_repair.hpp"

#include <cctype>

#include "parser/tree.hpp"
#include "ts_syntax.hpp"

namespace hmrc {
namespace {

using ts::K;

bool is_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Repairer {
 public:
  Repairer(TSNode root, std::string_view text)
      : root_(root), syn_(ts::syntax_for(ts_tree_language(root.tree))), text_(text) {
    out_.text = std::string(text);
  }

  std::optional<TsRepair> run() {
    std::vector<TSNode> ancestors;
    TreeCursor cursor(root_);
    TSNode previous{};  // the sibling before the current node, if any
    for (;;) {
      TSNode node = cursor.node();
      bool descend = ts_node_has_error(node);
      if (ts_node_is_error(node)) {
        repair(ancestors, previous, node);
        descend = false;
      }
      if (descend && cursor.first_child()) {
        ancestors.push_back(node);
        previous = TSNode{};
        continue;
      }
      for (;;) {
        TSNode left = cursor.node();
        if (cursor.next_sibling()) {
          previous = left;
          break;
        }
        if (!cursor.parent())
          return changed_ ? std::optional<TsRepair>(std::move(out_)) : std::nullopt;
        ancestors.pop_back();
      }
    }
  }

 private:
  void repair(const std::vector<TSNode>& ancestors, TSNode previous, TSNode error) {
    for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
      K k = syn_.kind(*it);
      if (k == K::type_parameters) {
        drop_variance(*it);
        return;
      }
      if (k == K::interface_declaration || k == K::type_alias_declaration) {
        separate_signatures(*it);
        return;
      }
      if (k == K::export_statement) {
        if (exports_types(*it)) {
          uint32_t s = ts_node_start_byte(*it), e = ts_node_end_byte(*it);
          for (uint32_t i = s; i < e; ++i)
            if (out_.text[i] != '\n' && out_.text[i] != '\r') out_.text[i] = ' ';
          out_.removed_statements.push_back({s, e});
          changed_ = true;
        }
        return;
      }
      if (k == K::statement_block || k == K::program || k == K::class_body) break;
    }
    // The grammar may end an interface early and leave the rest of its body
    // as an ERROR next to it: the pattern then spans both.
    if (ts_node_is_null(previous)) return;
    TSNode decl = previous;
    if (syn_.kind(decl) == K::export_statement) {
      TSNode d = ts_node_child_by_field_id(decl, syn_.fields.declaration);
      if (!ts_node_is_null(d)) decl = d;
    }
    K pk = syn_.kind(decl);
    if (pk != K::interface_declaration && pk != K::type_alias_declaration) return;
    for (uint32_t i = ts_node_end_byte(previous); i < ts_node_start_byte(error); ++i)
      if (!is_space(text_[i])) return;
    separate_signatures(ts_node_start_byte(decl), ts_node_end_byte(error));
  }

  // `export type * from` / `export type * as ns from`: `type` right after `export`.
  bool exports_types(TSNode s) const {
    uint32_t i = ts_node_start_byte(s) + 6;
    while (i < text_.size() && is_space(text_[i])) ++i;
    if (text_.substr(i, 4) != "type") return false;
    i += 4;
    while (i < text_.size() && is_space(text_[i])) ++i;
    return i < text_.size() && text_[i] == '*';
  }

  // `in` and `out` before a type parameter's name.
  void drop_variance(TSNode params) {
    uint32_t s = ts_node_start_byte(params), e = ts_node_end_byte(params);
    for (uint32_t i = s; i < e; ++i) {
      if (!is_word(text_[i]) || (i > s && is_word(text_[i - 1]))) continue;
      uint32_t j = i;
      while (j < e && is_word(text_[j])) ++j;
      std::string_view word = text_.substr(i, j - i);
      uint32_t k = j;
      while (k < e && is_space(text_[k])) ++k;
      if ((word == "in" || word == "out") && k > j && k < e && is_word(text_[k])) {
        for (uint32_t x = i; x < j; ++x) out_.text[x] = ' ';
        changed_ = true;
      }
      i = j;
    }
  }

  // A line starting with `<` inside an object type or interface begins a
  // new generic call signature unless the line before ends in the middle
  // of a type. A `;` goes on the whitespace just before the `<`.
  void separate_signatures(TSNode decl) {
    separate_signatures(ts_node_start_byte(decl), ts_node_end_byte(decl));
  }
  void separate_signatures(uint32_t s, uint32_t e) {
    for (uint32_t i = s; i < e; ++i) {
      if (text_[i] != '<') continue;
      uint32_t b = i;
      while (b > s && (text_[b - 1] == ' ' || text_[b - 1] == '\t')) --b;
      if (b == s || (text_[b - 1] != '\n' && text_[b - 1] != '\r')) continue;
      uint32_t p = b;
      while (p > s && is_space(text_[p - 1])) --p;
      char prev = text_[p - 1];
      if (std::string_view(";,{([|&<=:?").find(prev) != std::string_view::npos) continue;
      if (prev == '>' && p >= 2 && text_[p - 2] == '=') continue;  // `=>` at line end
      out_.text[i > b ? i - 1 : b - 1] = ';';
      changed_ = true;
    }
  }

  TSNode root_;
  const ts::Syntax& syn_;
  std::string_view text_;
  TsRepair out_;
  bool changed_ = false;
};

}  // namespace

std::optional<TsRepair> repair_typescript(TSNode root, std::string_view text) {
  return Repairer(root, text).run();
}

}  // namespace hmrc
