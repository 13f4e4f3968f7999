// One page's WebSocket at /@hmrc/ws: JSON text frames both ways, writes queued
// (one in flight, as Beast requires), a page that stops reading is dropped.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <memory>
#include <string>

namespace hmrc::server {

class Pages;

class WsSession : public std::enable_shared_from_this<WsSession> {
 public:
  static constexpr std::size_t kMaxQueued = 4096;
  static constexpr std::size_t kMaxMessage = 1 << 20;

  WsSession(Pages& pages, boost::asio::ip::tcp::socket&& socket, unsigned id);
  void run(boost::beast::http::request<boost::beast::http::string_body> request);
  void send(std::shared_ptr<const std::string> text);
  void close();
  unsigned id() const { return id_; }

 private:
  void do_read();
  void do_write();
  void finish();

  Pages& pages_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  unsigned id_;
  bool open_ = false;
  bool closing_ = false;
};

}  // namespace hmrc::server
