#include "transform/hot/uses.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "analysis/node_util.hpp"
#include "parser/text.hpp"

namespace hmrc {
namespace {

constexpr std::array<std::string_view, 8> kApi{"accept", "dispose", "prune",      "on",
                                               "off",    "send",    "invalidate", "decline"};

using node::field;
using node::is;
using node::same;

Span span_of(TSNode n) { return {ts_node_start_byte(n), ts_node_end_byte(n)}; }

std::string_view text_of(TSNode n, std::string_view text) { return node::text(n, text); }

// Syntax that changes nothing about the value: parentheses and TypeScript's
// `as`, `satisfies`, `!` and `<T>x`.
bool is_wrapper(TSNode n) {
  std::string_view t = ts_node_type(n);
  return t == "parenthesized_expression" || t == "as_expression" || t == "satisfies_expression" ||
         t == "non_null_expression" || t == "type_assertion";
}

using Cursor = AncestorCursor;

std::optional<std::string_view> string_literal(TSNode n, std::string_view text) {
  bool plain_template =
      is(n, "template_string") && ts_node_named_child_count(n) <= 1 &&
      (ts_node_named_child_count(n) == 0 || is(ts_node_named_child(n, 0), "string_fragment"));
  if (!is(n, "string") && !plain_template) return std::nullopt;
  std::string_view quoted = text_of(n, text);
  return quoted.substr(1, quoted.size() - 2);
}

// The member name of `parent` when `object` is its object: `x.name`,
// `x?.name`, `x["name"]`. Empty for a computed key that is not a literal.
std::optional<std::string_view> member_name(TSNode parent, TSNode object, std::string_view text,
                                            bool& computed) {
  computed = false;
  if (!same(field(parent, "object"), object)) return std::nullopt;
  if (is(parent, "member_expression")) return text_of(field(parent, "property"), text);
  if (is(parent, "subscript_expression")) {
    if (auto s = string_literal(field(parent, "index"), text)) return s;
    computed = true;
    return std::string_view{};
  }
  return std::nullopt;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::optional<std::string_view> closest_member(std::string_view name) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 3;
  auto consider = [&](std::string_view candidate) {
    std::size_t d = edit_distance(name, candidate);
    if (d < best_distance && d <= std::max<std::size_t>(1, candidate.size() / 3)) {
      best = candidate;
      best_distance = d;
    }
  };
  for (auto api : kApi) consider(api);
  consider("data");
  return best;
}

bool is_assignment_target(TSNode parent, TSNode node) {
  std::string_view t = ts_node_type(parent);
  if (t == "assignment_expression" || t == "augmented_assignment_expression") {
    return same(field(parent, "left"), node);
  }
  return t == "update_expression" && same(field(parent, "argument"), node);
}

class Classifier {
 public:
  Classifier(const Analysis& a, std::string_view text, std::vector<Diagnostic>& d)
      : analysis_(a), text_(text), diagnostics_(d) {}

  HotUses run() {
    for (const auto& meta : analysis_.import_metas) classify_meta(meta);
    for (const auto& hot : analysis_.hot_properties) check_alias(hot);
    return std::move(result_);
  }

 private:
  void error(std::string_view code, TSNode at, std::string message,
             std::vector<std::string> notes = {}) {
    diagnostics_.push_back(
        {code, Severity::error, span_of(at), std::move(message), std::move(notes)});
  }

  void too_deep(TSNode at) {
    error(codes::kHotTooDeep, at,
          "import.meta is nested too deeply here for hmrc to follow its use");
  }

  void classify_meta(const NodeInContext& meta) {
    Cursor c{meta.node, &meta.ancestors};
    TSNode parent = c.parent();
    if (ts_node_is_null(parent)) {
      if (c.truncated) too_deep(meta.node);
      return;
    }
    bool computed = false;
    if (auto name = member_name(parent, c.node, text_, computed)) {
      if (computed) {
        result_.meta_escapes = true;
        diagnostics_.push_back({codes::kHotMetaEscapes,
                                Severity::warning,
                                span_of(parent),
                                "import.meta with a computed key: hmrc cannot tell whether it "
                                "reaches import.meta.hot",
                                {"write import.meta.hot directly"}});
      } else if (*name == "hot") {
        c.up();
        classify_hot(c);
      }
      return;
    }
    if (is(parent, "expression_statement")) return;
    result_.meta_escapes = true;
    if (auto alias = alias_name(parent, c.node)) {
      aliases_.push_back({*alias, parent});
      return;
    }
    diagnostics_.push_back({codes::kHotMetaEscapes,
                            Severity::warning,
                            span_of(c.node),
                            "import.meta escapes as a value: hmrc cannot follow import.meta.hot "
                            "through it",
                            {"use import.meta.hot directly, where it can be checked and removed"}});
  }

