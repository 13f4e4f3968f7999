#include "transform/typescript/enum.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/node_util.hpp"
#include "parser/tree.hpp"

namespace hmrc {
namespace {

using ts::K;

// Enough for any real initializer; deeper ones are kept as expressions.
constexpr int kMaxFoldDepth = 32;

struct Value {
  enum class Kind { none, number, string } kind = Kind::none;
  double number = 0;
  std::string string;
  static Value num(double d) { return {Kind::number, d, {}}; }
  static Value str(std::string s) { return {Kind::string, 0, std::move(s)}; }
};

// Number to text as JavaScript's ToString does for the values enums hold.
std::string js_number(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d < 0 ? "-Infinity" : "Infinity";
  if (d == std::trunc(d) && std::fabs(d) < 1e21) return fmt::format("{:.0f}", d);
  std::string s = fmt::format("{}", d);
  auto e = s.find('e');
  if (e == std::string::npos) return s;
  std::string mantissa = s.substr(0, e);
  bool negative = s[e + 1] == '-';
  std::size_t digits = e + 1 + ((s[e + 1] == '-' || s[e + 1] == '+') ? 1 : 0);
  while (digits + 1 < s.size() && s[digits] == '0') ++digits;
  return mantissa + "e" + (negative ? "-" : "+") + s.substr(digits);
}

std::string js_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

int32_t to_int32(double d) {
  if (!std::isfinite(d)) return 0;
  double m = std::fmod(std::trunc(d), 4294967296.0);
  if (m < 0) m += 4294967296.0;
  return static_cast<int32_t>(static_cast<uint32_t>(m));
}
uint32_t to_uint32(double d) { return static_cast<uint32_t>(to_int32(d)); }

std::optional<double> parse_number(std::string_view raw) {
  std::string t;
  for (char c : raw)
    if (c != '_') t += c;
  if (t.empty() || t.back() == 'n') return std::nullopt;  // BigInt
  int base = 0;
  if (t.size() > 2 && t[0] == '0') {
    char p = static_cast<char>(t[1] | 0x20);
    base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
  }
  char* end = nullptr;
  if (base) {
    double v = static_cast<double>(std::strtoull(t.c_str() + 2, &end, base));
    return *end ? std::nullopt : std::optional<double>(v);
  }
  double v = std::strtod(t.c_str(), &end);
  return *end ? std::nullopt : std::optional<double>(v);
}

class EnumCompiler {
 public:
  EnumCompiler(const ts::Syntax& syn, TsEdits& edits)
      : syn_(syn), edits_(edits), text_(edits.text()) {}

  void run(const ts::EnumDecl& e) {
    TSNode name_node = ts_node_child_by_field_id(e.node, syn_.fields.name);
    TSNode body = ts_node_child_by_field_id(e.node, syn_.fields.body);
    if (ts_node_is_null(name_node) || ts_node_is_null(body)) return;
    name_ = std::string(node::text(name_node, text_));
    auto [it, first] = declared_.try_emplace({e.scope_start, name_});
    members_ = &it->second;

    // Every member name, so that initializers can refer to later ones too.
    uint32_t count = ts_node_named_child_count(body);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode m = ts_node_named_child(body, i);
      std::string key = member_key(m);
      if (!key.empty()) members_->try_emplace(key, Value{});
    }

    uint32_t open_end = ts_node_start_byte(body) + 1;
    bool exported = e.statement.id != e.node.id;
    uint32_t header_start = ts_node_start_byte(first || !exported ? e.node : e.statement);
    // `var` only at the top level, as esbuild and tsc do: in a function or
    // block, `let` keeps the enum in that block, as its declaration was.
    std::string_view keyword = syn_.kind(ts_node_parent(e.statement)) == K::program ? "var" : "let";
    std::string header = first ? fmt::format("{1} {0}; (function ({0}) {{", name_, keyword)
                               : fmt::format("(function ({0}) {{", name_);
    if (!first && edits_.needs_semicolon_before(ts_node_start_byte(e.statement)))
      header = ";" + header;
    edits_.replace(header_start, open_end, std::move(header));

    Previous previous{true, -1};  // the value an uninitialized member follows
    std::string previous_name;
    TSNode last_member{};
    bool comma_after_last = false;
    for (uint32_t i = 0; i < ts_node_child_count(body); ++i) {
      TSNode c = ts_node_child(body, i);
      K k = syn_.kind(c);
      if (k == K::t_comma) {
        edits_.replace(ts_node_start_byte(c), ts_node_end_byte(c), ";");
        comma_after_last = true;
        continue;
      }
      std::string key = member_key(c);
      if (key.empty()) continue;
      last_member = c;
      comma_after_last = false;
      member(c, key, previous, previous_name);
      previous_name = key;
    }
    if (!ts_node_is_null(last_member) && !comma_after_last)
      edits_.insert_left(ts_node_end_byte(last_member), ";");
    uint32_t close = ts_node_end_byte(body) - 1;
    edits_.replace(close, close + 1, fmt::format("}})({0} || ({0} = {{}}));", name_));
  }

