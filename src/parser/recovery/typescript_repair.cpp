#include "parser/recovery/typescript_repair.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "analysis/ts_syntax.hpp"
#include "parser/tree.hpp"

namespace hmrc {
namespace {

using ts::K;

bool is_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr uint32_t kMaxTypeArguments = 4096;  // bytes from a template's `<` to its `>`

class Repairer {
 public:
  Repairer(TSNode root, std::string_view text)
      : root_(root), syn_(ts::syntax_for(ts_tree_language(root.tree))), text_(text) {
    out_.text = std::string(text);
    const TSLanguage* l = ts_tree_language(root.tree);
    jsx_ = ts_language_symbol_for_name(l, "jsx_element", 11, true) != 0;
  }

  std::optional<TsRepair> run() {
    if (ts_node_has_error(root_)) {
      rename_keyword_parameters();
      rename_keyword_keys();
      separate_all_signatures();
    }
    std::vector<TSNode> ancestors;
    TreeCursor cursor(root_);
    TSNode previous{};  // the sibling before the current node, if any
    for (;;) {
      TSNode node = cursor.node();
      bool descend = true;
      if (ts_node_is_error(node)) {
        // Descend still: when the whole file is one ERROR, the gaps are in it.
        repair(ancestors, previous, node);
      } else if (ts_node_is_missing(node) && !ancestors.empty() &&
                 (syn_.kind(ancestors.back()) == K::interface_body ||
                  syn_.kind(ancestors.back()) == K::object_type)) {
        // The grammar closed the body early (a MISSING `}`), and what follows
        // may parse as something else entirely (a generic arrow function
        // `<A>(a: A): B => ...` up to the next `=>`): separate up to the
        // body's real closing brace.
        uint32_t s = ts_node_start_byte(ancestors.back());
        separate_signatures(s, std::max(ts_node_end_byte(ancestors.back()), closing_brace(s)));
      } else if (!ancestors.empty() && ts_node_is_error(ancestors.back()) &&
                 ts_node_child_count(node) == 0) {
        // A `<` the recovery left loose in an ERROR (not at its start).
        separate_signature_at(ts_node_start_byte(node));
      } else {
        K k = syn_.kind(node);
        // From the outermost member only: walking down from every member of
        // `a.b.c...` would be quadratic in the chain's length.
        if (k == K::member_expression &&
            (ancestors.empty() || syn_.kind(ancestors.back()) != K::member_expression)) {
          join_qualified_type(node);
        }
        if (k == K::extends_clause) blank_heritage_type_arguments(node);
        // Not in an ERROR: recovery can misalign templates, and a closing
        // backtick then reads as an opening one.
        if (k == K::template_string && !inside_error(ancestors))
          blank_template_type_arguments(node);
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
      if (std::string_view(ts_node_type(*it)) == "template_literal_type") {
        blank_type_escapes(ts_node_start_byte(*it));
        return;
      }
      K k = syn_.kind(*it);
      if (k == K::type_parameters) {
        drop_variance(*it);
        return;
      }
      if (k == K::interface_declaration || k == K::type_alias_declaration) {
        separate_signatures(*it);
        return;
      }
      if (k == K::object_type) {
        // A type literal anywhere (`const f: { <A>(a: A): A ... } = ...`):
        // up to its closing brace, which the parse may have lost.
        uint32_t s = ts_node_start_byte(*it);
        separate_signatures(s, std::max(ts_node_end_byte(*it), closing_brace(s)));
        return;
      }
      if (k == K::public_field_definition && unblock_accessor(*it, error)) return;
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
    if (separate_signature_at(ts_node_start_byte(error))) return;
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
    // Only up to the brace that closes the body: past it the ERROR may hold
    // code that is no type at all (JSX lines start with `<` too). Without a
    // closing brace, only the first `<`; further gaps show in the next round.
    uint32_t end = ts_node_start_byte(error) + 1;
    TSNode body = ts_node_child_by_field_id(decl, syn_.fields.body);
    if (ts_node_is_null(body)) body = ts_node_child_by_field_id(decl, syn_.fields.value);
    if (!ts_node_is_null(body)) end = std::max(end, closing_brace(ts_node_start_byte(body)));
    separate_signatures(ts_node_start_byte(decl), end);
  }

  // An ERROR that starts a line with `<T ...>(` follows a call signature
  // the grammar did not end (its parse gave up around the interface, or
  // the whole file is one ERROR). Only a generic call signature has that
  // shape: a comparison or JSX element would not be followed by `(` after
  // the closing `>`. The `;` goes on the whitespace before the `<`.
  bool separate_signature_at(uint32_t at) {
    if (at >= text_.size() || text_[at] != '<') return false;
    uint32_t b = line_start_before(at, 0);
    if (b == kNone) return false;
    // `<T extends`, `<T =`, `<T,` (and `<T>` where no JSX can be), as
    // type parameters start and no JSX element does.
    uint32_t w = at + 1;
    while (w < text_.size() && is_space(text_[w])) ++w;
    // `<const T extends ...>`: a const type parameter.
    if (text_.substr(w, 6) == "const " || text_.substr(w, 6) == "const\n") {
      w += 6;
      while (w < text_.size() && is_space(text_[w])) ++w;
    }
    uint32_t name = w;
    while (w < text_.size() && is_word(text_[w])) ++w;
    if (w == name) return false;
    while (w < text_.size() && is_space(text_[w])) ++w;
    bool extends = text_.substr(w, 8) == "extends " || text_.substr(w, 8) == "extends\n";
    if (!extends && text_.substr(w, 1) != "=" && text_.substr(w, 1) != "," &&
        !(text_.substr(w, 1) == ">" && !jsx_))
      return false;
    // `<` up to its `>` (not `=>`), then `(`.
    int depth = 0;
    uint32_t i = at;
    for (; i < text_.size(); ++i) {
      char c = text_[i];
      if (c == '<') ++depth;
      if (c == '>' && text_[i - 1] != '=' && --depth == 0) break;
      if (c == ';' || c == '{' || c == '}') return false;
    }
    if (i == text_.size()) return false;
    for (++i; i < text_.size() && is_space(text_[i]);) ++i;
    if (i == text_.size() || text_[i] != '(') return false;
    uint32_t p = code_end_before(b);
    char prev = p == 0 ? 0 : text_[p - 1];
    if (prev == 0 || std::string_view(";,{([|&<=:?").find(prev) != std::string_view::npos)
      return false;
    if (prev == '>' && p >= 2 && text_[p - 2] == '=') return false;  // `=>`: an arrow's body
    if (is_word(prev)) {  // after a keyword the line is an expression (`return <T,>(x) => x`)
      uint32_t w = p;
      while (w > 0 && is_word(text_[w - 1])) --w;
      static constexpr std::string_view kKeywords[] = {
          "return", "default", "yield", "await", "typeof", "extends", "in",    "of",
          "case",   "else",    "do",    "new",   "void",   "delete",  "throw", "keyof"};
      std::string_view word = text_.substr(w, p - w);
      if (std::find(std::begin(kKeywords), std::end(kKeywords), word) != std::end(kKeywords))
        return false;
    }
    char& spot = out_.text[semicolon_spot(b, at)];
    if (spot == ';') return false;
    spot = ';';
    changed_ = true;
    return true;
  }

  static constexpr uint32_t kNone = ~0u;

  // Where the line holding `i` starts, when only spaces, tabs and one-line
  // `/* ... */` comments come before `i` on it (`  /* c */ <T>(x: T): T`);
  // kNone otherwise, or at `floor`.
  uint32_t line_start_before(uint32_t i, uint32_t floor) const {
    uint32_t b = i;
    for (;;) {
      while (b > floor && (text_[b - 1] == ' ' || text_[b - 1] == '\t')) --b;
      if (b >= floor + 4 && text_[b - 1] == '/' && text_[b - 2] == '*') {
        size_t open = text_.rfind("/*", b - 3);
        if (open == std::string_view::npos || open < floor ||
            text_.substr(open, b - open).find_first_of("\r\n") != std::string_view::npos)
          return kNone;
        b = static_cast<uint32_t>(open);
        continue;
      }
      break;
    }
    if (b == floor || (text_[b - 1] != '\n' && text_[b - 1] != '\r')) return kNone;
    return b;
  }
  // A blank just before the `<` at `i` (line start `b`), else the first
  // indentation, else the line break itself: the copy may lose it.
  uint32_t semicolon_spot(uint32_t b, uint32_t i) const {
    if (i > b && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) return i - 1;
    if (text_[b] == ' ' || text_[b] == '\t') return b;
    return b - 1;
  }

  // Error recovery can swallow a whole declaration into one ERROR, with no
  // interface or type literal left in the tree to say where signatures
  // are (effect's Schema.ts: `export const f: { /** doc */ <A>(...): B ... }
  // = dual(...)`). Every line that starts like a generic call signature
  // (the strict test of separate_signature_at) is separated, wherever it is.
  void separate_all_signatures() {
    for (uint32_t i = 0; i < text_.size(); ++i) {
      if (text_[i] != '\n' && text_[i] != '\r') continue;
      uint32_t at = i + 1;
      for (;;) {  // past blanks and `/* ... */` on the line
        while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
        if (text_.substr(at, 2) != "/*") break;
        size_t close = text_.find("*/", at + 2);
        if (close == std::string_view::npos) break;
        at = static_cast<uint32_t>(close + 2);
      }
      if (at < text_.size() && text_[at] == '<') separate_signature_at(at);
    }
  }

  // The end of the `{...}` that opens at `open` (strings and comments
  // skipped), or 0.
  uint32_t closing_brace(uint32_t open) const {
    if (open >= text_.size() || text_[open] != '{') return 0;
    int depth = 0;
    for (uint32_t i = open; i < text_.size(); ++i) {
      char c = text_[i];
      if (c == '"' || c == '\'' || c == '`') {
        for (++i; i < text_.size() && text_[i] != c && text_[i] != '\n'; ++i)
          if (text_[i] == '\\') ++i;
      } else if (c == '/' && i + 1 < text_.size() && text_[i + 1] == '/') {
        while (i < text_.size() && text_[i] != '\n') ++i;
      } else if (c == '/' && i + 1 < text_.size() && text_[i + 1] == '*') {
        size_t close = text_.find("*/", i + 2);
        if (close == std::string_view::npos) return 0;
        i = static_cast<uint32_t>(close + 1);
      } else if (c == '{') {
        ++depth;
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      }
    }
    return 0;
  }

  // The last character before `pos` that is neither space nor comment.
  char code_before(uint32_t pos) const {
    uint32_t end = code_end_before(pos);
    return end == 0 ? 0 : text_[end - 1];
  }
  // Where the code before `pos` ends, past spaces and comments (0: none).
  uint32_t code_end_before(uint32_t pos) const {
    for (;;) {
      while (pos > 0 && is_space(text_[pos - 1])) --pos;
      if (pos == 0) return 0;
      if (pos >= 2 && text_[pos - 1] == '/' && text_[pos - 2] == '*') {
        size_t open = text_.rfind("/*", pos - 2);
        if (open == std::string_view::npos) return 0;
        pos = static_cast<uint32_t>(open);
        continue;
      }
      uint32_t line = pos;
      while (line > 0 && text_[line - 1] != '\n' && text_[line - 1] != '\r') --line;
      size_t slash = text_.substr(line, pos - line).find("//");
      if (slash != std::string_view::npos) {
        pos = line + static_cast<uint32_t>(slash);
        continue;
      }
      return pos;
    }
  }

  // `x as A.B.C` and `x satisfies A.B.C` can come out as the member access
  // `(x as A.B).C`, without an ERROR. No valid TypeScript accesses a member
  // of an unparenthesized as/satisfies, so the `.C` is always more of the
  // type: the qualified name becomes one identifier (`A_B_C`), dots and
  // all, which the grammar reads as one type. Names with spaces or comments
  // around their dots are left as they are (typescript/erase reports them).
  void join_qualified_type(TSNode member) {
    TSNode cast = member;
    while (syn_.kind(cast) == K::member_expression)
      cast = ts_node_child_by_field_id(cast, syn_.fields.object);
    K ck = syn_.kind(cast);
    if (ck != K::as_expression && ck != K::satisfies_expression) return;
    TSNode type = ts_node_named_child(cast, ts_node_named_child_count(cast) - 1);
    // `k as keyof A.B.C`: the name is the operand of `keyof`.
    while (std::string_view(ts_node_type(type)) == "index_type_query" &&
           ts_node_named_child_count(type) > 0)
      type = ts_node_named_child(type, ts_node_named_child_count(type) - 1);
    K tk = syn_.kind(type);
    if (tk != K::nested_type_identifier && tk != K::type_identifier) return;
    uint32_t s = ts_node_start_byte(type), e = ts_node_end_byte(member);
    for (uint32_t i = s; i < e; ++i)
      if (!is_word(text_[i]) && text_[i] != '.') return;
    for (uint32_t i = s; i < e; ++i) {
      if (text_[i] != '.') continue;
      out_.text[i] = '_';
      changed_ = true;
    }
  }

  // `class A extends B<T> { m() {} }` followed by a block `{ f(); }` can come
  // out as `extends (B < T) > { m() {} }` with the block as the class body,
  // without an ERROR. In TypeScript `<T>` after a heritage expression is
  // always type arguments: they are blanked and the class parsed again.
  void blank_heritage_type_arguments(TSNode clause) {
    TSNode value = ts_node_child_by_field_id(clause, syn_.fields.value);
    if (ts_node_is_null(value) || syn_.kind(value) != K::binary_expression) return;
    TSNode left = ts_node_child_by_field_id(value, syn_.fields.left);
    TSNode right = ts_node_child_by_field_id(value, syn_.fields.right);
    TSNode op = ts_node_child_by_field_id(value, syn_.fields.operator_);
    if (ts_node_is_null(left) || ts_node_is_null(right) || ts_node_is_null(op)) return;
    if (syn_.kind(left) != K::binary_expression || syn_.kind(right) != K::object) return;
    if (text_.substr(ts_node_start_byte(op), ts_node_end_byte(op) - ts_node_start_byte(op)) != ">")
      return;
    TSNode lop = ts_node_child_by_field_id(left, syn_.fields.operator_);
    if (ts_node_is_null(lop) || text_.substr(ts_node_start_byte(lop), 1) != "<" ||
        ts_node_end_byte(lop) != ts_node_start_byte(lop) + 1)
      return;
    uint32_t s = ts_node_start_byte(lop), e = ts_node_end_byte(op);
    for (uint32_t i = s; i < e; ++i)
      if (out_.text[i] != '\n' && out_.text[i] != '\r') out_.text[i] = ' ';
    out_.removed_types.push_back({s, e});
    changed_ = true;
  }

  // `(any) => void` is a function type whose one parameter is named `any`;
  // the grammar reads `(any)` as a parenthesized predefined type and stops
  // at `=>`. The name is changed in the copy to an identifier of the same
  // length (`_ny`): parameter names of types are erased, and in an arrow
  // function the passes read the name from the original text.
  void rename_keyword_parameters() {
    static constexpr std::string_view kPredefined[] = {
        "any", "number", "boolean", "string", "symbol", "void", "unknown", "never", "object"};
    for (uint32_t i = 0; i < text_.size(); ++i) {
      if (text_[i] != '(') continue;
      uint32_t w = i + 1;
      while (w < text_.size() && is_space(text_[w])) ++w;
      uint32_t e = w;
      while (e < text_.size() && is_word(text_[e])) ++e;
      std::string_view word = text_.substr(w, e - w);
      if (std::find(std::begin(kPredefined), std::end(kPredefined), word) == std::end(kPredefined))
        continue;
      uint32_t c = e;
      while (c < text_.size() && is_space(text_[c])) ++c;
      if (c < text_.size() && text_[c] == '?') ++c;
      while (c < text_.size() && is_space(text_[c])) ++c;
      if (c >= text_.size() || text_[c] != ')') continue;
      for (++c; c < text_.size() && is_space(text_[c]);) ++c;
      if (text_.substr(c, 2) != "=>") continue;
      out_.text[w] = '_';
      changed_ = true;
    }
  }

  // A template literal type with escapes (`\`Self\`` in effect's
  // Effect.ts): the grammar has no escape sequences in template literal
  // types. The type is erased, so the copy blanks each escape.
  void blank_type_escapes(uint32_t open) {
    if (open >= text_.size() || text_[open] != '`') return;
    int braces = 0;
    for (uint32_t i = open + 1; i < text_.size(); ++i) {
      char c = text_[i];
      if (braces == 0 && c == '\\' && i + 1 < text_.size()) {
        out_.text[i] = out_.text[i + 1] = ' ';
        changed_ = true;
        ++i;
      } else if (braces == 0 && c == '`') {
        return;
      } else if (c == '$' && i + 1 < text_.size() && text_[i + 1] == '{') {
        ++braces;
        ++i;
      } else if (braces > 0 && c == '{') {
        ++braces;
      } else if (braces > 0 && c == '}') {
        --braces;
      }
    }
  }

  // `in: "query"` (effect's OpenApi.ts), `instanceof: X`, `abstract: X` as
  // a member name on a line of its own: the grammar reads an operator or a
  // modifier there. The copy renames the key (`_n`); the passes read the
  // name from the original.
  void rename_keyword_keys() {
    static constexpr std::string_view kKeywords[] = {"in", "instanceof", "abstract"};
    for (uint32_t i = 0; i < text_.size(); ++i) {
      if (text_[i] != '\n' && text_[i] != '\r') continue;
      uint32_t w = i + 1;
      while (w < text_.size() && (text_[w] == ' ' || text_[w] == '\t')) ++w;
      uint32_t e = w;
      while (e < text_.size() && is_word(text_[e])) ++e;
      std::string_view word = text_.substr(w, e - w);
      if (std::find(std::begin(kKeywords), std::end(kKeywords), word) == std::end(kKeywords))
        continue;
      uint32_t c = e;
      if (c < text_.size() && text_[c] == '?') ++c;
      if (c < text_.size() && text_[c] == ':') {
        out_.text[w] = '_';
        changed_ = true;
      }
    }
  }

  // `static accessor x = 1`: the grammar takes `accessor` only with no other
  // modifier, reads it as the field's name and stops at `x`. The copy
  // blanks `accessor`, so the tree has the field with its other modifiers
  // (`abstract` members are erased whole, `override` is blanked); no pass
  // edits the keyword, so the output keeps it from the original.
  bool unblock_accessor(TSNode field, TSNode error) {
    uint32_t s = ts_node_start_byte(field), at = ts_node_start_byte(error);
    uint32_t a = code_end_before(at);
    if (a < s + 8 || text_.substr(a - 8, 8) != "accessor") return false;
    if (a - 8 > s && is_word(text_[a - 9])) return false;
    for (uint32_t x = a - 8; x < a; ++x) out_.text[x] = ' ';
    changed_ = true;
    return true;
  }

  // `` tag<T>`x` `` is a tagged template with type arguments, which the
  // grammar does not know: it reads comparisons (`(tag < T) > `x``), or
  // `tag < Array<T> > `x`.pipe()`, or `a.tag<T>` followed by a MISSING
  // node. TypeScript reads type arguments whenever `<...>` before a
  // template parses as types, so the `<...>` is blanked in the copy and in
  // the output. Only a `<...>` made of type tokens qualifies (`a < b + 1 >
  // `x`` stays a comparison, as in TypeScript).
  void blank_template_type_arguments(TSNode tpl) {
    uint32_t t = ts_node_start_byte(tpl);
    uint32_t g = t;
    while (g > 0 && is_space(text_[g - 1])) --g;
    if (g < 2 || text_[g - 1] != '>' || text_[g - 2] == '=') return;
    --g;  // on the `>`
    // Back to the matching `<`, over type tokens only.
    std::vector<char> closers;  // `>`, `)`, `]`, `}` still open (read backwards)
    uint32_t i = g + 1;
    uint32_t open = 0;
    bool found = false;
    // Bounded: type arguments are short, and a scan per template over a
    // long run of words would be quadratic. Past the bound the guard
    // (TS005) reports rather than guesses.
    uint32_t stop = g > kMaxTypeArguments ? g - kMaxTypeArguments : 0;
    while (i > stop) {
      --i;
      char c = text_[i];
      if (is_word(c) || is_space(c) || c == '.' || c == ',' || c == '|' || c == '&' || c == ':' ||
          c == '?' || c == '-')
        continue;
      if (c == '"' || c == '\'') {  // a string literal type, read backwards
        while (i > 0 && text_[i - 1] != c && text_[i - 1] != '\n') --i;
        if (i == 0 || text_[i - 1] != c) return;
        --i;
        continue;
      }
      if (c == ';' && !closers.empty() && closers.back() == '}') continue;
      if (c == '>') {
        if (i > 0 && text_[i - 1] == '=') {  // `=>` of a function type
          --i;
          continue;
        }
        closers.push_back('>');
        continue;
      }
      if (c == ')' || c == ']' || c == '}') {
        closers.push_back(c);
        continue;
      }
      char want = c == '<' ? '>' : c == '(' ? ')' : c == '[' ? ']' : c == '{' ? '}' : 0;
      if (want == 0 || closers.empty() || closers.back() != want) return;
      closers.pop_back();
      if (closers.empty()) {
        open = i;
        found = true;
        break;
      }
    }
    if (!found || text_[open] != '<') return;
    // Both ends must be tokens of the tree, not characters inside a string:
    // a tree with errors can start a template at another's closing backtick
    // (`\`a<${x}>\``), and the scan above would then read the text inside.
    if (!is_token(g, {">", ">>", ">>>"}) || !is_token(open, {"<"})) return;
    for (uint32_t x = open; x < g; ++x)
      if (text_[x] == '`' || (text_[x] == '$' && text_[x + 1] == '{')) return;
    // `a << b >> `x`` and `a <= b > `x`` are operators, not type arguments.
    if (open + 1 <= g && (text_[open + 1] == '<' || text_[open + 1] == '=')) return;
    if (open > 0 && text_[open - 1] == '<') return;
    // The tag: an expression ends before the `<` (not a keyword that starts
    // a cast, as in `return <T>`x``, nor an operator).
    uint32_t e = open;
    while (e > 0 && is_space(text_[e - 1])) --e;
    if (e == 0) return;
    char before = text_[e - 1];
    if (before != ')' && before != ']' && !is_word(before)) return;
    if (is_word(before)) {
      uint32_t w = e;
      while (w > 0 && is_word(text_[w - 1])) --w;
      static constexpr std::string_view kKeywords[] = {
          "return", "typeof", "void", "await", "yield", "case",       "in",      "of",
          "delete", "throw",  "else", "do",    "new",   "instanceof", "extends", "keyof"};
      std::string_view word = text_.substr(w, e - w);
      if (std::find(std::begin(kKeywords), std::end(kKeywords), word) != std::end(kKeywords))
        return;
    }
    for (uint32_t x = open; x <= g; ++x)
      if (out_.text[x] != '\n' && out_.text[x] != '\r') out_.text[x] = ' ';
    out_.removed_types.push_back({open, g + 1});
    changed_ = true;
  }

  static bool inside_error(const std::vector<TSNode>& ancestors) {
    for (TSNode a : ancestors)
      if (ts_node_is_error(a)) return true;
    return false;
  }

  // Whether the leaf at `at` starts there and is one of `types`.
  bool is_token(uint32_t at, std::initializer_list<std::string_view> types) const {
    TSNode leaf = ts_node_descendant_for_byte_range(root_, at, at + 1);
    if (ts_node_is_null(leaf) || ts_node_child_count(leaf) > 0) return false;
    uint32_t s = ts_node_start_byte(leaf);
    std::string_view type = ts_node_type(leaf);
    if (type == ">>" || type == ">>>") return at >= s && at < ts_node_end_byte(leaf);
    return s == at && std::find(types.begin(), types.end(), type) != types.end();
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
      uint32_t b = line_start_before(i, s);
      if (b == kNone) continue;
      // The code before, past blank lines and comments (`/** doc */` on
      // each overload).
      uint32_t p = code_end_before(b);
      if (p <= s) continue;
      char prev = text_[p - 1];
      if (std::string_view(";,{([|&<=:?").find(prev) != std::string_view::npos) continue;
      if (prev == '>' && p >= 2 && text_[p - 2] == '=') continue;  // `=>` at line end
      char& at = out_.text[semicolon_spot(b, i)];
      if (at == ';') continue;
      at = ';';
      changed_ = true;
    }
  }

  TSNode root_;
  const ts::Syntax& syn_;
  std::string_view text_;
  TsRepair out_;
  bool changed_ = false;
  bool jsx_ = false;  // .tsx: a line can start with a JSX element
};

}  // namespace

std::optional<TsRepair> repair_typescript(TSNode root, std::string_view text) {
  return Repairer(root, text).run();
}

}  // namespace hmrc