  // `const m = import.meta` or `m = import.meta`: the name that now holds it.
  std::optional<std::string_view> alias_name(TSNode parent, TSNode node) {
    TSNode target{};
    if (is(parent, "variable_declarator") && same(field(parent, "value"), node)) {
      target = field(parent, "name");
    } else if (is(parent, "assignment_expression") && same(field(parent, "right"), node)) {
      target = field(parent, "left");
    }
    if (is(target, "identifier")) return text_of(target, text_);
    return std::nullopt;
  }

  // `c.node` is `import.meta.hot`.
  void classify_hot(Cursor c) {
    TSNode hot = c.node;
    at_hot_ = c;
    TSNode parent = c.parent();
    if (ts_node_is_null(parent)) {
      if (c.truncated) too_deep(hot);
      return;
    }
    bool computed = false;
    if (auto name = member_name(parent, c.node, text_, computed)) {
      if (computed) {
        error(codes::kHotUnknownMember, field(parent, "index"),
              "a member of import.meta.hot must be named literally",
              {fmt::format("the members are {} and data", fmt::join(kApi, ", "))});
        return;
      }
      c.up();
      classify_member(hot, *name, c);
      return;
    }
    if (is_assignment_target(parent, c.node)) {
      error(codes::kHotAssigned, c.node, "import.meta.hot cannot be assigned to");
      return;
    }
    if (is_test(c)) {
      result_.uses.push_back({HotUse::Kind::test, hot, hot, {}, at_hot_});
      return;
    }
    if (is(parent, "expression_statement")) {
      result_.uses.push_back({HotUse::Kind::test, hot, hot, {}, at_hot_});
      return;
    }
    error(codes::kHotEscapes, hot,
          fmt::format("import.meta.hot cannot be {}", escape_description(parent, c.node)),
          {"call its methods directly, e.g. import.meta.hot.accept(), so that hmrc can check them "
           "and remove them from production builds"});
  }

  static std::string_view escape_description(TSNode parent, TSNode node) {
    std::string_view t = ts_node_type(parent);
    if (t == "variable_declarator") {
      TSNode name = field(parent, "name");
      return is(name, "object_pattern") || is(name, "array_pattern") ? "destructured"
                                                                     : "stored in a variable";
    }
    if (t == "assignment_expression" || t == "augmented_assignment_expression") return "assigned";
    if (t == "arguments") return "passed to a function";
    if (t == "return_statement" || (t == "arrow_function" && same(field(parent, "body"), node))) {
      return "returned";
    }
    if (t == "spread_element") return "spread";
    if (t == "pair" || t == "object") return "stored in an object";
    if (t == "array") return "stored in an array";
    if (t == "jsx_expression") return "passed in JSX";
    return "used as a value";
  }

  // Where only the truthiness of import.meta.hot matters, or where the value
  // that results is not import.meta.hot itself.
  bool is_test(Cursor c) {
    for (;;) {
      TSNode parent = c.parent();
      if (ts_node_is_null(parent)) return false;
      std::string_view t = ts_node_type(parent);
      if (t == "if_statement" || t == "while_statement" || t == "do_statement") {
        return same(field(parent, "condition"), c.node);
      }
      if (t == "ternary_expression") return same(field(parent, "condition"), c.node);
      if (t == "unary_expression") {
        std::string_view op = text_of(field(parent, "operator"), text_);
        return op == "!" || op == "typeof";
      }
      if (t != "binary_expression") return false;
      std::string_view op = text_of(field(parent, "operator"), text_);
      bool left = same(field(parent, "left"), c.node);
      // `hot && x` gives x (or, in prod, undefined): never the API itself.
      if (op == "&&" && left) return true;
      // `hot || x`, `x && hot`, `hot ?? x`... can give the API itself: they
      // are tests only when their own result is tested.
      if (op != "&&" && op != "||" && op != "??") return false;
      c.up();
    }
  }

  void classify_member(TSNode hot, std::string_view name, Cursor c) {
    TSNode member = c.node;
    if (name == "data") {
      TSNode parent = c.parent();
      if (!ts_node_is_null(parent) && is_assignment_target(parent, c.node)) {
        error(codes::kHotAssigned, c.node, "import.meta.hot.data cannot be replaced",
              {"assign to its properties instead: import.meta.hot.data.x = ..."});
        return;
      }
      bool computed = false;
      if (!ts_node_is_null(parent) && member_name(parent, c.node, text_, computed)) {
        Cursor inner = c;
        inner.up();
        TSNode user = inner.parent();
        if (!ts_node_is_null(user) && is_assignment_target(user, inner.node)) {
          result_.self_accepts = true;  // HMR-SPEC 1.3: writing data accepts
        }
      }
      result_.uses.push_back({HotUse::Kind::data, hot, member, {}, at_hot_});
      return;
    }
    auto api = std::find(kApi.begin(), kApi.end(), name);
    if (api == kApi.end()) {
      TSNode property =
          is(member, "member_expression") ? field(member, "property") : field(member, "index");
      std::vector<std::string> notes;
      if (auto guess = closest_member(name))
        notes.push_back(fmt::format("did you mean `{}`?", *guess));
      notes.push_back(fmt::format("the members are {} and data", fmt::join(kApi, ", ")));
      error(codes::kHotUnknownMember, property,
            fmt::format("import.meta.hot has no member `{}`", name), std::move(notes));
      return;
    }
    TSNode parent = c.parent();
    if (is(parent, "call_expression") && same(field(parent, "function"), c.node)) {
      result_.uses.push_back({HotUse::Kind::call, hot, parent, *api, at_hot_});
      if (*api == "accept") check_accept(parent);
      return;
    }
    if (!ts_node_is_null(parent) && is_assignment_target(parent, c.node)) {
      error(codes::kHotAssigned, c.node,
            fmt::format("import.meta.hot.{} cannot be assigned to", *api));
      return;
    }
    if (ts_node_is_null(parent) && c.truncated) return too_deep(member);
    error(codes::kHotNotCalled, member,
          fmt::format("import.meta.hot.{} must be called directly, not used as a value", *api),
          {fmt::format("write import.meta.hot.{}(...) where it is needed; hmrc removes such calls "
                       "whole from production builds, which it cannot do for a reference",
                       *api)});
  }

