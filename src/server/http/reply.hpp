// The request and reply types every HTTP component shares, and the one
// function every reply goes through, so that caching, HEAD and the headers
// a dev server must (not) send are decided in one place.
#pragma once

#include <boost/beast/http.hpp>
#include <functional>
#include <string>
#include <string_view>

namespace hmrc::server {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
// Where an answer goes: called once, possibly later (after a compile).
using Respond = std::function<void(boost::beast::http::message_generator&&)>;

// Whether the request's If-None-Match names `etag` (weak tags included).
bool etag_matches(const Request& request, std::string_view etag);

// HEAD gets the headers alone, a matching If-None-Match gets 304, nothing
// ever gets Access-Control-Allow-Origin.
boost::beast::http::message_generator reply(const Request& request,
                                            boost::beast::http::status status,
                                            std::string_view content_type, std::string body,
                                            std::string_view etag = {},
                                            std::string_view cache = "no-cache",
                                            std::string_view server_timing = {});

// A plain-text reply: `message` and a newline.
boost::beast::http::message_generator text_reply(const Request& request,
                                                 boost::beast::http::status status,
                                                 std::string message);

}  // namespace hmrc::server
