#include "server/ws/session.hpp"

#include "server/ws/pages.hpp"

namespace hmrc::server {
namespace beast = boost::beast;
namespace websocket = beast::websocket;

WsSession::WsSession(Pages& pages, boost::asio::ip::tcp::socket&& socket, unsigned id)
    : pages_(pages), ws_(std::move(socket)), id_(id) {}

void WsSession::run(beast::http::request<beast::http::string_body> request) {
  beast::get_lowest_layer(ws_).expires_never();
  // Pings after 20 s of silence; a peer that answers nothing for 40 s is gone.
  websocket::stream_base::timeout timeout =
      websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeout.idle_timeout = std::chrono::seconds(40);
  timeout.keep_alive_pings = true;
  ws_.set_option(timeout);
  ws_.read_message_max(kMaxMessage);
  ws_.text(true);
  ws_.async_accept(request, [self = shared_from_this()](beast::error_code ec) {
    if (ec) return;
    self->open_ = true;
    self->pages_.on_open(self);
    self->do_read();
  });
}

void WsSession::do_read() {
  ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) return self->finish();
    std::string text = beast::buffers_to_string(self->buffer_.data());
    self->buffer_.consume(self->buffer_.size());
    if (self->ws_.got_text()) self->pages_.on_message(*self, text);
    self->do_read();
  });
}

void WsSession::send(std::shared_ptr<const std::string> text) {
  if (!open_ || closing_) return;
  if (queue_.size() >= kMaxQueued) {
    // A page this far behind reloads on reconnect anyway.
    close();
    return;
  }
  queue_.push_back(std::move(text));
  if (queue_.size() == 1) do_write();
}

void WsSession::do_write() {
  ws_.async_write(boost::asio::buffer(*queue_.front()),
                  [self = shared_from_this()](beast::error_code ec, std::size_t) {
                    if (ec) return self->finish();
                    self->queue_.pop_front();
                    if (!self->queue_.empty() && !self->closing_) self->do_write();
                  });
}

void WsSession::close() {
  if (closing_) return;
  closing_ = true;
  beast::error_code ec;
  beast::get_lowest_layer(ws_).socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  beast::get_lowest_layer(ws_).close();
}

void WsSession::finish() {
  if (!open_) return;
  open_ = false;
  pages_.on_close(*this);
}

}  // namespace hmrc::server
