#include "transform/jsx/text.hpp"

#include <algorithm>
#include <cstring>

namespace hmrc::jsx {
namespace {

// No entity name is longer; bounding the search for `;` keeps a stray `&`
// in a long text from scanning to its end.
constexpr std::size_t kMaxEntityLength = 32;

struct Decoded {
  uint32_t code_point;
  std::size_t length;
};

// Input is valid UTF-8 (checked before parsing).
Decoded decode_utf8(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) {
    return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k]));
  };
  uint32_t c = b(0);
  if (c < 0x80) return {c, 1};
  if (c < 0xE0) return {((c & 0x1F) << 6) | (b(1) & 0x3F), 2};
  if (c < 0xF0) return {((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F), 3};
  return {((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F), 4};
}

bool is_line_break(uint32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

// Whitespace JSX trims at line edges: esbuild's set (Babel trims only spaces
// and tabs; they differ only for these rare characters).
bool is_whitespace(uint32_t c) {
  switch (c) {
    case '\t':
    case 0x0B:
    case 0x0C:
    case ' ':
    case 0xA0:
    case 0xFEFF:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

void append_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

void append_hex_escape(std::string& out, uint32_t c, int digits) {
  constexpr char kHex[] = "0123456789ABCDEF";
  out += digits == 2 ? "\\x" : "\\u";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 15];
}

// One code point inside a "..." literal. Tabs stay raw (they keep columns);
// line terminators never reach here raw from the source.
void append_code_point(std::string& out, uint32_t c) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += '\t';
      return;
    case 0x0B:
      out += "\\v";
      return;
    case 0x0C:
      out += "\\f";
      return;
    default:
      break;
  }
  if (c < 0x20) return append_hex_escape(out, c, 2);
  if (c == 0x2028 || c == 0x2029 || (c >= 0xD800 && c <= 0xDFFF))
    return append_hex_escape(out, c, 4);
  append_utf8(out, c);
}

// Appends raw JSX text, decoding character references.
void append_decoded(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto byte = static_cast<unsigned char>(s[i]);
    if (byte == '&') {
      if (auto e = decode_entity(s.substr(i))) {
        append_code_point(out, e->code_point);
        i += e->length;
        continue;
      }
    }
    if (byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\') {
      out += static_cast<char>(byte);
      ++i;
      continue;
    }
    Decoded d = decode_utf8(s, i);
    if (d.code_point >= 0x80 && d.code_point != 0x2028 && d.code_point != 0x2029) {
      out.append(s.substr(i, d.length));  // already UTF-8
    } else {
      append_code_point(out, d.code_point);
    }
    i += d.length;
  }
}

std::optional<uint32_t> parse_number(std::string_view digits, int base) {
  if (digits.empty()) return std::nullopt;
  uint64_t v = 0;
  for (char ch : digits) {
    int d = ch >= '0' && ch <= '9'                 ? ch - '0'
            : base == 16 && ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
            : base == 16 && ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                                   : -1;
    if (d < 0) return std::nullopt;
    v = v * base + d;
    if (v > 0x10FFFF) return std::nullopt;
  }
  return static_cast<uint32_t>(v);
}

}  // namespace

std::optional<Entity> decode_entity(std::string_view s) {
  std::size_t semicolon = s.substr(0, kMaxEntityLength).find(';');
  if (semicolon == std::string_view::npos || semicolon < 2) return std::nullopt;
  std::string_view body = s.substr(1, semicolon - 1);
  if (body[0] == '#') {
    // Lower-case x only, as Babel and esbuild read it.
    bool hex = body.size() > 1 && body[1] == 'x';
    auto v = parse_number(body.substr(hex ? 2 : 1), hex ? 16 : 10);
    if (!v) return std::nullopt;
    return Entity{*v, semicolon + 1};
  }
  const auto* begin = detail::kNamedEntities;
  const auto* end = begin + detail::kNamedEntityCount;
  const auto* it =
      std::lower_bound(begin, end, body, [](const detail::NamedEntity& e, std::string_view name) {
        return std::string_view(e.name) < name;
      });
  if (it == end || std::string_view(it->name) != body) return std::nullopt;
  return Entity{it->code_point, semicolon + 1};
}

