// `hmrc serve`: the development server. One thread runs everything (HTTP,
// WebSocket, watcher, compiles): a compile takes about a millisecond, and one
// thread needs no locks around the module graph.
//
//   hmrc serve examples/app
//   hmrc serve: http://127.0.0.1:5173/ (serving /repo/examples/app)
//   hmr update src/counter.ts (2.1 ms)
//   page reload: src/main.ts has no accepting boundary
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "http_rules.hpp"
#include "modules.hpp"
#include "watcher.hpp"

namespace hmrc::server {

class WsSession;

struct ServeOptions {
  std::string dir = ".";
  std::string host = "127.0.0.1";
  uint16_t port = 5173;
  bool strict_port = false;  // fail instead of taking the next free port
  bool color = false;
  bool trace = false;  // per-stage timings of every update on stdout
};

using Request = boost::beast::http::request<boost::beast::http::string_body>;

class Server {
 public:
  static constexpr int kPortAttempts = 50;
  // More changed modules than this in one batch reload the page instead.
  static constexpr std::size_t kMaxHotModules = 300;
  // Changed modules no page fetched from this server that are still pushed
  // per batch (for pages loaded before a restart); the rest only change the version.
  static constexpr std::size_t kMaxUnseenModules = 32;

  explicit Server(ServeOptions options);
  ~Server();
  // Binds, watches, serves until SIGINT or SIGTERM. Returns the exit status.
  int run();

  // For the sessions.
  boost::beast::http::message_generator handle(Request&& request);
  std::optional<boost::beast::http::message_generator> check_upgrade(const Request& request);
  void start_websocket(boost::asio::ip::tcp::socket&& socket, Request&& request);
  void on_ws_open(const std::shared_ptr<WsSession>& session);
  void on_ws_message(WsSession& session, std::string_view text);
  void on_ws_close(WsSession& session);

 private:
  bool listen();
  void accept();
  void stop();
  void scan_all();
  void on_batch(WatchBatch batch);
  void broadcast(const std::string& text, const WsSession* except = nullptr);
  void report_errors();
  std::string version() const;
  std::string error_message() const;
  void log(std::string_view line) const;

  boost::beast::http::message_generator serve_module(const Request& request,
                                                     const std::string& id,
                                                     const std::string& file, bool want_map);
  boost::beast::http::message_generator serve_file(const Request& request,
                                                   const std::filesystem::path& real,
                                                   const std::string& rel);

  boost::asio::io_context io_;  // first: destroyed last, after everything using it
  ServeOptions options_;
  std::filesystem::path root_;  // canonical
  HostRules rules_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::signal_set signals_;
  Watcher watcher_;
  Modules modules_;
  std::map<unsigned, std::shared_ptr<WsSession>> pages_;
  unsigned next_page_ = 1;
  std::unordered_map<std::string, uint64_t> file_hashes_;  // every watched file
  uint64_t version_sum_ = 0;
  std::set<std::string> served_files_;          // static and HTML files a page fetched
  std::map<std::string, ModuleError> errors_;   // by file, until it compiles again
  // --trace: when each module was last pushed, to time the page's fetch of it.
  std::map<std::string, std::chrono::steady_clock::time_point> pushed_at_;
  uint16_t port_ = 0;
};

int serve(const ServeOptions& options);

}  // namespace hmrc::server