 private:
  // The member's name as JavaScript property text without quotes; empty if
  // the node is not a member.
  std::string member_key(TSNode m) const {
    K k = syn_.kind(m);
    if (k == K::enum_assignment) {
      m = ts_node_child_by_field_id(m, syn_.fields.name);
      if (ts_node_is_null(m)) return {};
      k = syn_.kind(m);
    }
    if (k == K::computed_property_name && ts_node_named_child_count(m) == 1) {
      // `['a b']`: TypeScript allows string literals only
      m = ts_node_named_child(m, 0);
      k = syn_.kind(m);
      if (k == K::template_string && ts_node_named_child_count(m) > 1) return {};
      if (k == K::template_string) k = K::string;
    }
    std::string_view t = node::text(m, text_);
    if (k == K::property_identifier || k == K::identifier) return std::string(t);
    if (k == K::string && t.size() >= 2) return std::string(t.substr(1, t.size() - 2));
    return {};
  }

  // An uninitialized member is the previous one plus one, if that is known.
  struct Previous {
    bool known;
    double value;
  };

  void member(TSNode m, const std::string& key, Previous& previous,
              const std::string& previous_name) {
    std::string quoted = js_string(key);
    TSNode value = syn_.kind(m) == K::enum_assignment
                       ? ts_node_child_by_field_id(m, syn_.fields.value)
                       : TSNode{};
    uint32_t start = ts_node_start_byte(m);
    uint32_t end = ts_node_end_byte(m);
    if (ts_node_is_null(value)) {
      if (previous.known) {
        double v = previous.value + 1;
        (*members_)[key] = Value::num(v);
        previous.value = v;
        edits_.replace(start, end,
                       fmt::format("{0}[{0}[{1}] = {2}] = {1}", name_, quoted, js_number(v)));
      } else {
        edits_.replace(start, end,
                       fmt::format("{0}[{0}[{1}] = {0}[{2}] + 1] = {1}", name_, quoted,
                                   js_string(previous_name)));
      }
      return;
    }
    Value v = fold(value, 0);
    (*members_)[key] = v;
    if (v.kind == Value::Kind::number) {
      previous = {true, v.number};
      edits_.replace(start, end,
                     fmt::format("{0}[{0}[{1}] = {2}] = {1}", name_, quoted, js_number(v.number)));
      return;
    }
    previous.known = false;
    if (v.kind == Value::Kind::string) {
      edits_.replace(start, end, fmt::format("{0}[{1}] = {2}", name_, quoted, js_string(v.string)));
      return;
    }
    // Kept as written, members rewritten to E.member. A string-valued
    // expression gets no reverse mapping, as in tsc.
    bool stringy = syn_.kind(value) == K::template_string || syn_.kind(value) == K::string;
    uint32_t vstart = ts_node_start_byte(value);
    if (stringy) {
      edits_.replace(start, vstart, fmt::format("{0}[{1}] = ", name_, quoted));
    } else {
      edits_.replace(start, vstart, fmt::format("{0}[{0}[{1}] = ", name_, quoted));
      edits_.insert_left(ts_node_end_byte(value), fmt::format("] = {}", quoted));
    }
    qualify_members(value);
  }

  // Inside the function tsc emits, members are not variables: `A` is `E.A`.
  void qualify_members(TSNode value) {
    TreeCursor c(value);
    for (;;) {
      TSNode n = c.node();
      K k = syn_.kind(n);
      bool descend = true;
      if (k == K::identifier) {
        std::string name(node::text(n, text_));
        if (members_->count(name))
          edits_.replace(ts_node_start_byte(n), ts_node_end_byte(n), name_ + "." + name);
        descend = false;
      } else if (k == K::type_arguments || k == K::type_annotation) {
        descend = false;  // blanked by the erase pass
      }
      if (descend && c.first_child()) {
        // The type after `as`/`satisfies` was blanked too: stop at it.
        continue;
      }
      for (;;) {
        TSNode at = c.node();
        if (c.next_sibling()) {
          K pk = parent_kind(c);
          if ((pk == K::as_expression || pk == K::satisfies_expression) &&
              ts_node_start_byte(c.node()) >= ts_node_end_byte(first_named_sibling(c))) {
            (void)at;
            continue;  // skip `as T`
          }
          break;
        }
        if (!c.parent()) return;
      }
    }
  }

  K parent_kind(TreeCursor& c) const {
    TSTreeCursor copy = ts_tree_cursor_copy(c.raw());
    K k = K::other;
    if (ts_tree_cursor_goto_parent(&copy)) k = syn_.kind(ts_tree_cursor_current_node(&copy));
    ts_tree_cursor_delete(&copy);
    return k;
  }
  TSNode first_named_sibling(TreeCursor& c) const {
    TSTreeCursor copy = ts_tree_cursor_copy(c.raw());
    TSNode out = c.node();
    if (ts_tree_cursor_goto_parent(&copy))
      out = ts_node_named_child(ts_tree_cursor_current_node(&copy), 0);
    ts_tree_cursor_delete(&copy);
    return out;
  }