// esbuild's rules (Babel's differ only for unusual whitespace): the first
// line keeps its leading whitespace and the last line its trailing
// whitespace; other whitespace touching a line break goes, lines without
// anything else vanish, and the remaining lines join with one space.
std::optional<ChildText> child_text(std::string_view raw) {
  struct Segment {
    std::size_t start, end;
  };
  std::string literal = "\"";
  std::optional<Segment> first, last;
  auto add = [&](Segment seg) {
    if (last) {
      literal += ' ';
      // A continuation per line break keeps later lines where they were.
      for (std::size_t i = last->end; i < seg.start;) {
        Decoded d = decode_utf8(raw, i);
        if (is_line_break(d.code_point)) {
          std::size_t n = d.length;
          if (d.code_point == '\r' && i + 1 < seg.start && raw[i + 1] == '\n') n = 2;
          literal += '\\';
          literal.append(raw.substr(i, n));
          i += n;
        } else {
          i += d.length;
        }
      }
    } else {
      first = seg;
    }
    append_decoded(literal, raw.substr(seg.start, seg.end - seg.start));
    last = seg;
  };

  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t line_start = 0;      // first non-whitespace of the line; 0 on the first line
  std::size_t after_last = kNone;  // after the last non-whitespace seen
  for (std::size_t i = 0; i < raw.size();) {
    Decoded d = decode_utf8(raw, i);
    if (is_line_break(d.code_point)) {
      if (line_start != kNone && after_last != kNone && after_last > line_start) {
        add({line_start, after_last});
      }
      line_start = kNone;
    } else if (!is_whitespace(d.code_point)) {
      after_last = i + d.length;
      if (line_start == kNone) line_start = i;
    }
    i += d.length;
  }
  if (line_start != kNone && line_start < raw.size()) add({line_start, raw.size()});
  if (!first) return std::nullopt;
  literal += '"';
  return ChildText{static_cast<uint32_t>(first->start), static_cast<uint32_t>(last->end),
                   std::move(literal)};
}

std::optional<std::string> attribute_string(std::string_view raw) {
  std::string_view body = raw.substr(1, raw.size() - 2);
  bool plain = std::none_of(body.begin(), body.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return c == '&' || c == '\\' || c < 0x20 || c == 0xE2;  // 0xE2: U+2028/9 and others, rare
  });
  if (plain && (raw[0] == '"' || body.find('"') == std::string_view::npos)) return std::nullopt;
  std::string out = "\"";
  std::size_t i = 0;
  while (i < body.size()) {
    std::size_t next = i;
    while (next < body.size() && body[next] != '\n' && body[next] != '\r' &&
           !(body.substr(next).starts_with("\u2028") || body.substr(next).starts_with("\u2029"))) {
      ++next;
    }
    append_decoded(out, body.substr(i, next - i));
    if (next == body.size()) break;
    // The value keeps the line break; a continuation keeps the line.
    std::size_t n = body[next] == '\r' && next + 1 < body.size() && body[next + 1] == '\n' ? 2
                    : body[next] == '\n' || body[next] == '\r'                             ? 1
                                                                                           : 3;
    for (std::size_t k = next; k < next + n;) {
      Decoded d = decode_utf8(body, k);
      append_code_point(out, d.code_point);
      k += d.length;
    }
    out += '\\';
    out.append(body.substr(next, n));
    i = next + n;
  }
  out += '"';
  return out;
}

void append_escaped(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    Decoded d = decode_utf8(s, i);
    if (d.code_point >= 0x80 && d.code_point != 0x2028 && d.code_point != 0x2029) {
      out.append(s.substr(i, d.length));
    } else {
      append_code_point(out, d.code_point);
    }
    i += d.length;
  }
}

}  // namespace hmrc::jsx
