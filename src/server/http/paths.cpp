#include "server/http/paths.hpp"

#include <system_error>

namespace hmrc::server {
namespace fs = std::filesystem;
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::optional<UrlPath> parse_target(std::string_view target, PathError& error) {
  error = PathError::bad_request;
  if (target.empty() || target.front() != '/') return std::nullopt;
  UrlPath result;
  std::string_view raw = target;
  if (auto hash = raw.find('#'); hash != std::string_view::npos) raw = raw.substr(0, hash);
  if (auto q = raw.find('?'); q != std::string_view::npos) {
    result.query = std::string(raw.substr(q + 1));
    raw = raw.substr(0, q);
  }
  auto decoded = percent_decode(raw);
  if (!decoded) return std::nullopt;
  if (decoded->find('\0') != std::string::npos) return std::nullopt;
  result.trailing_slash = decoded->size() > 1 && decoded->back() == '/';

  // Segments are checked after decoding: an encoded '/' splits as well, so no
  // spelling of ".." survives. Backslashes are refused: no client sends them.
  std::string normal;
  std::size_t start = 0;
  while (start <= decoded->size()) {
    std::size_t end = decoded->find('/', start);
    if (end == std::string::npos) end = decoded->size();
    std::string_view segment(decoded->data() + start, end - start);
    start = end + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == ".." || segment.find('\\') != std::string_view::npos) {
      error = PathError::forbidden;
      return std::nullopt;
    }
    normal += '/';
    normal += segment;
  }
  result.path = normal.empty() ? "/" : normal;
  return result;
}

bool is_inside(const fs::path& real_root, const fs::path& path) {
  auto r = real_root.begin(), p = path.begin();
  for (; r != real_root.end(); ++r, ++p) {
    if (p == path.end() || *r != *p) return false;
  }
  return true;
}

std::optional<fs::path> resolve_inside(const fs::path& real_root, std::string_view relative,
                                       bool& outside) {
  outside = false;
  std::error_code ec;
  fs::path real = fs::canonical(real_root / fs::path(relative).relative_path(), ec);
  if (ec) return std::nullopt;
  if (!is_inside(real_root, real)) {
    outside = true;
    return std::nullopt;
  }
  return real;
}

}  // namespace hmrc::server
