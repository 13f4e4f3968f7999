#include "emit/source_map.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace hmrc {
namespace detail {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void append_vlq(std::string& out, int64_t value) {
  uint64_t v =
      value < 0 ? ((static_cast<uint64_t>(-value)) << 1) | 1 : static_cast<uint64_t>(value) << 1;
  do {
    unsigned digit = v & 31;
    v >>= 5;
    if (v) digit |= 32;
    out += kBase64[digit];
  } while (v);
}

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kBase64[n >> 18];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += kBase64[n & 63];
  }
  if (std::size_t rest = bytes.size() - i) {
    uint32_t n = uint8_t(bytes[i]) << 16;
    if (rest == 2) n |= uint8_t(bytes[i + 1]) << 8;
    out += kBase64[n >> 18];
    out += kBase64[(n >> 12) & 63];
    out += rest == 2 ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace detail

namespace {

// A line and UTF-16 column, moved forward over text.
struct Cursor {
  uint32_t line = 0;
  uint32_t column = 0;

  void advance(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      auto c = static_cast<unsigned char>(text[i]);
      if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++line;
        column = 0;
      } else {
        column += ((c & 0xC0) != 0x80) + (c >= 0xF0);
      }
    }
  }
};

class MappingWriter {
 public:
  explicit MappingWriter(std::size_t reserve) { out_.reserve(reserve); }

  void add(const Cursor& generated, const Cursor& original) {
    if (generated.line == line_ && generated.column == last_column_ && any_on_line_) return;
    for (; line_ < generated.line; ++line_) {
      out_ += ';';
      last_column_ = 0;
      any_on_line_ = false;
    }
    if (any_on_line_) out_ += ',';
    detail::append_vlq(out_, int64_t(generated.column) - last_column_);
    detail::append_vlq(out_, 0);  // the only source
    detail::append_vlq(out_, int64_t(original.line) - source_line_);
    detail::append_vlq(out_, int64_t(original.column) - source_column_);
    last_column_ = generated.column;
    source_line_ = original.line;
    source_column_ = original.column;
    any_on_line_ = true;
  }

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  uint32_t line_ = 0, last_column_ = 0, source_line_ = 0, source_column_ = 0;
  bool any_on_line_ = false;
};

}  // namespace

std::string build_source_map(const std::vector<Piece>& pieces, const SourceMapInput& in) {
  MappingWriter writer(in.token_starts.size() * 6);
  Cursor generated, original;
  uint32_t original_offset = 0;  // where `original` stands
  auto move_original_to = [&](uint32_t offset) {
    if (offset < original_offset) {  // pieces are ordered, so only a defensive restart
      original = {};
      original_offset = 0;
    }
    original.advance(in.original.substr(original_offset, offset - original_offset));
    original_offset = offset;
  };

  for (const Piece& p : pieces) {
    if (!p.original) {
      move_original_to(p.start);
      // Each line of an inserted text maps to its anchor, from its first
      // character that is not blank: blanked TypeScript syntax maps nowhere.
      std::string_view text = p.text;
      while (!text.empty()) {
        std::size_t nl = text.find('\n');
        std::string_view line = nl == std::string_view::npos ? text : text.substr(0, nl + 1);
        std::size_t solid = line.find_first_not_of(" \t\r\n");
        if (solid != std::string_view::npos) {
          generated.advance(line.substr(0, solid));
          writer.add(generated, original);
          generated.advance(line.substr(solid));
        } else {
          generated.advance(line);
        }
        text.remove_prefix(line.size());
      }
      continue;
    }
    auto token = std::upper_bound(in.token_starts.begin(), in.token_starts.end(), p.start);
    uint32_t at = p.start;
    move_original_to(at);
    writer.add(generated, original);
    for (; token != in.token_starts.end() && *token < p.end; ++token) {
      std::string_view between = in.original.substr(at, *token - at);
      generated.advance(between);
      move_original_to(*token);
      at = *token;
      writer.add(generated, original);
    }
    std::string_view rest = in.original.substr(at, p.end - at);
    generated.advance(rest);
    move_original_to(p.end);
  }

  boost::json::object map;
  map["version"] = 3;
  map["file"] = in.file;
  map["sources"] = boost::json::array{boost::json::string(in.source_name)};
  map["sourcesContent"] = boost::json::array{boost::json::string(in.original)};
  map["names"] = boost::json::array{};
  map["mappings"] = writer.take();
  return boost::json::serialize(map);
}

std::string external_map_comment(std::string_view map_file_name) {
  // Characters that would end or break a URL are percent-encoded.
  std::string url;
  for (unsigned char c : map_file_name) {
    if (c <= ' ' || c == '%' || c == '"' || c == '#' || c == '?' || c >= 0x7F) {
      constexpr char kHex[] = "0123456789ABCDEF";
      url += '%';
      url += kHex[c >> 4];
      url += kHex[c & 15];
    } else {
      url += static_cast<char>(c);
    }
  }
  return "//# sourceMappingURL=" + url + "\n";
}

std::string inline_map_comment(std::string_view map_json) {
  return "//# sourceMappingURL=data:application/json;base64," + detail::base64(map_json) + "\n";
}

}  // namespace hmrc
