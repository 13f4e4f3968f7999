#include "syntax_errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "tree.hpp"

namespace hmrc {
namespace {

constexpr std::size_t kMaxQuotedBytes = 40;
constexpr TSSymbol kErrorSymbol = static_cast<TSSymbol>(-1);  // ts_builtin_sym_error

bool is_error(TSNode node) { return ts_node_symbol(node) == kErrorSymbol; }

std::string quote(std::string_view text) {
  if (auto nl = text.find_first_of("\r\n"); nl != std::string_view::npos) text = text.substr(0, nl);
  if (text.size() <= kMaxQuotedBytes) return fmt::format("`{}`", text);
  std::size_t cut = kMaxQuotedBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("`{}...`", text.substr(0, cut));
}

std::string_view node_text(TSNode node, std::string_view text) {
  uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
  return text.substr(start, end - start);
}

TSNode first_leaf(TSNode node) {
  while (ts_node_child_count(node) > 0) node = ts_node_child(node, 0);
  return node;
}

TSNode last_leaf(TSNode node) {
  while (uint32_t n = ts_node_child_count(node)) node = ts_node_child(node, n - 1);
  return node;
}

// The first token that starts at or after `byte`, or a null node at the end.
// One descent from the root: ts_node_parent and ts_node_next_sibling cost
// O(depth) each, which deeply nested input turns into minutes.
TSNode token_at_or_after(TSNode root, uint32_t byte) {
  for (;;) {
    TreeCursor cursor(root);
    while (ts_tree_cursor_goto_first_child_for_byte(cursor.raw(), byte) >= 0) {
    }
    TSNode node = cursor.node();
    if (ts_node_end_byte(node) <= byte) return TSNode{};
    TSNode leaf = first_leaf(node);
    // Comments are not tokens the parser stumbled on.
    if (std::string_view(ts_node_type(leaf)) != "comment") return leaf;
    byte = ts_node_end_byte(leaf);
  }
}

bool is_closer(std::string_view token) { return token == ")" || token == "]" || token == "}"; }

std::string describe(TSNode token, std::string_view text) {
  std::string_view token_text = node_text(token, text);
  if (ts_node_is_named(token) && !is_error(token)) {
    std::string type = ts_node_type(token);
    std::replace(type.begin(), type.end(), '_', ' ');
    return fmt::format("{} {}", type, quote(token_text));
  }
  return quote(token_text);
}

Diagnostic missing_diagnostic(TSNode node, std::string_view text) {
  std::string_view type = ts_node_type(node);
  uint32_t at = ts_node_start_byte(node);
  std::string what = ts_node_is_named(node) ? std::string(type) : fmt::format("`{}`", type);
  // Nothing but blanks after it: a bracket left open somewhere above.
  if (text.find_first_not_of(" \t\r\n", at) == std::string_view::npos)
    return {codes::kMissingToken,
            Severity::error,
            {at, at},
            fmt::format("expected {} before the end of the file", what),
            {fmt::format("a bracket opened above is never closed")}};
  return {codes::kMissingToken, Severity::error, {at, at}, fmt::format("expected {}", what), {}};
}

// An ERROR node holds tokens the parser could not fit. Which one is wrong:
// - ending in an operator or opener, they are a valid prefix and the culprit
//   is the next token (`let b = ;` wraps `=`: `;` is wrong);
// - a closing bracket inside is unmatched itself (`foo)`);
// - ending in an operand, its last piece could not stand there (`1 2` wraps `2`).
TSNode culprit_of(TSNode error, TSNode root) {
  TSNode last = last_leaf(error);
  if (is_closer(ts_node_type(last))) return last;
  if (ts_node_is_named(last))
    return first_leaf(ts_node_child(error, ts_node_child_count(error) - 1));
  return token_at_or_after(root, ts_node_end_byte(error));
}

// The tag name of a JSX opening or closing element (empty for a fragment).
std::string_view jsx_name(TSNode element, std::string_view text) {
  TSNode name = ts_node_child_by_field_name(element, "name", 4);
  return ts_node_is_null(name) ? std::string_view() : node_text(name, text);
}

// `<div><span>hi</div>`: the grammar pairs `<span>` with `</div>` and
// leaves `<div>` open; the element left open is the inner one.
std::optional<Diagnostic> mismatched_jsx(TSNode error, std::string_view text) {
  TreeCursor cursor(error);
  for (bool more = cursor.first_child(); more; more = cursor.next_sibling()) {
    TSNode child = cursor.node();
    if (std::string_view(ts_node_type(child)) != "jsx_element") continue;
    TSNode open = ts_node_child(child, 0);
    TSNode close = ts_node_child(child, ts_node_child_count(child) - 1);
    if (std::string_view(ts_node_type(close)) != "jsx_closing_element") continue;
    std::string_view a = jsx_name(open, text), b = jsx_name(close, text);
    if (a == b) continue;
    return Diagnostic{
        codes::kUnexpectedSyntax,
        Severity::error,
        {ts_node_start_byte(open), ts_node_end_byte(open)},
        fmt::format("unclosed JSX element {}", quote(node_text(open, text))),
        {fmt::format("{} closes `<{}>`, not this element", quote(node_text(close, text)), b)}};
  }
  return std::nullopt;
}

// Errors whose cause shows in one child of the ERROR node: an opening quote
// or backtick that never closes, a JSX element that is never closed.
std::optional<Diagnostic> unclosed_child(TSNode error, std::string_view text) {
  if (auto mismatch = mismatched_jsx(error, text)) return mismatch;
  TreeCursor cursor(error);
  for (bool more = cursor.first_child(); more; more = cursor.next_sibling()) {
    TSNode child = cursor.node();
    std::string_view type = ts_node_type(child);
    uint32_t at = ts_node_start_byte(child);
    if (type == "`" || type == "\"" || type == "'") {
      return Diagnostic{
          codes::kUnexpectedSyntax,
          Severity::error,
          {at, at + 1},
          type == "`" ? "unterminated template literal" : "unterminated string literal",
          {}};
    }
    if (type == "jsx_opening_element") {
      return Diagnostic{codes::kUnexpectedSyntax,
                        Severity::error,
                        {at, ts_node_end_byte(child)},
                        fmt::format("unclosed JSX element {}", quote(node_text(child, text))),
                        {}};
    }
  }
  return std::nullopt;
}

// JSX in a grammar without it (`.ts`): the tokens come out as type
// arguments, comparisons and regular expressions (`</div>` starts one), and
// the message would be about a regex. A closing tag in the ERROR says JSX.
std::optional<Diagnostic> jsx_without_jsx(TSNode error, TSNode root, std::string_view text) {
  const TSLanguage* language = ts_tree_language(root.tree);
  if (ts_language_symbol_for_name(language, "jsx_element", 11, true) != 0) return std::nullopt;
  std::string_view t = node_text(error, text);
  for (std::size_t at = t.find("</"); at != std::string_view::npos; at = t.find("</", at + 2)) {
    char c = at + 2 < t.size() ? t[at + 2] : 0;
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '>')) continue;
    uint32_t start = ts_node_start_byte(error) + static_cast<uint32_t>(at);
    return Diagnostic{codes::kUnexpectedSyntax,
                      Severity::error,
                      {start, start + 2},
                      "JSX is not allowed in a .ts file",
                      {"JSX needs a .tsx file (or .jsx for JavaScript); in a .ts file `<T>x` is a "
                       "type assertion"}};
  }
  return std::nullopt;
}

