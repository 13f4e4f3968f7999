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
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "html_page.hpp"
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
  using Respond = std::function<void(boost::beast::http::message_generator)>;
  // Answers now, or for a page whose modules are still compiling once they
  // are (first_load.cpp).
  void handle(Request&& request, Respond respond);
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
                                                     const std::string& file, bool want_map,
                                                     std::string_view version = {});
  boost::beast::http::message_generator serve_file(const Request& request,
                                                   const std::filesystem::path& real,
                                                   const std::string& rel);

  // First page load (first_load.cpp, docs/server.md): the static module
  // graph of a page, compiled ahead and listed in its import map.
  struct GraphWalk {
    std::vector<VersionedModule> modules;                    // compiled, in walk order
    std::vector<std::pair<std::string, std::string>> stale;  // (id, file) to compile
  };
  struct AheadJob;
  std::optional<std::string> page_target(const Request& request);
  GraphWalk walk_graph(const std::string& page_rel, std::string_view html,
                       const std::set<std::string>* fresh = nullptr);
  void compile_ahead(const std::string& page_rel, std::function<void()> done);
  void compile_ahead_step(const std::shared_ptr<AheadJob>& job);
  void compile_batch(std::vector<std::pair<std::string, std::string>> modules,
                     std::function<void()> done);
  std::optional<std::string> module_file(const std::string& id);
  std::vector<VersionedModule> runtime_modules() const;
  std::string page_html(std::string_view html, const std::string& rel);

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
  uint16_t port_ = 0;
  std::unordered_map<std::string, std::string> module_files_;  // id -> file, for walks
};

int serve(const ServeOptions& options);

}  // namespace hmrc::server
