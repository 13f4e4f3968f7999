#include "transform/refresh/facts.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <map>
#include <utility>

#include "analysis/node_util.hpp"

namespace hmrc::refresh {
namespace {

bool is_hook_name(std::string_view name) {
  return name.size() > 3 && name.starts_with("use") && name[3] >= 'A' && name[3] <= 'Z';
}

// The nearest function the call belongs to, as Babel's getFunctionParent:
// methods count (their hooks get no signature), blocks do not.
TSNode function_parent(const std::vector<TSNode>& ancestors) {
  for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
    if (is_function(*it) || node::is(*it, "method_definition")) return *it;
  }
  return TSNode{};
}

// The last name of a callee: `useState` for both `useState` and `React.useState`.
std::string_view callee_name(TSNode callee, std::string_view text) {
  if (node::is(callee, "identifier")) return node::text(callee, text);
  if (node::is(callee, "member_expression")) {
    TSNode property = node::field(callee, "property");
    if (node::is(property, "property_identifier")) return node::text(property, text);
  }
  return {};
}

std::vector<TSNode> arguments_of(TSNode call) {
  std::vector<TSNode> out;
  TSNode args = node::field(call, "arguments");
  if (!node::is(args, "arguments")) return out;
  for (uint32_t i = 0, n = ts_node_named_child_count(args); i < n; ++i) {
    TSNode a = ts_node_named_child(args, i);
    if (!node::is(a, "comment")) out.push_back(a);
  }
  return out;
}

// The key React compares between two versions of a component: the hook's
// left-hand side (`[n, setN]`), and for useState and useReducer the source of
// the initial state, because an edit of it must reset the state.
std::string hook_key(TSNode call, std::string_view name, TSNode parent, std::string_view text) {
  std::string key;
  if (node::is(parent, "variable_declarator") && node::same(node::field(parent, "value"), call)) {
    // The binding as written, with its TypeScript type: Babel's `id` spans both.
    TSNode name = node::field(parent, "name");
    TSNode type = node::field(parent, "type");
    uint32_t end = ts_node_is_null(type) ? node::end(name) : node::end(type);
    key = text.substr(node::start(name), end - node::start(name));
  }
  std::vector<TSNode> args = arguments_of(call);
  TSNode initial{};
  if (name == "useState" && !args.empty()) initial = args[0];
  if (name == "useReducer" && args.size() > 1) initial = args[1];
  if (!ts_node_is_null(initial)) {
    key += '(';
    key += node::text(initial, text);
    key += ')';
  }
  return key;
}

bool is_element_factory(std::string_view name) {
  return name == "createElement" || name == "jsx" || name == "jsxs" || name == "jsxDEV";
}

}  // namespace

bool is_function(TSNode n) {
  if (ts_node_is_null(n)) return false;
  std::string_view type = ts_node_type(n);
  return type == "function_declaration" || type == "generator_function_declaration" ||
         type == "function_expression" || type == "function" || type == "generator_function" ||
         type == "arrow_function";
}

Facts collect_facts(TSNode program, std::string_view text) {
  Facts facts;
  // Functions by (start, symbol): two nested functions never share both.
  std::map<std::pair<uint32_t, TSSymbol>, std::size_t> index;
  std::vector<TSNode> ancestors;  // of the cursor's node, program first

  TSTreeCursor cursor = ts_tree_cursor_new(program);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&cursor);
    std::string_view type = ts_node_type(n);
    if (type == "comment") {
      if (node::text(n, text).find("@refresh reset") != std::string_view::npos) {
        facts.force_reset = true;
      }
    } else if (type == "identifier") {
      std::string_view name = node::text(n, text);
      if (name.starts_with("_c") || name.starts_with("_s")) facts.identifiers.emplace(name);
    } else if (type == "jsx_opening_element" || type == "jsx_self_closing_element") {
      TSNode name = node::field(n, "name");
      if (node::is(name, "identifier")) facts.jsx_types.emplace(node::text(name, text));
    } else if (type == "call_expression" && ts_node_is_null(node::field(n, "optional_chain"))) {
      std::string_view name = callee_name(node::field(n, "function"), text);
      if (is_element_factory(name)) {
        for (TSNode a : arguments_of(n))
          if (node::is(a, "identifier")) facts.jsx_types.emplace(node::text(a, text));
      } else if (is_hook_name(name)) {
        TSNode fn = function_parent(ancestors);
        if (is_function(fn)) {
          auto [it, added] = index.try_emplace({ts_node_start_byte(fn), ts_node_symbol(fn)},
                                               facts.functions.size());
          if (added) {
            HookFunction f{fn, {}, {}};
            for (TSNode a : ancestors) {
              if (node::same(a, fn)) break;
              f.ancestors.push_back(a);
            }
            facts.functions.push_back(std::move(f));
          }
          facts.functions[it->second].calls.push_back({node::field(n, "function"),
                                                       std::string(name),
                                                       hook_key(n, name, ancestors.back(), text)});
        }
      }
    }
    // Next node in document order, keeping `ancestors` in step with the cursor.
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      ancestors.push_back(n);
      continue;
    }
    bool done = false;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        done = true;
        break;
      }
      ancestors.pop_back();
    }
    if (done) break;
  }
  ts_tree_cursor_delete(&cursor);
  return facts;
}

std::string Names::next() {
  for (;;) {
    ++count_;
    std::string name = count_ == 1 ? base_ : base_ + std::to_string(count_);
    if (!taken_.contains(name)) return name;
  }
}

std::string js_string(std::string_view s) { return boost::json::serialize(boost::json::string(s)); }

}  // namespace hmrc::refresh
