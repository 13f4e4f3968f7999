// `hmrc serve`: the development server. One I/O thread runs everything
// (HTTP, WebSocket, watcher, the module graph, compiles of ordinary modules):
// one thread needs no locks. Large sources compile on a small pool, their
// results posted back to the I/O thread (updates/compile_queue.hpp).
//
//   hmrc serve examples/app
//   hmrc serve: http://127.0.0.1:5173/ (serving /repo/examples/app)
//   hmr update src/counter.ts (2.1 ms)
//   page reload: src/main.ts has no accepting boundary
//
// The Server owns the socket it listens on, the signals that stop it, and
// the components that do the work, wired to each other here:
//   http/      HttpRouter: what each request is answered with; HttpSession: a connection
//   ws/        Pages: the pages connected over WebSocket; WsSession: one of them
//   updates/   Watcher -> UpdatePipeline -> CompileQueue -> Pages; Modules: compile cache
//              and module graph; ErrorBoard: the errors that stand
//   first_load/ FirstLoad: a page's module graph compiled ahead, its import map, page cache
//   npm/       Packages: bare imports resolved and pre-bundled (src/deps), served at /@deps/
//   FileIndex: hashes of the watched files and the version pages are told
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdint>
#include <filesystem>

#include "server/file_index.hpp"
#include "server/first_load/first_load.hpp"
#include "server/http/router.hpp"
#include "server/http/rules.hpp"
#include "server/npm/packages.hpp"
#include "server/options.hpp"
#include "server/updates/compile_queue.hpp"
#include "server/updates/errors.hpp"
#include "server/updates/modules.hpp"
#include "server/updates/pipeline.hpp"
#include "server/updates/watcher.hpp"
#include "server/ws/pages.hpp"

namespace hmrc::server {

class Server {
 public:
  // Ports tried after a taken one (unless --strict-port).
  static constexpr int kPortAttempts = 50;

  explicit Server(ServeOptions options);
  ~Server();
  // Binds, watches, serves until SIGINT or SIGTERM. Returns the exit status.
  int run();

 private:
  bool listen();
  void accept();
  void stop();
  // What a page is told as it opens: the version, --trace, the errors that stand.
  std::vector<std::string> greeting() const;

  // Declared in the order they are built; each component only keeps
  // references to those it is given, used once the I/O thread runs.
  boost::asio::io_context io_;  // first: destroyed last, after everything using it
  ServeOptions options_;
  std::filesystem::path root_;  // canonical
  HostRules rules_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::signal_set signals_;
  FileIndex files_;
  Modules modules_;
  Pages pages_;
  ErrorBoard errors_;
  Packages packages_;
  FirstLoad first_load_;
  UpdatePipeline updates_;
  HttpRouter router_;
  Watcher watcher_;
  uint16_t port_ = 0;
  // Last: its thread pool is joined first, before what its jobs report to.
  // The pipeline and the router are given it before it is built; they call
  // it only once the I/O thread runs.
  CompileQueue compiles_;
};

int serve(const ServeOptions& options);

}  // namespace hmrc::server