  void check_accept(TSNode call) {
    std::vector<TSNode> args;
    TSNode list = field(call, "arguments");
    for (uint32_t i = 0, n = ts_node_named_child_count(list); i < n; ++i) {
      TSNode a = ts_node_named_child(list, i);
      if (!is(a, "comment")) args.push_back(a);
    }
    if (args.empty()) {
      result_.self_accepts = true;
      return;
    }
    TSNode first = args.front();
    bool deps_form = args.size() >= 2 || string_literal(first, text_) || is(first, "array");
    if (!deps_form) {  // accept(callback)
      result_.self_accepts = true;
      return;
    }
    std::vector<TSNode> specifiers;
    if (is(first, "array")) {
      for (uint32_t i = 0, n = ts_node_named_child_count(first); i < n; ++i) {
        TSNode e = ts_node_named_child(first, i);
        if (!is(e, "comment")) specifiers.push_back(e);
      }
    } else {
      specifiers.push_back(first);
    }
    for (TSNode s : specifiers) {
      auto value = string_literal(s, text_);
      if (!value) {
        error(codes::kHotDependencyNotLiteral, s,
              "the dependencies given to import.meta.hot.accept must be string literals",
              {"write accept(\"./dep\", cb) or accept([\"./a\", \"./b\"], cb)"});
        continue;
      }
      check_dependency(s, *value);
    }
  }

  void check_dependency(TSNode at, std::string_view specifier) {
    const auto& imports = analysis_.imports;
    bool imported = std::any_of(imports.begin(), imports.end(),
                                [&](const ImportSpecifier& i) { return i.specifier == specifier; });
    if (!imported) {
      std::vector<std::string> names;
      for (const auto& i : imports) {
        std::string quoted = fmt::format("\"{}\"", i.specifier);
        if (std::find(names.begin(), names.end(), quoted) == names.end()) names.push_back(quoted);
      }
      error(codes::kHotUnknownDependency, at,
            fmt::format("import.meta.hot.accept names \"{}\", which this module does not import",
                        specifier),
            {names.empty() ? std::string("this module imports nothing")
                           : fmt::format("this module imports {}", fmt::join(names, ", "))});
      return;
    }
    auto& deps = result_.accepted_deps;
    if (std::find(deps.begin(), deps.end(), specifier) == deps.end()) deps.emplace_back(specifier);
  }

  // `meta.hot` where `meta` holds import.meta.
  void check_alias(const NodeInContext& hot) {
    if (hot.ancestors.empty() || aliases_.empty()) return;
    TSNode member = hot.ancestors.front();
    TSNode object = field(member, "object");
    if (!is(member, "member_expression") || !is(object, "identifier")) return;
    std::string_view name = text_of(object, text_);
    for (const auto& [alias, declaration] : aliases_) {
      if (alias != name) continue;
      error(codes::kHotAliasedMeta, member,
            fmt::format("import.meta.hot reached through `{}`, an alias of import.meta", name),
            {fmt::format("`{}` is set to import.meta on line {}; write import.meta.hot directly",
                         name, LineIndex(text_).position(ts_node_start_byte(declaration)).line)});
      return;
    }
  }

  const Analysis& analysis_;
  std::string_view text_;
  std::vector<Diagnostic>& diagnostics_;
  HotUses result_;
  std::vector<std::pair<std::string_view, TSNode>> aliases_;
  Cursor at_hot_{};
};

}  // namespace

TSNode AncestorCursor::parent() {
  while (next < ancestors->size() && is_wrapper((*ancestors)[next])) node = (*ancestors)[next++];
  if (next < ancestors->size()) return (*ancestors)[next];
  truncated = ancestors->size() == kMaxAncestors;
  return TSNode{};
}

HotUses classify_hot_uses(const Analysis& analysis, std::string_view text,
                          std::vector<Diagnostic>& diagnostics) {
  return Classifier(analysis, text, diagnostics).run();
}

}  // namespace hmrc
