#include "server/http/session.hpp"

#include <boost/beast/websocket/rfc6455.hpp>

#include "server/http/router.hpp"
#include "server/ws/pages.hpp"

namespace hmrc::server {
namespace beast = boost::beast;
namespace http = beast::http;

HttpSession::HttpSession(HttpRouter& router, Pages& pages, boost::asio::ip::tcp::socket&& socket)
    : router_(router), pages_(pages), stream_(std::move(socket)) {}

void HttpSession::run() { do_read(); }

void HttpSession::do_read() {
  parser_.emplace();
  parser_->header_limit(kHeaderLimit);
  parser_->body_limit(kBodyLimit);
  if (buffer_.size() > 0) return read_request();  // the next request is here already
  // An idle keep-alive connection waits for its next request longer than a
  // request may take: a page's update fetches it after a pause in editing,
  // and a new connection would add to that update's time.
  stream_.expires_after(kIdleTimeout);
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                            if (ec) return self->shutdown();
                            self->buffer_.commit(n);
                            self->read_request();
                          });
}

void HttpSession::read_request() {
  // One deadline for the whole request: trickling a byte at a time does not
  // extend it.
  stream_.expires_after(kReadTimeout);
  http::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void HttpSession::on_read(beast::error_code ec) {
  if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
      ec == boost::asio::error::operation_aborted || ec == boost::asio::error::connection_reset ||
      ec == boost::asio::error::eof) {
    return shutdown();
  }
  if (ec == http::error::header_limit) {
    return reply_error(http::status::request_header_fields_too_large, "header too large");
  }
  if (ec == http::error::body_limit) {
    return reply_error(http::status::payload_too_large, "body too large");
  }
  if (ec) return reply_error(http::status::bad_request, "malformed request");

  auto request = parser_->release();
  if (beast::websocket::is_upgrade(request)) {
    if (auto refusal = router_.check_upgrade(request)) {
      write(std::move(*refusal), false);
      return;
    }
    stream_.expires_never();
    pages_.start(stream_.release_socket(), std::move(request));
    return;
  }
  bool keep_alive = request.keep_alive();
  router_.handle(std::move(request),
                 [self = shared_from_this(), keep_alive](http::message_generator&& message) {
                   self->write(std::move(message), keep_alive);
                 });
}

void HttpSession::reply_error(http::status status, std::string_view message) {
  http::response<http::string_body> res{status, 11};
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.set(http::field::connection, "close");
  res.body() = std::string(message) + "\n";
  res.keep_alive(false);
  res.prepare_payload();
  write(http::message_generator(std::move(res)), false);
}

void HttpSession::write(http::message_generator&& message, bool keep_alive) {
  stream_.expires_after(kWriteTimeout);
  beast::async_write(stream_, std::move(message),
                     [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                       // A browser closing mid-response lands here: drop the socket.
                       if (ec || !keep_alive) return self->shutdown();
                       self->do_read();
                     });
}

void HttpSession::shutdown() {
  beast::error_code ec;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
  stream_.close();
}

}  // namespace hmrc::server
