#include "transform/jsx/jsx.hpp"

#include <fmt/format.h>

#include <cctype>

#include "analysis/node_util.hpp"
#include "emit/prologue.hpp"
#include "parser/text.hpp"
#include "parser/tree.hpp"
#include "transform/jsx/text.hpp"

namespace hmrc {
namespace {

constexpr std::string_view kPure = "/* @__PURE__ */ ";

struct Symbols {
  TSSymbol element, self_closing, opening, closing, attribute, expression, namespace_name,
      member_expression, identifier, nested_identifier, string, spread, sequence, comment,
      hash_bang, expression_statement;

  explicit Symbols(const TSLanguage* l)
      : element(id(l, "jsx_element")),
        self_closing(id(l, "jsx_self_closing_element")),
        opening(id(l, "jsx_opening_element")),
        closing(id(l, "jsx_closing_element")),
        attribute(id(l, "jsx_attribute")),
        expression(id(l, "jsx_expression")),
        namespace_name(id(l, "jsx_namespace_name")),
        member_expression(id(l, "member_expression")),
        identifier(id(l, "identifier")),
        nested_identifier(id(l, "nested_identifier")),
        string(id(l, "string")),
        spread(id(l, "spread_element")),
        sequence(id(l, "sequence_expression")),
        comment(id(l, "comment")),
        hash_bang(id(l, "hash_bang_line")),
        expression_statement(id(l, "expression_statement")) {}

  static TSSymbol id(const TSLanguage* l, std::string_view name) {
    return ts_language_symbol_for_name(l, name.data(), static_cast<uint32_t>(name.size()), true);
  }
};

// What `{...}` holds, as far as JSX cares.
enum class Contents { expression, empty, spread, sequence };

struct Attribute {
  uint32_t start, end;
  TSNode name{};   // null: a spread `{...x}`
  TSNode value{};  // null: no value (`disabled`)
  uint32_t eq = 0;
  Contents contents = Contents::expression;  // when value is `{...}`
  bool string_value = false, expression_value = false;
  bool key = false;
};

struct Child {  // an element or `{...}`; text is what lies between
  uint32_t start, end;
  bool element;
  Contents contents = Contents::expression;
};

struct Frame {
  TSNode element;
  bool self_closing;
  TSNode name{};  // null: a fragment
  uint32_t open_end = 0, close_start = 0, close_end = 0;
  std::vector<Attribute> attributes;
  std::vector<Child> children;
  uint32_t line = 0, column = 0;  // of `<`, 1-based, for jsxDEV
};

// An item's last edit, held back until it is known whether a `,` follows:
// the separator then joins it instead of being an edit of its own.
struct Tail {
  enum class Kind { none, replace, insert } kind = Kind::none;
  uint32_t start = 0, end = 0;
  std::string text;
};

struct ChildItem {
  uint32_t start, end;  // replaced range for text; the child's range otherwise
  const Child* child;   // null: text
  std::string literal;
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

class Transformer {
 public:
  Transformer(const Analysis& analysis, const JsxOptions& options, std::string_view text,
              EditBuffer& edits, std::vector<Diagnostic>& diagnostics)
      : options_(options),
        text_(text),
        edits_(edits),
        diagnostics_(diagnostics),
        sym_(ts_tree_language(analysis.jsx_elements.front().tree)),
        cursor_(analysis.jsx_elements.front()) {}

  void read_pragmas(const std::vector<TSNode>& comments);
  void run(const std::vector<TSNode>& roots);

 private:
  void read_element(TSNode e);
  void read_tag_part(TSNode n);
  Attribute read_attribute(TSNode n);
  Contents contents_of(TSNode expression);
  void finish(Frame& f);
  void emit_attribute(const Attribute& a, Tail& tail);
  void emit_child(const ChildItem& item, Tail& tail);
  void flush(Tail& tail, uint32_t item_end, bool separator);
  std::string key_and_source(const Frame& f, bool is_static, const Attribute* key);
  // `after`: what follows the key in the call, `)` included.
  void emit_key(const Attribute& key, uint32_t at, std::string after);
  // Fills items_ (reused: finish never nests).
  void child_items(const Frame& f);
  Position position_of(uint32_t offset);
  void insert_imports(TSNode any_node);
  void error(std::string_view code, uint32_t start, uint32_t end, std::string message,
             Severity severity = Severity::error) {
    diagnostics_.push_back({code, severity, {start, end}, std::move(message), {}});
  }
  std::string_view text(TSNode n) const { return node::text(n, text_); }
  std::string name(std::string_view base) { return fmt::format("_{}{}", base, suffix_); }

