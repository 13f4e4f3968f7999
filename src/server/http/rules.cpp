#include "server/http/rules.hpp"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <utility>

#include "server/first_load/html.hpp"

namespace hmrc::server {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view extension(std::string_view path) {
  auto slash = path.rfind('/');
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return path.substr(dot);
}

bool is_ip_literal(std::string_view name) {
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']')
    name = name.substr(1, name.size() - 2);
  boost::system::error_code ec;
  boost::asio::ip::make_address(std::string(name), ec);
  return !ec;
}

// Splits "host:port" / "[::1]:port" into the host part and the port (0: none).
std::pair<std::string, int> split_host_port(std::string_view value) {
  std::string_view host = value, port;
  if (!value.empty() && value.front() == '[') {
    auto close = value.find(']');
    if (close == std::string_view::npos) return {"", -1};
    host = value.substr(0, close + 1);
    if (close + 1 < value.size()) {
      if (value[close + 1] != ':') return {"", -1};
      port = value.substr(close + 2);
    }
  } else if (auto colon = value.rfind(':'); colon != std::string_view::npos) {
    host = value.substr(0, colon);
    port = value.substr(colon + 1);
  }
  int p = 0;
  if (!port.empty()) {
    if (port.size() > 5) return {"", -1};
    for (char c : port) {
      if (c < '0' || c > '9') return {"", -1};
      p = p * 10 + (c - '0');
    }
  }
  return {lower(host), p};
}

}  // namespace

std::string_view mime_type(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 30> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".cjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".md", "text/markdown; charset=utf-8"},
      {".xml", "application/xml; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".avif", "image/avif"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".wasm", "application/wasm"},
      {".pdf", "application/pdf"},
      {".mp4", "video/mp4"},
      {".webm", "video/webm"},
      {".mp3", "audio/mpeg"},
      {".wav", "audio/wav"},
      {".webmanifest", "application/manifest+json"},
  }};
  std::string ext = lower(extension(path));
  for (const auto& [e, type] : kTypes)
    if (e == ext) return type;
  return "application/octet-stream";
}

bool is_module_path(std::string_view path) {
  std::string ext = lower(extension(path));
  return ext == ".ts" || ext == ".tsx" || ext == ".js" || ext == ".jsx" || ext == ".mjs" ||
         ext == ".mts";
}

bool is_html_path(std::string_view path) {
  return path.ends_with(".html") || path.ends_with(".htm");
}

HostRules::HostRules(std::string configured_host, uint16_t port)
    : configured_(lower(configured_host)), port_(port) {
  any_address_ = configured_ == "0.0.0.0" || configured_ == "::" || configured_ == "[::]";
  if (configured_.find(':') != std::string::npos && configured_.front() != '[')
    configured_ = "[" + configured_ + "]";
}

bool HostRules::name_allowed(std::string_view name) const {
  if (name.empty()) return false;
  if (name == "localhost" || name == "127.0.0.1" || name == "[::1]" || name == configured_)
    return true;
  if (name.size() > 10 && name.substr(name.size() - 10) == ".localhost") return true;
  return any_address_ && is_ip_literal(name);
}

bool HostRules::host_allowed(std::string_view host) const {
  auto [name, port] = split_host_port(host);
  return port >= 0 && name_allowed(name);
}

bool HostRules::origin_allowed(std::string_view origin) const {
  constexpr std::string_view kScheme = "http://";
  if (origin.size() <= kScheme.size() || lower(origin.substr(0, kScheme.size())) != kScheme)
    return false;
  std::string_view rest = origin.substr(kScheme.size());
  if (rest.find('/') != std::string_view::npos) return false;
  auto [name, port] = split_host_port(rest);
  // Another server on localhost is another origin: the port must be ours.
  return port >= 0 && (port == 0 ? port_ == 80 : port == port_) && name_allowed(name);
}

std::string inject_client(std::string_view html) {
  if (html.find("/@hmrc/client.js") != std::string_view::npos) return std::string(html);
  return inject_head(html, kClientScript);
}

std::string hash_hex(uint64_t hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[i] = kDigits[hash & 15];
  return out;
}

uint64_t content_hash(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

}  // namespace hmrc::server
