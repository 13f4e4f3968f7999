// Namespaces in the walk (erase_walker.hpp): one with values is recorded
// for typescript/namespace to compile; one with types only goes whole.
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

bool EraseWalker::visit_namespace(Frame& n) {
  TSNode m = n.node;
  std::size_t depth = frames_.size();
  TSNode statement = m;
  bool exported = false;
  if (depth > 0 && frames_[depth - 1].kind == K::expression_statement) {
    statement = frames_[depth - 1].node;
    --depth;
  }
  if (depth > 0 && frames_[depth - 1].kind == K::export_statement) {
    statement = frames_[depth - 1].node;
    exported = true;
    --depth;
  }
  if (!ts::namespace_has_values(m, syn_)) {
    remove_statement(statement);
    return false;
  }
  TSNode name = ts_node_child_by_field_id(m, syn_.fields.name);
  if (ts_node_is_null(name) ||
      (syn_.kind(name) != K::identifier && syn_.kind(name) != K::nested_identifier) || depth == 0) {
    report(m, codes::kTsNamespaceValues,
           fmt::format("this namespace form is not supported (line {})", line_of(m)),
           {"hmrc compiles `namespace N { ... }`; write dotted names as nested namespaces"});
    return false;
  }
  int parent = -1;
  for (std::size_t i = depth; i-- > 0;) {
    K k = frames_[i].kind;
    if (k == K::internal_module || k == K::module) {
      for (std::size_t j = facts_.namespaces.size(); j-- > 0;)
        if (facts_.namespaces[j].node.id == frames_[i].node.id) parent = static_cast<int>(j);
      break;
    }
    if (k != K::statement_block && k != K::export_statement && k != K::expression_statement) break;
  }
  facts_.namespaces.push_back({m, statement, frames_[depth - 1].node, exported, parent});
  new_scope(n);
  return true;
}

}  // namespace detail
}  // namespace hmrc