  JsxOptions options_;
  std::string_view text_;
  EditBuffer& edits_;
  std::vector<Diagnostic>& diagnostics_;
  Symbols sym_;
  std::string suffix_;  // makes _jsx & co. names the file does not use
  std::string quoted_file_name_;
  bool runtime_pragma_ = false, classic_pragma_seen_ = false;
  uint32_t factory_pragma_at_ = 0, import_source_pragma_at_ = 0;
  bool factory_pragma_ = false, import_source_pragma_ = false;
  bool used_jsx_ = false, used_jsxs_ = false, used_dev_ = false, used_fragment_ = false,
       used_create_element_ = false;

  Frame frame_;  // reused for every element
  TreeCursor cursor_;
  std::vector<ChildItem> items_;
  uint32_t line_ = 1, line_start_ = 0, scanned_ = 0;  // for jsxDEV positions
};

// `@jsx h`, `@jsxFrag F`, `@jsxImportSource preact`, `@jsxRuntime classic`.
void Transformer::read_pragmas(const std::vector<TSNode>& comments) {
  for (TSNode c : comments) {
    std::string_view t = text(c);
    for (std::size_t at = t.find("@jsx"); at != std::string_view::npos;
         at = t.find("@jsx", at + 4)) {
      std::size_t i = at + 4;
      std::size_t kind_end = i;
      while (kind_end < t.size() && std::isalpha(static_cast<unsigned char>(t[kind_end])))
        ++kind_end;
      std::string_view kind = t.substr(i, kind_end - i);
      i = kind_end;
      if (i >= t.size() || !is_space(t[i])) continue;
      while (i < t.size() && is_space(t[i])) ++i;
      std::size_t value_end = i;
      while (value_end < t.size() && !is_space(t[value_end]) &&
             !t.substr(value_end).starts_with("*/")) {
        ++value_end;
      }
      std::string value(t.substr(i, value_end - i));
      if (value.empty()) continue;
      uint32_t start = node::start(c) + static_cast<uint32_t>(at);
      uint32_t end = node::start(c) + static_cast<uint32_t>(value_end);
      if (kind.empty()) {
        options_.factory = value;
        factory_pragma_ = true;
        factory_pragma_at_ = start;
      } else if (kind == "Frag") {
        options_.fragment = value;
        factory_pragma_ = true;
        factory_pragma_at_ = start;
      } else if (kind == "ImportSource") {
        options_.import_source = value;
        import_source_pragma_ = true;
        import_source_pragma_at_ = start;
      } else if (kind == "Runtime") {
        if (value != "classic" && value != "automatic") {
          error(codes::kJsxBadPragma, start, end,
                fmt::format("unknown JSX runtime `{}`: use classic or automatic", value));
          continue;
        }
        if (options_.mode != JsxMode::preserve) {
          options_.mode = value == "classic" ? JsxMode::classic : JsxMode::automatic;
        }
        runtime_pragma_ = true;
      }
    }
  }
  if (options_.mode == JsxMode::automatic && factory_pragma_) {
    error(codes::kJsxPragmaIgnored, factory_pragma_at_, factory_pragma_at_ + 4,
          "@jsx and @jsxFrag do not apply to the automatic JSX runtime; they are ignored",
          Severity::warning);
  } else if (options_.mode == JsxMode::classic && import_source_pragma_) {
    error(codes::kJsxPragmaIgnored, import_source_pragma_at_, import_source_pragma_at_ + 4,
          "@jsxImportSource does not apply to the classic JSX runtime; it is ignored",
          Severity::warning);
  }
}

void Transformer::run(const std::vector<TSNode>& elements) {
  quoted_file_name_.assign(1, '"');
  jsx::append_escaped(quoted_file_name_, options_.file_name);
  quoted_file_name_ += '"';
  // Names the file does not contain cannot clash with its bindings.
  for (int n = 1;; ++n) {
    bool clash = false;
    for (std::string_view base : {"jsx", "Fragment", "createElement"}) {
      if (text_.find(name(base)) != std::string_view::npos) clash = true;
    }
    if (!clash) break;
    suffix_ = std::to_string(n + 1);
  }

  std::vector<Position> positions;
  if (options_.dev) {
    positions.reserve(elements.size());
    for (TSNode e : elements) positions.push_back(position_of(node::start(e)));
  }
  // Inner elements first (reverse document order): at an offset where an
  // element ends, its own `)` must precede the `,` its parent puts there.
  ts_tree_cursor_reset(cursor_.raw(), elements.front());
  for (std::size_t i = elements.size(); i-- > 0;) {
    read_element(elements[i]);
    if (options_.dev) {
      frame_.line = positions[i].line;
      frame_.column = positions[i].column;
    }
    finish(frame_);
  }
  if (options_.mode == JsxMode::automatic) insert_imports(elements.front());
}

Position Transformer::position_of(uint32_t offset) {
  for (; scanned_ < offset; ++scanned_) {
    char c = text_[scanned_];
    if (c == '\n' || (c == '\r' && (scanned_ + 1 >= text_.size() || text_[scanned_ + 1] != '\n'))) {
      ++line_;
      line_start_ = scanned_ + 1;
    }
  }
  return {line_, count_utf16_units(text_.substr(line_start_, offset - line_start_)) + 1};
}

// Reads an element's own structure: the children of the element and of its
// opening tag, never the code inside `{...}`.
void Transformer::read_element(TSNode e) {
  Frame& f = frame_;
  f.element = e;
  f.self_closing = ts_node_symbol(e) == sym_.self_closing;
  f.name = TSNode{};
  f.open_end = f.self_closing ? node::end(e) : 0;
  f.close_start = f.close_end = node::end(e);
  f.attributes.clear();
  f.children.clear();
  TSTreeCursor* c = cursor_.raw();
  ts_tree_cursor_reset(c, e);
  if (!ts_tree_cursor_goto_first_child(c)) return;
  if (f.self_closing) {
    do read_tag_part(ts_tree_cursor_current_node(c));
    while (ts_tree_cursor_goto_next_sibling(c));
    return;
  }
  do {
    TSNode n = ts_tree_cursor_current_node(c);
    TSSymbol s = ts_node_symbol(n);
    if (s == sym_.opening) {
      f.open_end = node::end(n);
      if (ts_tree_cursor_goto_first_child(c)) {
        do read_tag_part(ts_tree_cursor_current_node(c));
        while (ts_tree_cursor_goto_next_sibling(c));
        ts_tree_cursor_goto_parent(c);
      }
    } else if (s == sym_.closing) {
      f.close_start = node::start(n);
      f.close_end = node::end(n);
    } else if (s == sym_.expression) {
      f.children.push_back({node::start(n), node::end(n), false, contents_of(n)});
    } else if (s == sym_.element || s == sym_.self_closing) {
      f.children.push_back({node::start(n), node::end(n), true});
    }
    // Text and character references are read from the gaps between children.
  } while (ts_tree_cursor_goto_next_sibling(c));
}

void Transformer::read_tag_part(TSNode n) {
  Frame& f = frame_;
  TSSymbol s = ts_node_symbol(n);
  if (s == sym_.attribute) {
    f.attributes.push_back(read_attribute(n));
  } else if (s == sym_.expression) {
    Attribute spread{node::start(n), node::end(n)};
    if (contents_of(n) != Contents::spread) {
      error(codes::kJsxBadExpression, spread.start, spread.end,
            "expected `{...props}`: only spreads stand alone among JSX attributes");
    }
    f.attributes.push_back(spread);
  } else if (s == sym_.identifier || s == sym_.member_expression || s == sym_.namespace_name ||
             s == sym_.nested_identifier) {
    f.name = n;
  }
  // `<`, `>`, `/>`, comments, and type arguments (the TypeScript pass's).
}

Contents Transformer::contents_of(TSNode expression) {
  uint32_t count = ts_node_named_child_count(expression);
  for (uint32_t i = 0; i < count; ++i) {
    TSSymbol s = ts_node_symbol(ts_node_named_child(expression, i));
    if (s == sym_.comment) continue;
    if (s == sym_.spread) return Contents::spread;
    if (s == sym_.sequence) return Contents::sequence;
    return Contents::expression;
  }
  return Contents::empty;
}

Attribute Transformer::read_attribute(TSNode n) {
  Attribute a{node::start(n), node::end(n)};
  uint32_t count = ts_node_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_child(n, i);
    TSSymbol s = ts_node_symbol(c);
    if (!ts_node_is_named(c)) {
      if (text(c) == "=") a.eq = node::start(c);
    } else if (s == sym_.comment) {
      continue;
    } else if (ts_node_is_null(a.name)) {
      a.name = c;
    } else {
      a.value = c;
      a.string_value = s == sym_.string;
      a.expression_value = s == sym_.expression;
      if (a.expression_value) a.contents = contents_of(c);
    }
  }
  a.key = text(a.name) == "key";
  if (a.expression_value && (a.contents == Contents::empty || a.contents == Contents::spread)) {
    error(codes::kJsxBadExpression, node::start(a.value), node::end(a.value),
          a.contents == Contents::empty ? "JSX attributes must be given a non-empty expression"
                                        : "a JSX attribute value cannot be a spread");
  }
  return a;
}

void Transformer::child_items(const Frame& f) {
  std::vector<ChildItem>& items = items_;
  items.clear();
  if (f.self_closing) return;
  uint32_t gap = f.open_end;
  auto text_until = [&](uint32_t end) {
    if (end > gap) {
      if (auto t = jsx::child_text(text_.substr(gap, end - gap))) {
        items.push_back({gap + t->start, gap + t->end, nullptr, std::move(t->literal)});
      }
    }
  };
  for (const Child& c : f.children) {
    text_until(c.start);
    if (c.element || c.contents != Contents::empty) {
      items.push_back({c.start, c.end, &c, {}});
    } else {
      // `{/* comment */}` is no child; the comment stays, the braces go.
      edits_.remove(c.start, c.start + 1);
      edits_.remove(c.end - 1, c.end);
    }
    gap = c.end;
  }
  text_until(f.close_start);
}

void Transformer::flush(Tail& tail, uint32_t item_end, bool separator) {
  switch (tail.kind) {
    case Tail::Kind::none:
      if (separator) edits_.insert_left(item_end, ",");
      break;
    case Tail::Kind::replace:
      if (separator) tail.text += ',';
      edits_.replace(tail.start, tail.end, std::move(tail.text));
      break;
    case Tail::Kind::insert:
      if (separator) tail.text += ',';
      edits_.insert_left(tail.start, std::move(tail.text));
      break;
  }
  tail = {};
}

void Transformer::emit_attribute(const Attribute& a, Tail& tail) {
  if (ts_node_is_null(a.name)) {  // {...x} -> ...x
    edits_.remove(a.start, a.start + 1);
    tail = {Tail::Kind::replace, a.end - 1, a.end, {}};
    return;
  }
  std::string_view name = text(a.name);
  if (ts_node_symbol(a.name) == sym_.namespace_name || name.find('-') != std::string_view::npos) {
    std::string quoted = "\"";
    jsx::append_escaped(quoted, name);
    edits_.replace(node::start(a.name), node::end(a.name), quoted + '"');
  }
  if (ts_node_is_null(a.value)) {
    tail = {Tail::Kind::insert, node::end(a.name), node::end(a.name), ": true"};
    return;
  }
  uint32_t value_start = node::start(a.value), value_end = node::end(a.value);
  if (a.expression_value) {
    bool parens = a.contents == Contents::sequence;
    if (a.eq && a.eq + 1 == value_start) {  // `={` as one edit
      edits_.replace(a.eq, value_start + 1, parens ? ": (" : ": ");
    } else {
      if (a.eq) edits_.replace(a.eq, a.eq + 1, ": ");
      edits_.replace(value_start, value_start + 1, parens ? "(" : "");
    }
    tail = {Tail::Kind::replace, value_end - 1, value_end, parens ? ")" : ""};
    return;
  }
  if (a.eq) edits_.replace(a.eq, a.eq + 1, ": ");
  if (a.string_value) {
    if (auto literal = jsx::attribute_string(text(a.value))) {
      tail = {Tail::Kind::replace, value_start, value_end, std::move(*literal)};
    }
  }
}

void Transformer::emit_child(const ChildItem& item, Tail& tail) {
  if (!item.child) {
    tail = {Tail::Kind::replace, item.start, item.end, item.literal};
  } else if (!item.child->element) {
    bool parens = item.child->contents == Contents::sequence;
    edits_.replace(item.start, item.start + 1, parens ? "(" : "");
    tail = {Tail::Kind::replace, item.end - 1, item.end, parens ? ")" : ""};
  }
}

// The key leaves the props for the call's third argument; its code moves
// with the edits other passes made inside it.
void Transformer::emit_key(const Attribute& key, uint32_t at, std::string after) {
  if (key.string_value) {
    std::string_view raw = text(key.value);
    auto literal = jsx::attribute_string(raw);
    edits_.insert_left(at, fmt::format(", {}{}", literal ? *literal : raw, after));
    edits_.remove(key.start, key.end);
  } else if (key.expression_value) {
    uint32_t open = node::start(key.value), close = node::end(key.value) - 1;
    bool parens = key.contents == Contents::sequence;
    edits_.remove(key.start, open + 1);
    edits_.insert_left(at, parens ? ", (" : ", ");
    edits_.move(open + 1, close, at);
    edits_.insert_left(at, parens ? ")" + after : std::move(after));
    edits_.remove(close, key.end);
  } else {  // key=<el />
    edits_.remove(key.start, node::start(key.value));
    edits_.insert_left(at, ", ");
    edits_.move(node::start(key.value), node::end(key.value), at);
    edits_.insert_left(at, std::move(after));
  }
}

void Transformer::finish(Frame& f) {
  const Attribute* key = nullptr;
  bool spread_seen = false, key_after_spread = false;
  for (const Attribute& a : f.attributes) {
    if (ts_node_is_null(a.name)) {
      spread_seen = true;
    } else if (a.key && !key) {
      key = &a;
      key_after_spread = spread_seen;
    }
  }
  // As Babel and esbuild: a key after a spread must not be overwritten by the
  // spread's, so such elements keep createElement's semantics.
  bool automatic = options_.mode == JsxMode::automatic && !key_after_spread;
  if (automatic && key && ts_node_is_null(key->value)) {
    error(codes::kJsxKeyShorthand, key->start, key->end,
          "`key` needs an explicit value (`key={true}`) with the automatic JSX runtime");
    return;
  }

  child_items(f);
  std::vector<ChildItem>& items = items_;
  bool spread_child = false;
  for (const ChildItem& i : items) {
    if (i.child && !i.child->element && i.child->contents == Contents::spread) spread_child = true;
  }
  bool is_static = items.size() > 1 || spread_child;

  std::string callee;
  if (!automatic) {
    if (options_.mode == JsxMode::classic) {
      callee = options_.factory;
    } else {
      callee = name("createElement");
      used_create_element_ = true;
    }
  } else if (options_.dev) {
    callee = name("jsxDEV");
    used_dev_ = true;
  } else {
    callee = name(is_static ? "jsxs" : "jsx");
    (is_static ? used_jsxs_ : used_jsx_) = true;
  }

  std::size_t props = 0;
  for (const Attribute& a : f.attributes) props += !(automatic && &a == key);
  bool object = automatic || props > 0;
  std::string props_open = object ? ", {" : ", null";

  uint32_t start = node::start(f.element);
  std::string head = fmt::format("{}{}(", kPure, callee);
  if (ts_node_is_null(f.name)) {
    if (options_.mode == JsxMode::classic) {
      head += options_.fragment;
    } else {
      head += name("Fragment");
      used_fragment_ = true;
    }
    edits_.replace(start, start + 1, head + props_open);
  } else {
    edits_.replace(start, start + 1, std::move(head));
    std::string_view tag = text(f.name);
    bool quote = ts_node_symbol(f.name) == sym_.namespace_name ||
                 (ts_node_symbol(f.name) == sym_.identifier &&
                  ((tag[0] >= 'a' && tag[0] <= 'z') || tag.find('-') != std::string_view::npos));
    if (quote) {
      std::string quoted = "\"";
      jsx::append_escaped(quoted, tag);
      edits_.replace(node::start(f.name), node::end(f.name), quoted + '"' + props_open);
    } else {
      edits_.insert_left(node::end(f.name), std::move(props_open));
    }
  }

  uint32_t previous_end = 0;
  bool first = true;
  Tail tail;
  for (const Attribute& a : f.attributes) {
    if (automatic && &a == key) continue;
    if (!first) flush(tail, previous_end, true);
    first = false;
    emit_attribute(a, tail);
    previous_end = a.end;
  }
  flush(tail, previous_end, false);

  // Between the props and the children, and after them.
  std::string open_tail, close_tail;
  if (automatic) {
    if (!items.empty()) {
      open_tail = fmt::format("{}children: {}", props > 0 ? ", " : " ", is_static ? "[" : "");
      close_tail = is_static ? "] }" : " }";
    } else {
      close_tail = "}";
    }
  } else {
    open_tail = object ? "}" : "";
    if (!items.empty()) open_tail += ",";
  }
  if (f.self_closing) {
    edits_.replace(f.open_end - 2, f.open_end, open_tail + close_tail);
  } else {
    edits_.replace(f.open_end - 1, f.open_end, std::move(open_tail));
    edits_.replace(f.close_start, f.close_end, std::move(close_tail));
  }

  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) flush(tail, items[i - 1].end, true);
    emit_child(items[i], tail);
  }
  flush(tail, 0, false);

