// `hmrc serve`: the development server. One I/O thread runs everything
// (HTTP, WebSocket, watcher, the module graph, compiles of ordinary modules):
// one thread needs no locks. Sources of kWorkerBytes and more compile on a
// small pool, their results posted back to the I/O thread.
//
//   hmrc serve examples/app
//   hmrc serve: http://127.0.0.1:5173/ (serving /repo/examples/app)
//   hmr update src/counter.ts (2.1 ms)
//   page reload: src/main.ts has no accepting boundary
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "deps/optimizer.hpp"
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
  bool trace = false;  // per-stage timings of every update on stdout
  bool force = false;  // rebuild the dependency cache (node_modules/.hmrc)
};

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Respond = std::function<void(boost::beast::http::message_generator&&)>;
using Clock = std::chrono::steady_clock;

class Server {
 public:
  static constexpr int kPortAttempts = 50;
  // More changed modules than this in one batch reload the page instead.
  static constexpr std::size_t kMaxHotModules = 300;
  // Changed modules no page fetched from this server that are still pushed
  // per batch (for pages loaded before a restart); the rest only change the version.
  static constexpr std::size_t kMaxUnseenModules = 32;
  // Sources at least this large compile on a worker thread, so that a huge
  // module (a 9 MB file takes a second) stalls no other client; smaller ones
  // compile on the I/O thread, where no hand-over adds to an update's time.
  static constexpr std::size_t kWorkerBytes = 32 * 1024;

  explicit Server(ServeOptions options);
  ~Server();
  // Binds, watches, serves until SIGINT or SIGTERM. Returns the exit status.
  int run();

  // For the sessions.
  // Answers `request` through `respond`: at once, after a compile on a
  // worker, or for a page whose modules are still compiling once they are
  // (first_load.cpp).
  void handle(Request&& request, Respond respond);
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
  void answer(Request&& request, const Respond& respond);

  // An update waiting for its modules' compiles.
  struct PendingUpdate {
    struct Slot {
      std::string id;
      std::string file;
      bool unseen = false;  // no page fetched it from this server
      std::shared_ptr<const CompiledModule> compiled;
      bool fresh = false;
    };
    std::vector<Slot> slots;
    std::size_t waiting = 0;
    Clock::time_point first_event, last_event, flushed, read;
  };
  void push_update(PendingUpdate& update);
  // Calls `done` with module `id` compiled from `file` (from the cache if its
  // bytes did not change; nullptr if unreadable). Returns whether it did
  // already; if not, it will, on this thread, once a worker compiled it.
  using CompileDone = std::function<void(std::shared_ptr<const CompiledModule>, bool fresh)>;
  bool compile_module(const std::string& id, const std::string& file, CompileDone done);
  std::optional<boost::beast::http::message_generator> route(const Request& request,
                                                             const Respond& respond);
  void broadcast(const std::string& text, const WsSession* except = nullptr);
  void report_errors();
  std::string version() const;
  std::string error_message() const;
  void log(std::string_view line) const;

  // `version`: the URL's ?v=; when it names the code served, the URL is one
  // of an import map (first_load.cpp) and its bytes never change.
  std::optional<boost::beast::http::message_generator> serve_module(
      const Request& request, const std::string& id, const std::string& file, bool want_map,
      const Respond& respond, std::string_view version = {});
  boost::beast::http::message_generator module_reply(
      const Request& request, const std::string& id, const std::string& file, bool want_map,
      const std::shared_ptr<const CompiledModule>& compiled, bool fresh, Clock::time_point start,
      std::string_view version);
  boost::beast::http::message_generator serve_file(const Request& request,
                                                   const std::filesystem::path& real,
                                                   const std::string& rel);

  // First page load (first_load.cpp, docs/server.md): the static module
  // graph of a page, compiled ahead and listed in its import map.
  struct GraphWalk {
    std::vector<VersionedModule> modules;                    // compiled, in walk order
    std::vector<std::pair<std::string, std::string>> stale;  // (id, file) to compile
    // Bare imports and their dependency bundles (deps_routes.cpp).
    std::vector<std::pair<std::string, const deps::DepBundle*>> deps;
    std::map<std::string, std::set<std::string>> names;  // bare specifier -> named imports
    int dep_errors = 0;  // modules with an import that does not resolve
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
  const std::string* cached_page(const std::string& rel, std::string_view html) const;

  // npm dependencies (deps_routes.cpp).
  void walk_deps(const std::string& file, const CompiledModule& compiled, GraphWalk& walk);
  std::vector<std::pair<std::string, std::string>> dep_map_entries(const GraphWalk& walk);
  std::string new_dependencies(const std::string& file, const CompiledModule& compiled,
                               boost::json::object& import_map);
  std::optional<boost::beast::http::message_generator> serve_dep(const Request& request,
                                                                 const std::string& path,
                                                                 std::string_view version);

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
  std::set<std::string> served_files_;         // static and HTML files a page fetched
  std::map<std::string, ModuleError> errors_;  // by file, until it compiles again
  // --trace: when each module was last pushed, to time the page's fetch of it.
  std::map<std::string, std::chrono::steady_clock::time_point> pushed_at_;
  // Compiles on a worker, by id and content hash: who waits for each.
  std::map<std::string, std::vector<CompileDone>> in_flight_;
  std::size_t compiles_running_ = 0;
  std::unordered_map<std::string, std::string> module_files_;  // id -> file, for walks
  // A page with its import map, by file: valid while no watched file changed
  // (version_sum_) and the HTML is the same. The walk over a 1000-module graph
  // costs milliseconds, too much for every load.
  struct CachedPage {
    uint64_t version = 0;
    uint64_t html_hash = 0;
    std::string body;
  };
  std::map<std::string, CachedPage> page_cache_;
  std::unique_ptr<deps::Optimizer> deps_;
  std::map<std::string, std::string> mapped_bare_;  // bare specifier -> URL some page's map gives
  // Named imports of CommonJS packages that static analysis did not find
  // (lodash's UMD): served through a facade module per set of names.
  std::map<std::string, std::set<std::string>> wanted_names_;  // by bare specifier
  std::map<std::string, std::string> facades_;                 // URL path -> code
  // Named imports of packages per compiled module version (its ETag).
  std::map<std::string, std::map<std::string, std::set<std::string>>> dep_names_;
  uint16_t port_ = 0;
  boost::asio::thread_pool pool_;  // last: joined first, before what its jobs report to
};

int serve(const ServeOptions& options);

}  // namespace hmrc::server
