// Text inside JSX, turned into JavaScript string literals: character
// references decoded, children's whitespace trimmed as esbuild and Babel do,
// line breaks kept as line continuations so that no later line moves.
//
//   <p>  Hello,                child text -> "  Hello, \(line break)
//        &amp; world </p>      & world "   (value "  Hello, & world ")
//   title="a\b &lt;"           attribute  -> "a\\b <"
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hmrc::jsx {

namespace detail {
struct NamedEntity {
  const char* name;
  uint32_t code_point;
};
extern const NamedEntity kNamedEntities[];
extern const std::size_t kNamedEntityCount;
}  // namespace detail

struct Entity {
  uint32_t code_point;
  std::size_t length;  // bytes of `&...;`
};

// The character reference at the start of `s` (which starts with `&`):
// `&name;` from the table, `&#123;` or `&#x7B;`. Anything else is not one and
// stays as written, `&` included.
std::optional<Entity> decode_entity(std::string_view s);

// A JSX child text after trimming: `literal` (with quotes) replaces the bytes
// [start, end) of the raw text; the whitespace around them stays as it is.
struct ChildText {
  uint32_t start, end;
  std::string literal;
};
// Empty when the text is only whitespace spanning a line break (it vanishes).
std::optional<ChildText> child_text(std::string_view raw);

// The literal for an attribute string (raw includes its quotes); JSX strings
// have no escapes, only character references. nullopt: the raw string
// already means the same in JavaScript and can stay untouched.
std::optional<std::string> attribute_string(std::string_view raw);

// Appends a JavaScript string literal's body for `s` (no quotes), escaping
// what must be escaped. Used for names and file names.
void append_escaped(std::string& out, std::string_view s);

}  // namespace hmrc::jsx