  // One insertion for everything after the props where possible: JSX-heavy
  // files make hundreds of thousands of edits.
  uint32_t end = node::end(f.element);
  std::string after;
  if (automatic && options_.dev) {
    after = fmt::format("{}, {}, {{ fileName: {}, lineNumber: {}, columnNumber: {} }}, this)",
                        key ? "" : ", void 0", is_static, quoted_file_name_, f.line, f.column);
  } else {
    after = ")";
  }
  if (automatic && key) {
    emit_key(*key, end, std::move(after));
  } else {
    edits_.insert_left(end, std::move(after));
  }
}

// After a `#!` line and the directive prologue ("use client" must stay
// first), on the line already there: no line moves.
void Transformer::insert_imports(TSNode any_node) {
  std::string runtime =
      options_.import_source + (options_.dev ? "/jsx-dev-runtime" : "/jsx-runtime");
  std::string specifiers;
  auto add = [&](bool used, std::string_view imported) {
    if (!used) return;
    if (!specifiers.empty()) specifiers += ", ";
    specifiers += fmt::format("{} as {}", imported, name(imported));
  };
  add(used_jsx_, "jsx");
  add(used_jsxs_, "jsxs");
  add(used_dev_, "jsxDEV");
  add(used_fragment_, "Fragment");
  std::string imports;
  auto quoted = [](std::string_view s) {
    std::string q = "\"";
    jsx::append_escaped(q, s);
    return q + '"';
  };
  if (!specifiers.empty())
    imports += fmt::format("import {{ {} }} from {};", specifiers, quoted(runtime));
  if (used_create_element_) {
    imports += fmt::format("import {{ createElement as {} }} from {};", name("createElement"),
                           quoted(options_.import_source));
  }
  if (imports.empty()) return;

  PrologueEnd end = prologue_end(ts_tree_root_node(any_node.tree), text_);
  if (end.after_directive) {
    edits_.insert_left(end.at, fmt::format("{} {}", end.needs_semicolon ? ";" : "", imports));
  } else {
    edits_.insert_right(end.at, std::move(imports));
  }
}

}  // namespace

void transform_jsx(const Analysis& analysis, const JsxOptions& options, std::string_view text,
                   EditBuffer& edits, std::vector<Diagnostic>& diagnostics) {
  if (analysis.jsx_elements.empty() || options.mode == JsxMode::preserve) return;
  Transformer t(analysis, options, text, edits, diagnostics);
  t.read_pragmas(analysis.jsx_pragmas);
  if (has_errors(diagnostics)) return;
  t.run(analysis.jsx_elements);
}

}  // namespace hmrc