// An ERROR that holds an opening bracket it never closes, with a later line
// inside it (`const a = { b: 1` then `console.log(2)`): the bracket is the
// mistake, and the first token of the next line is where the parser stopped
// (esbuild: Expected "}" but found "console").
std::optional<Diagnostic> unclosed_bracket(TSNode error, std::string_view text) {
  std::vector<TSNode> open;
  TreeCursor cursor(error);
  for (bool more = cursor.first_child(); more; more = cursor.next_sibling()) {
    TSNode child = cursor.node();
    std::string_view type = ts_node_type(child);
    if (type == "{" || type == "(" || type == "[") {
      open.push_back(child);
    } else if (is_closer(type) && !open.empty()) {
      open.pop_back();
    }
  }
  if (open.empty()) return std::nullopt;
  TSNode opener = open.back();
  uint32_t from = ts_node_end_byte(opener);
  uint32_t line_end = static_cast<uint32_t>(text.find_first_of("\r\n", from));
  if (line_end >= ts_node_end_byte(error)) return std::nullopt;
  // The first token after the opener's line.
  TSNode token{};
  TreeCursor walk(error);
  for (;;) {
    TSNode n = walk.node();
    if (ts_node_end_byte(n) > line_end && ts_node_child_count(n) == 0 &&
        ts_node_start_byte(n) > line_end && std::string_view(ts_node_type(n)) != "comment") {
      token = n;
      break;
    }
    if (ts_node_end_byte(n) > line_end && walk.first_child()) continue;
    bool moved = false;
    while (!(moved = walk.next_sibling()))
      if (!walk.parent()) break;
    if (!moved) break;
  }
  if (ts_node_is_null(token)) return std::nullopt;
  std::string_view closer = node_text(opener, text) == "{"   ? "}"
                            : node_text(opener, text) == "(" ? ")"
                                                             : "]";
  uint32_t line = 1;
  for (uint32_t i = 0; i < ts_node_start_byte(opener); ++i)
    if (text[i] == '\n') ++line;
  return Diagnostic{codes::kUnexpectedSyntax,
                    Severity::error,
                    {ts_node_start_byte(token), ts_node_end_byte(token)},
                    fmt::format("expected `{}` but found {}", closer, describe(token, text)),
                    {fmt::format("to close the `{}` on line {}", node_text(opener, text), line)}};
}

