#include "server/server.hpp"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "resolve/resolver.hpp"
#if HMRC_HAVE_RUNTIME_ASSETS
#include "runtime/assets.hpp"
#endif
#include "server/http/session.hpp"
#include "server/log.hpp"

namespace hmrc::server {
namespace fs = std::filesystem;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace json = boost::json;
using tcp = asio::ip::tcp;

Server::Server(ServeOptions options)
    : options_(std::move(options)),
      root_(fs::canonical(options_.dir)),
      rules_(options_.host, options_.port),
      acceptor_(io_),
      signals_(io_, SIGINT, SIGTERM),
      files_(root_),
      modules_(root_),
      pages_([this] { return greeting(); }, options_.trace),
      errors_(pages_),
      packages_(options_, root_, errors_),
      first_load_(io_, root_, files_, modules_, packages_),
      updates_(io_, options_, files_, modules_, compiles_, pages_, errors_, packages_),
      router_(options_, root_, rules_,
              {files_, modules_, compiles_, errors_, updates_, first_load_, packages_}),
      watcher_(
          io_, root_, [this](WatchBatch batch) { updates_.on_batch(std::move(batch)); },
          // Deleting these reloads the pages: wait for an editor writing them anew.
          [this](const std::string& rel) {
            return files_.served(rel) || !modules_.ids_for_file(rel).empty();
          }),
      compiles_(io_, modules_) {
  pages_.on_result([this](const PageResult& result) { updates_.on_page_result(result); });
  enable_react_refresh();
}

// Fast Refresh is on when the app resolves both react and React's refresh
// runtime (npm `react-refresh`), as a module at the root would import them.
void Server::enable_react_refresh() {
  if (!options_.react_refresh) return;
  resolve::Resolver resolver;
  auto options = resolve::browser_options(resolve::Kind::import);
  fs::path importer = root_ / "index.html";
  if (!resolver.resolve("react", importer, options).ok()) return;
  if (resolver.resolve("react-refresh/runtime", importer, options).ok()) {
    modules_.set_react_refresh("react-refresh/runtime");
    return;
  }
  // No react-refresh in the app: hmrc's own copy, as Bun does.
#if HMRC_HAVE_RUNTIME_ASSETS
  if (runtime_assets::find(kEmbeddedRefreshRuntime)) {
    log_line(
        "react: React Fast Refresh with hmrc's copy of react-refresh (npm install -D react-refresh "
        "to use the app's own)");
    modules_.set_react_refresh(std::string(kEmbeddedRefreshRuntime));
    return;
  }
#endif
  log_line(
      "react: no React Fast Refresh: react-refresh does not resolve (npm install -D "
      "react-refresh); component edits reload or remount");
}

Server::~Server() = default;

std::vector<std::string> Server::greeting() const {
  json::object hello{{"type", "hello"}, {"version", files_.version()}};
  if (options_.trace) hello["trace"] = true;  // the client then reports each update's timings
  std::vector<std::string> messages{json::serialize(hello)};
  if (!errors_.empty()) messages.push_back(errors_.message());
  return messages;
}

bool Server::listen() {
  std::string host = options_.host == "localhost" ? "127.0.0.1" : options_.host;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  beast::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) {
    fmt::print(stderr, "hmrc serve: error: --host '{}' is not an IP address or localhost\n",
               options_.host);
    return false;
  }
  uint16_t first = options_.port;
  int attempts = options_.strict_port || first == 0 ? 1 : kPortAttempts;
  for (int i = 0; i < attempts && first + i <= 65535; ++i) {
    uint16_t port = static_cast<uint16_t>(first + i);
    tcp::endpoint endpoint(address, port);
    beast::error_code e;
    acceptor_.open(endpoint.protocol(), e);
    if (!e) acceptor_.set_option(asio::socket_base::reuse_address(true), e);
    if (!e) acceptor_.bind(endpoint, e);
    if (!e) acceptor_.listen(asio::socket_base::max_listen_connections, e);
    if (!e) {
      port_ = acceptor_.local_endpoint().port();
      if (i > 0)
        log_line(fmt::format("hmrc serve: port {} is in use; using port {} instead", first, port_));
      return true;
    }
    acceptor_.close(ec);
    if (e != asio::error::address_in_use) {
      fmt::print(stderr, "hmrc serve: error: cannot listen on {}:{}: {}\n", options_.host, port,
                 e.message());
      return false;
    }
  }
  fmt::print(stderr, "hmrc serve: error: port {} is in use{}\n", first,
             options_.strict_port ? " (--strict-port)"
                                  : fmt::format(", and so are the next {}", attempts - 1));
  return false;
}

int Server::run() {
  std::signal(SIGPIPE, SIG_IGN);
  if (!listen()) return 2;
  rules_.set_port(port_);
  files_.scan();
  // The first page load finds its modules compiled (docs/server.md).
  if (fs::is_regular_file(root_ / "index.html")) first_load_.compile_ahead("index.html", nullptr);
  try {
    watcher_.start();
  } catch (const std::system_error& e) {
    fmt::print(stderr, "hmrc serve: warning: not watching files: {}\n", e.what());
  }
  signals_.async_wait([this](const beast::error_code& ec, int) {
    if (!ec) stop();
  });
  accept();
  std::string host = options_.host.find(':') != std::string::npos && options_.host.front() != '['
                         ? "[" + options_.host + "]"
                         : options_.host;
  log_line(fmt::format("hmrc serve: http://{}:{}/ (serving {}, {} folders watched)", host, port_,
                       root_.string(), watcher_.watched_folders()));
  io_.run();
  if (compiles_.busy()) {
    // A worker is deep in a large compile: exiting must not wait for it.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(0);
  }
  return 0;
}

void Server::stop() {
  log_line("hmrc serve: stopped");
  beast::error_code ec;
  acceptor_.close(ec);
  watcher_.stop();
  pages_.close_all();
  compiles_.stop();
  io_.stop();
}

void Server::accept() {
  acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<HttpSession>(router_, pages_, std::move(socket))->run();
    }
    accept();
  });
}

int serve(const ServeOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(options.dir, ec)) {
    fmt::print(stderr, "hmrc serve: error: '{}' is not a folder\n", options.dir);
    return 2;
  }
  Server server(options);
  return server.run();
}

}  // namespace hmrc::server