  Value fold(TSNode n, int depth) const {
    if (depth > kMaxFoldDepth) return {};
    K k = syn_.kind(n);
    std::string_view t = node::text(n, text_);
    switch (k) {
      case K::number: {
        auto d = parse_number(t);
        return d ? Value::num(*d) : Value{};
      }
      case K::string: {
        if (t.size() < 2 || t.find('\\') != std::string_view::npos) return {};
        return Value::str(std::string(t.substr(1, t.size() - 2)));
      }
      case K::template_string: {
        if (ts_node_named_child_count(n) > 0) {
          // only string_fragment children: no substitutions
          for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i)
            if (std::string_view(ts_node_type(ts_node_named_child(n, i))) != "string_fragment")
              return {};
        }
        if (t.size() < 2 || t.find_first_of("\\\n\r") != std::string_view::npos) return {};
        return Value::str(std::string(t.substr(1, t.size() - 2)));
      }
      case K::parenthesized_expression:
        if (ts_node_named_child_count(n) != 1) return {};
        return fold(ts_node_named_child(n, 0), depth + 1);
      case K::identifier: {
        if (t == "Infinity") return Value::num(INFINITY);
        if (t == "NaN") return Value::num(NAN);
        auto it = members_->find(std::string(t));
        return it == members_->end() ? Value{} : it->second;
      }
      case K::subscript_expression: {
        TSNode object = ts_node_named_child(n, 0);
        TSNode index = ts_node_named_child(n, 1);
        if (ts_node_is_null(object) || ts_node_is_null(index) ||
            node::text(object, text_) != name_ || syn_.kind(index) != K::string)
          return {};
        std::string_view q = node::text(index, text_);
        if (q.size() < 2) return {};
        auto it = members_->find(std::string(q.substr(1, q.size() - 2)));
        return it == members_->end() ? Value{} : it->second;
      }
      case K::member_expression: {
        TSNode object = ts_node_named_child(n, 0);
        TSNode property = ts_node_named_child(n, 1);
        if (ts_node_is_null(object) || ts_node_is_null(property) ||
            node::text(object, text_) != name_)
          return {};
        auto it = members_->find(std::string(node::text(property, text_)));
        return it == members_->end() ? Value{} : it->second;
      }
      case K::unary_expression: {
        TSNode op = ts_node_child(n, 0);
        Value v = fold(ts_node_named_child(n, 0), depth + 1);
        if (v.kind != Value::Kind::number) return {};
        std::string_view o = node::text(op, text_);
        if (o == "-") return Value::num(-v.number);
        if (o == "+") return v;
        if (o == "~") return Value::num(~to_int32(v.number));
        return {};
      }
      case K::binary_expression:
        return fold_binary(n, depth);
      default:
        return {};
    }
  }

  Value fold_binary(TSNode n, int depth) const {
    TSNode left = ts_node_child_by_field_id(n, syn_.fields.left);
    TSNode right = ts_node_child_by_field_id(n, syn_.fields.right);
    if (ts_node_is_null(left) || ts_node_is_null(right)) return {};
    std::string_view op = node::text(ts_node_child(n, 1), text_);
    Value a = fold(left, depth + 1);
    if (a.kind == Value::Kind::none) return {};
    Value b = fold(right, depth + 1);
    if (b.kind == Value::Kind::none) return {};
    using VK = Value::Kind;
    if (op == "+" && (a.kind == VK::string || b.kind == VK::string)) {
      auto s = [](const Value& v) { return v.kind == VK::string ? v.string : js_number(v.number); };
      return Value::str(s(a) + s(b));
    }
    if (a.kind != VK::number || b.kind != VK::number) return {};
    double x = a.number, y = b.number;
    if (op == "+") return Value::num(x + y);
    if (op == "-") return Value::num(x - y);
    if (op == "*") return Value::num(x * y);
    if (op == "/") return Value::num(x / y);
    if (op == "%") return Value::num(std::fmod(x, y));
    if (op == "**") return Value::num(std::pow(x, y));
    if (op == "|") return Value::num(to_int32(x) | to_int32(y));
    if (op == "&") return Value::num(to_int32(x) & to_int32(y));
    if (op == "^") return Value::num(to_int32(x) ^ to_int32(y));
    uint32_t shift = to_uint32(y) & 31;
    if (op == "<<") return Value::num(static_cast<int32_t>(to_uint32(x) << shift));
    if (op == ">>") return Value::num(to_int32(x) >> shift);
    if (op == ">>>") return Value::num(to_uint32(x) >> shift);
    return {};
  }

  const ts::Syntax& syn_;
  TsEdits& edits_;
  std::string_view text_;
  std::string name_;
  std::map<std::string, Value>* members_ = nullptr;
  std::map<std::pair<uint32_t, std::string>, std::map<std::string, Value>> declared_;
};

}  // namespace

void compile_enums(const ts::Facts& facts, const ts::Syntax& syntax, TsEdits& edits) {
  if (facts.enums.empty()) return;
  EnumCompiler compiler(syntax, edits);
  for (const auto& e : facts.enums) compiler.run(e);
}

}  // namespace hmrc