Diagnostic error_diagnostic(TSNode node, TSNode parent, TSNode root, std::string_view text) {
  if (auto jsx = jsx_without_jsx(node, root, text)) return std::move(*jsx);
  if (auto unclosed = unclosed_child(node, text)) return std::move(*unclosed);
  if (auto bracket = unclosed_bracket(node, text)) return std::move(*bracket);
  TSNode culprit = culprit_of(node, root);
  std::vector<std::string> notes;
  if (!ts_node_is_null(parent) && !ts_node_eq(parent, root)) {
    std::string context = ts_node_type(parent);
    std::replace(context.begin(), context.end(), '_', ' ');
    notes.push_back(fmt::format("in this {}", context));
  }
  if (ts_node_is_null(culprit) || ts_node_start_byte(culprit) >= text.size()) {
    // Just after the last token, not after trailing blank lines.
    uint32_t end = ts_node_end_byte(last_leaf(node));
    return {codes::kUnexpectedSyntax,
            Severity::error,
            {end, end},
            "unexpected end of file",
            std::move(notes)};
  }
  uint32_t start = ts_node_start_byte(culprit), end = ts_node_end_byte(culprit);
  return {codes::kUnexpectedSyntax,
          Severity::error,
          {start, end},
          fmt::format("unexpected {}", describe(culprit, text)),
          std::move(notes)};
}

}  // namespace

void collect_syntax_errors(TSNode root, std::string_view text, std::vector<Diagnostic>& out) {
  if (!ts_node_has_error(root)) return;
  std::size_t found = 0;
  uint32_t last_start = UINT32_MAX;
  std::vector<TSNode> ancestors;  // of the cursor's node: parents without ts_node_parent
  TreeCursor cursor(root);
  for (;;) {
    TSNode node = cursor.node();
    bool missing = ts_node_is_missing(node), error = !missing && is_error(node);
    if (missing || error) {
      // Only the first ones are described; the rest are counted. Two
      // unclosed blocks give two MISSING `}` at one place: that is one error.
      uint32_t start = ts_node_start_byte(node);
      if (start != last_start || !missing) {
        if (++found <= kMaxSyntaxErrors) {
          TSNode parent = ancestors.empty() ? TSNode{} : ancestors.back();
          Diagnostic d =
              missing ? missing_diagnostic(node, text) : error_diagnostic(node, parent, root, text);
          bool repeated = !out.empty() && out.back().span.start == d.span.start &&
                          out.back().message == d.message;
          if (repeated)
            --found;
          else
            out.push_back(std::move(d));
        }
      }
      last_start = start;
    } else if (ts_node_has_error(node) && cursor.first_child()) {
      ancestors.push_back(node);
      continue;
    }
    while (!cursor.next_sibling()) {
      if (!cursor.parent()) goto done;
      ancestors.pop_back();
    }
  }
done:
  if (found > kMaxSyntaxErrors) {
    uint32_t end = static_cast<uint32_t>(text.size());
    out.push_back(
        {codes::kTooManyErrors,
         Severity::error,
         {end, end},
         fmt::format("too many syntax errors: {} more left out", found - kMaxSyntaxErrors),
         {}});
  }
}

}  // namespace hmrc
