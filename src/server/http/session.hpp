// One HTTP/1.1 connection: keep-alive, bounded headers, a deadline for each
// request so a slowloris client only ever holds its own socket.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

namespace hmrc::server {

class HttpRouter;
class Pages;

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  static constexpr std::size_t kHeaderLimit = 16 * 1024;
  static constexpr std::size_t kBodyLimit = 64 * 1024;
  static constexpr auto kReadTimeout = std::chrono::seconds(10);
  static constexpr auto kWriteTimeout = std::chrono::seconds(30);
  // Between requests on a keep-alive connection (browsers keep idle ones for minutes).
  static constexpr auto kIdleTimeout = std::chrono::seconds(120);

  HttpSession(HttpRouter& router, Pages& pages, boost::asio::ip::tcp::socket&& socket);
  void run();

 private:
  void do_read();
  void read_request();
  void on_read(boost::beast::error_code ec);
  void reply_error(boost::beast::http::status status, std::string_view message);
  void write(boost::beast::http::message_generator&& message, bool keep_alive);
  void shutdown();

  HttpRouter& router_;
  Pages& pages_;  // an upgrade request's socket goes to them
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
};

}  // namespace hmrc::server
