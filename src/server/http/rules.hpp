// Pure rules of the HTTP side: MIME types, which Host and Origin headers are
// ours (DNS rebinding and cross-site WebSocket hijacking defence), and the
// client script injected into HTML.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hmrc::server {

inline constexpr std::string_view kClientScript =
    R"(<script type="module" src="/@hmrc/client.js"></script>)";

// For URLs whose bytes never change (versioned: ?v=<hash of the body>).
inline constexpr std::string_view kImmutable = "max-age=31536000, immutable";

// "text/css; charset=utf-8", "image/png", ... by extension; octet-stream if unknown.
std::string_view mime_type(std::string_view path);

// Extensions compiled as modules on request.
bool is_module_path(std::string_view path);
// Pages: ".html" and ".htm" (as written: the server serves them as pages).
bool is_html_path(std::string_view path);

// Host names a page may reach the server under: localhost (and *.localhost),
// 127.0.0.1, [::1], and the configured host. When the server listens on every
// address (0.0.0.0 or ::) any IP literal is allowed too: DNS rebinding needs a
// name, never an address.
class HostRules {
 public:
  HostRules(std::string configured_host, uint16_t port);
  // `host` is a Host header value, with or without ":port".
  bool host_allowed(std::string_view host) const;
  // An Origin header value: "http://localhost:5173". Absent origins are the
  // caller's business (non-browser clients send none).
  bool origin_allowed(std::string_view origin) const;
  void set_port(uint16_t port) { port_ = port; }

 private:
  bool name_allowed(std::string_view name) const;
  std::string configured_;
  uint16_t port_;
  bool any_address_;
};

// Inserts the client script as the first thing in <head>; adds a head when
// there is none. Pages that already load the client are left alone.
std::string inject_client(std::string_view html);

// 16 lowercase hex digits of an XXH3-64 hash.
std::string hash_hex(uint64_t hash);
uint64_t content_hash(std::string_view bytes);

}  // namespace hmrc::server
