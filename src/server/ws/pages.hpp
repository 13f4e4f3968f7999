// The pages connected at /@hmrc/ws: who is open, what every page is told
// (broadcast), and what pages tell the server (custom events relayed to the
// other pages; invalidations and --trace timings logged; what an update did
// in the page, reloads included, handed to the update pipeline, which says it).
// Each page gets a number, shown in the terminal ("page #3").
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/reply.hpp"

namespace hmrc::server {

class WsSession;

// What a page did with an update, as it tells the server: "updated" (with the
// ids of the modules that accepted it), "reload" (with the page's reason),
// "error" (with the message), "ignored" (the page runs none of the modules).
struct PageResult {
  unsigned page = 0;
  std::string status;
  std::string reason;
  std::vector<std::string> boundaries;
};

class Pages {
 public:
  // The messages a page gets as it opens (hello, the errors that stand).
  using Greeting = std::function<std::vector<std::string>()>;

  Pages(Greeting greeting, bool trace) : greeting_(std::move(greeting)), trace_(trace) {}

  // Takes over the socket of an upgrade request the router let through.
  void start(boost::asio::ip::tcp::socket&& socket, Request&& request);
  // Sends `text` to every open page but `except`.
  void broadcast(const std::string& text, const WsSession* except = nullptr);
  void close_all();
  // Where PageResults go (the update pipeline).
  void on_result(std::function<void(const PageResult&)> report) { report_ = std::move(report); }
  std::size_t size() const { return pages_.size(); }

  // For the sessions.
  void on_open(const std::shared_ptr<WsSession>& page);
  void on_message(WsSession& page, std::string_view text);
  void on_close(WsSession& page);

 private:
  Greeting greeting_;
  bool trace_;
  std::function<void(const PageResult&)> report_;
  std::map<unsigned, std::shared_ptr<WsSession>> pages_;
  unsigned next_page_ = 1;
};

}  // namespace hmrc::server
