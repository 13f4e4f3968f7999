// Expressions in the walk (erase_walker.hpp): `<T>x` casts, arrow functions
// whose type parameters or return type span lines, tagged templates with
// type arguments: where blanking alone would change how the rest parses.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>

#include "analysis/node_util.hpp"
#include "parser/tree.hpp"
#include "transform/typescript/erase_walker.hpp"

namespace hmrc {
namespace detail {

void EraseWalker::visit_cast(const Frame& n) {
  TSNode type = ts_node_child(n.node, 0);
  if (syn_.kind(type) != K::type_arguments) return;
  edits_.blank(ts_node_start_byte(type), ts_node_end_byte(type), '(');
  edits_.insert_left(ts_node_end_byte(n.node), ")");
  mark_handled(type);
}

void EraseWalker::visit_arrow(TSNode arrow) {
  TSNode tparams = ts_node_child_by_field_id(arrow, syn_.fields.type_parameters);
  TSNode params = ts_node_child_by_field_id(arrow, syn_.fields.parameters);
  TSNode ret = ts_node_child_by_field_id(arrow, syn_.fields.return_type);
  if (ts_node_is_null(params) || syn_.kind(params) != K::formal_parameters) return;
  uint32_t open = ts_node_start_byte(params);
  uint32_t close = ts_node_end_byte(params) - 1;
  std::vector<std::pair<uint32_t, TSSymbol>> marks;  // in document order
  if (!ts_node_is_null(tparams) && has_line_break(ts_node_start_byte(tparams), open)) {
    edits_.blank(ts_node_start_byte(tparams), ts_node_end_byte(tparams), '(');
    edits_.blank(open, open + 1);
    marks.emplace_back(ts_node_start_byte(tparams), ts_node_symbol(tparams));
  }
  if (!ts_node_is_null(ret) && has_line_break(close, ts_node_end_byte(ret))) {
    edits_.blank(close, close + 1);
    uint32_t end = ts_node_end_byte(ret);
    edits_.blank(ts_node_start_byte(ret), end - 1);
    edits_.replace(end - 1, end, ")");
    marks.emplace_back(ts_node_start_byte(ret), ts_node_symbol(ret));
  }
  for (const auto& m : marks) mark_handled(m);
}

void EraseWalker::visit_tagged_template(TSNode b) {
  // The operator first: most binary expressions end the check here.
  std::string_view op = node::text(ts_node_child(b, 1), text_);
  if (op != ">" && op != ">>" && op != ">>>") return;
  TSNode right = ts_node_child_by_field_id(b, syn_.fields.right);
  TSNode left = ts_node_child_by_field_id(b, syn_.fields.left);
  if (ts_node_is_null(right) || ts_node_is_null(left)) return;
  TSNode first = right;  // the operand's first token, or the template it starts with
  while (syn_.kind(first) != K::template_string && ts_node_child_count(first) > 0)
    first = ts_node_child(first, 0);
  if (syn_.kind(first) != K::template_string) return;
  if (!comparison_opens_before(left)) return;
  report(b, codes::kTsUnreadableTypeArguments,
         "hmrc cannot read the type arguments of this tagged template",
         {"TypeScript reads `<...>` before a template literal as type arguments, and "
          "tree-sitter-typescript as comparisons; give the type a name (`type T = ...`) and "
          "write `tag<T>`x``, or, if this is a comparison, put the template in parentheses"});
}

bool EraseWalker::comparison_opens_before(TSNode left) const {
  auto is_lt = [&](TSNode n) {
    return syn_.kind(n) == K::binary_expression && node::text(ts_node_child(n, 1), text_) == "<";
  };
  for (TSNode n = left; syn_.kind(n) == K::binary_expression;
       n = ts_node_child_by_field_id(n, syn_.fields.right)) {
    if (is_lt(n)) return true;
  }
  // frames_.back() is `b` itself.
  for (std::size_t i = frames_.size() - 1; i > 0; --i) {
    const Frame& parent = frames_[i - 1];
    if (parent.kind != K::binary_expression) break;
    if (!ts_node_eq(ts_node_child_by_field_id(parent.node, syn_.fields.right), frames_[i].node))
      break;
    if (is_lt(parent.node)) return true;
  }
  return false;
}

}  // namespace detail
}  // namespace hmrc
