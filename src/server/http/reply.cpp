#include "server/http/reply.hpp"

namespace hmrc::server {
namespace http = boost::beast::http;

bool etag_matches(const Request& request, std::string_view etag) {
  auto header = request[http::field::if_none_match];
  if (header.empty()) return false;
  if (header == "*") return true;
  // A list of tags, possibly weak ("W/\"x\""): compare each.
  std::size_t start = 0;
  while (start < header.size()) {
    auto comma = header.find(',', start);
    if (comma == std::string_view::npos) comma = header.size();
    auto tag = header.substr(start, comma - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
    if (tag == etag) return true;
    start = comma + 1;
  }
  return false;
}

http::message_generator reply(const Request& request, http::status status,
                              std::string_view content_type, std::string body,
                              std::string_view etag, std::string_view cache,
                              std::string_view server_timing) {
  bool not_modified = status == http::status::ok && !etag.empty() && etag_matches(request, etag);
  http::response<http::string_body> res{not_modified ? http::status::not_modified : status,
                                        request.version()};
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, cache);
  res.set("X-Content-Type-Options", "nosniff");
  if (!etag.empty()) res.set(http::field::etag, etag);
  if (!server_timing.empty()) res.set("Server-Timing", server_timing);
  res.keep_alive(request.keep_alive());
  if (not_modified) {
    return http::message_generator(std::move(res));
  }
  if (request.method() == http::verb::head) {
    http::response<http::empty_body> head{std::move(res.base())};
    head.content_length(body.size());
    return http::message_generator(std::move(head));
  }
  res.body() = std::move(body);
  res.prepare_payload();
  return http::message_generator(std::move(res));
}

http::message_generator text_reply(const Request& request, http::status status,
                                   std::string message) {
  return reply(request, status, "text/plain; charset=utf-8", std::move(message) + "\n");
}

}  // namespace hmrc::server
