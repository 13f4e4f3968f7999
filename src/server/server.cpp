#include "server.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "http_session.hpp"
#include "read_file.hpp"
#include "url_path.hpp"
#include "ws_session.hpp"
#if HMRC_HAVE_RUNTIME_ASSETS
#include "runtime/assets.hpp"
#endif

namespace hmrc::server {
namespace fs = std::filesystem;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

uint64_t file_contribution(const std::string& rel, uint64_t hash) {
  return XXH3_64bits_withSeed(&hash, sizeof hash, XXH3_64bits(rel.data(), rel.size()));
}

void write_line(std::FILE* out, std::string_view line) {
  std::fwrite(line.data(), 1, line.size(), out);
  std::fputc('\n', out);
  std::fflush(out);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_html(std::string_view path) { return ends_with(path, ".html") || ends_with(path, ".htm"); }

std::string display(std::string_view id) {
  return std::string(!id.empty() && id.front() == '/' ? id.substr(1) : id);
}

bool etag_matches(const Request& request, std::string_view etag) {
  auto header = request[http::field::if_none_match];
  if (header.empty()) return false;
  if (header == "*") return true;
  // A list of tags, possibly weak ("W/\"x\""): compare each.
  std::size_t start = 0;
  while (start < header.size()) {
    auto comma = header.find(',', start);
    if (comma == std::string_view::npos) comma = header.size();
    auto tag = header.substr(start, comma - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
    if (tag == etag) return true;
    start = comma + 1;
  }
  return false;
}

// Every reply goes through here: HEAD gets the headers alone, a matching
// If-None-Match gets 304, nothing ever gets Access-Control-Allow-Origin.
http::message_generator reply(const Request& request, http::status status,
                              std::string_view content_type, std::string body,
                              std::string_view etag = {}, std::string_view cache = "no-cache",
                              std::string_view server_timing = {}) {
  bool not_modified = status == http::status::ok && !etag.empty() && etag_matches(request, etag);
  http::response<http::string_body> res{not_modified ? http::status::not_modified : status,
                                        request.version()};
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, cache);
  res.set("X-Content-Type-Options", "nosniff");
  if (!etag.empty()) res.set(http::field::etag, etag);
  if (!server_timing.empty()) res.set("Server-Timing", server_timing);
  res.keep_alive(request.keep_alive());
  if (not_modified) {
    return http::message_generator(std::move(res));
  }
  if (request.method() == http::verb::head) {
    http::response<http::empty_body> head{std::move(res.base())};
    head.content_length(body.size());
    return http::message_generator(std::move(head));
  }
  res.body() = std::move(body);
  res.prepare_payload();
  return http::message_generator(std::move(res));
}

http::message_generator text_reply(const Request& request, http::status status,
                                   std::string message) {
  return reply(request, status, "text/plain; charset=utf-8", std::move(message) + "\n");
}

}  // namespace

Server::Server(ServeOptions options)
    : options_(std::move(options)),
      root_(fs::canonical(options_.dir)),
      rules_(options_.host, options_.port),
      acceptor_(io_),
      signals_(io_, SIGINT, SIGTERM),
      watcher_(
          io_, root_, [this](WatchBatch batch) { on_batch(std::move(batch)); },
          // Deleting these reloads the pages: wait for an editor writing them anew.
          [this](const std::string& rel) {
            return served_files_.count(rel) != 0 || !modules_.ids_for_file(rel).empty();
          }),
      modules_(root_),
      pool_(std::clamp(std::thread::hardware_concurrency(), 2u, 5u) - 1) {}

Server::~Server() = default;

// The terminal may be gone (a closed pipe): logging must never throw, as
// fmt::print does on a failed write.
void Server::log(std::string_view line) const { write_line(stdout, line); }

std::string Server::version() const { return hash_hex(version_sum_); }

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
        log(fmt::format("hmrc serve: port {} is in use; using port {} instead", first, port_));
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
  scan_all();
  // The first page load finds its modules compiled (docs/server.md).
  if (fs::is_regular_file(root_ / "index.html")) compile_ahead("index.html", nullptr);
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
  log(fmt::format("hmrc serve: http://{}:{}/ (serving {}, {} folders watched)", host, port_,
                  root_.string(), watcher_.watched_folders()));
  io_.run();
  if (compiles_running_ > 0) {
    // A worker is deep in a large compile: exiting must not wait for it.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(0);
  }
  return 0;
}

void Server::stop() {
  log("hmrc serve: stopped");
  beast::error_code ec;
  acceptor_.close(ec);
  watcher_.stop();
  for (auto& [id, page] : pages_) page->close();
  pages_.clear();
  pool_.stop();
  io_.stop();
}

void Server::accept() {
  acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<HttpSession>(*this, std::move(socket))->run();
    }
    accept();
  });
}

// The version every page is told: a hash over all watched files, so it only
// changes when a file does, and survives a restart of the server.
void Server::scan_all() {
  file_hashes_.clear();
  version_sum_ = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec),
      end;
  for (; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      if (is_ignored_dir(name)) it.disable_recursion_pending();
      continue;
    }
    if (is_ignored_file(name) || !it->is_regular_file(type_ec)) continue;
    std::string content;
    if (!read_file(it->path(), content)) continue;
    std::string rel = it->path().lexically_relative(root_).generic_string();
    uint64_t hash = content_hash(content);
    file_hashes_[rel] = hash;
    version_sum_ += file_contribution(rel, hash);
  }
}

// ---------------------------------------------------------------- HTTP

void Server::answer(Request&& request, const Respond& respond) {
  if (auto message = route(request, respond)) respond(std::move(*message));
}

// nullopt: a module being compiled on a worker; `respond` gets its reply.
std::optional<http::message_generator> Server::route(const Request& request,
                                                     const Respond& respond) {
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    http::response<http::string_body> res{http::status::method_not_allowed, request.version()};
    res.set(http::field::allow, "GET, HEAD");
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.body() = "only GET and HEAD\n";
    res.keep_alive(request.keep_alive());
    res.prepare_payload();
    return http::message_generator(std::move(res));
  }
  auto host = request[http::field::host];
  if (host.empty()) return text_reply(request, http::status::bad_request, "missing Host header");
  if (!rules_.host_allowed(host)) {
    log(fmt::format("refused request for host '{}'", std::string(host).substr(0, 100)));
    return text_reply(
        request, http::status::forbidden,
        fmt::format("hmrc serve: host '{}' is not allowed; use localhost, 127.0.0.1, [::1] or "
                    "--host",
                    std::string(host).substr(0, 100)));
  }
  PathError path_error;
  auto url = parse_target(request.target(), path_error);
  if (!url) {
    if (path_error == PathError::forbidden)
      return text_reply(request, http::status::forbidden, "path outside the served folder");
    return text_reply(request, http::status::bad_request, "malformed request target");
  }
  const std::string& path = url->path;

  if (path.rfind("/@hmrc/", 0) == 0) {
    if (path == "/@hmrc/ws")
      return text_reply(request, http::status::upgrade_required, "WebSocket endpoint");
#if HMRC_HAVE_RUNTIME_ASSETS
    if (const auto* asset = runtime_assets::find(path)) {
      std::string hash = hash_hex(content_hash(asset->body));
      bool versioned = query_value(url->query, "v") == hash;
      return reply(request, http::status::ok, asset->content_type, std::string(asset->body),
                   "\"" + hash + "\"", versioned ? kImmutable : "no-cache");
    }
#endif
    return text_reply(request, http::status::not_found, "no such runtime file");
  }

  std::string rel = path == "/" ? "" : path.substr(1);
  bool outside = false;
  auto real = resolve_inside(root_, rel, outside);
  if (outside)
    return text_reply(request, http::status::forbidden, "path outside the served folder");
  if (real) {
    std::error_code ec;
    if (fs::is_directory(*real, ec)) {
      if (!url->trailing_slash && path != "/") {
        http::response<http::string_body> res{http::status::moved_permanently, request.version()};
        res.set(http::field::location, path + "/" + (url->query.empty() ? "" : "?" + url->query));
        res.keep_alive(request.keep_alive());
        res.prepare_payload();
        return http::message_generator(std::move(res));
      }
      std::string index_rel = rel.empty() ? "index.html" : rel + "/index.html";
      auto index = resolve_inside(root_, index_rel, outside);
      if (!index) return text_reply(request, http::status::not_found, "no index.html in " + path);
      return serve_file(request, *index, index_rel);
    }
    std::string real_rel = real->lexically_relative(root_).generic_string();
    if (is_module_path(path))
      return serve_module(request, path, real_rel, false, respond, query_value(url->query, "v"));
    return serve_file(request, *real, real_rel);
  }

  // Not a file: a module's source map, or an import written without its
  // extension ("./view" for view.ts), as TypeScript lets one write.
  if (ends_with(path, ".map") && is_module_path(path.substr(0, path.size() - 4))) {
    std::string module_rel = rel.substr(0, rel.size() - 4);
    if (auto module = resolve_inside(root_, module_rel, outside))
      return serve_module(request, path.substr(0, path.size() - 4),
                          module->lexically_relative(root_).generic_string(), true, respond);
  }
  if (!outside && !is_module_path(path)) {
    if (auto file = module_file(path))
      return serve_module(request, path, *file, false, respond, query_value(url->query, "v"));
  }
  return text_reply(request, http::status::not_found, "not found: " + path);
}

// `version` is the ?v= of the URL: when it names the code served, the URL is
// one of an import map (first_load.cpp) and its bytes never change.
std::optional<http::message_generator> Server::serve_module(const Request& request,
                                                            const std::string& id,
                                                            const std::string& file, bool want_map,
                                                            const Respond& respond,
                                                            std::string_view version) {
  struct Pending {
    const Request* request = nullptr;  // the caller's until the compile goes to a worker
    Request copy;
    bool async = false;
    std::optional<http::message_generator> message;
  };
  auto pending = std::make_shared<Pending>();
  pending->request = &request;
  auto start = Clock::now();
  bool done = compile_module(
      id, file,
      [this, pending, id, file, want_map, start, respond, version = std::string(version)](
          std::shared_ptr<const CompiledModule> compiled, bool fresh) {
        auto message =
            module_reply(*pending->request, id, file, want_map, compiled, fresh, start, version);
        if (pending->async)
          respond(std::move(message));
        else
          pending->message.emplace(std::move(message));
      });
  if (!done) {
    // The callback runs on this thread after this returns: keep what it reads.
    pending->copy = request;
    pending->request = &pending->copy;
    pending->async = true;
    return std::nullopt;
  }
  return std::move(pending->message);
}

http::message_generator Server::module_reply(const Request& request, const std::string& id,
                                             const std::string& file, bool want_map,
                                             const std::shared_ptr<const CompiledModule>& compiled,
                                             bool fresh, Clock::time_point start,
                                             std::string_view version) {
  if (!compiled) return text_reply(request, http::status::not_found, "not found: " + id);
  // Devtools show this under Timing; the measurements in docs/server.md use it.
  std::string timing = fresh ? fmt::format("compile;dur={:.3f}", compiled->compile_ms)
                             : fmt::format("cache;desc=hit;dur={:.3f}", ms_since(start));
  if (options_.trace && !want_map) {
    if (auto pushed = pushed_at_.find(id); pushed != pushed_at_.end()) {
      log(fmt::format("trace fetch {} {:.2f} ms after the push: {}", std::string(request.target()),
                      std::chrono::duration<double, std::milli>(start - pushed->second).count(),
                      fresh ? fmt::format("compiled ({:.2f} ms)", compiled->compile_ms)
                            : fmt::format("cache hit ({:.3f} ms)", ms_since(start))));
      pushed_at_.erase(pushed);
    }
  }
  if (!compiled->result.ok()) {
    bool known = errors_.count(file) != 0;
    ModuleError error = modules_.error_of(file, *compiled, options_.color);
    std::string body = modules_.error_of(file, *compiled, false).text;
    errors_[file] = std::move(error);
    if (!known) report_errors();
    return reply(request, http::status::internal_server_error, "text/plain; charset=utf-8",
                 std::move(body), {}, "no-cache", timing);
  }
  if (errors_.erase(file)) log(fmt::format("fixed {}", file));
  if (want_map) {
    std::string etag = "\"" + hash_hex(content_hash(compiled->result.map)) + "\"";
    return reply(request, http::status::ok, "application/json; charset=utf-8", compiled->result.map,
                 etag, "no-cache", timing);
  }
  bool versioned = !version.empty() && compiled->etag.size() == version.size() + 2 &&
                   compiled->etag.compare(1, version.size(), version) == 0;
  return reply(request, http::status::ok, "text/javascript; charset=utf-8", compiled->result.code,
               compiled->etag, versioned ? kImmutable : "no-cache", timing);
}

http::message_generator Server::serve_file(const Request& request, const fs::path& real,
                                           const std::string& rel) {
  std::string body;
  // Deleted or unreadable between the lookup and now: a plain 404.
  if (!read_file(real, body)) return text_reply(request, http::status::not_found, "not found");
  served_files_.insert(rel);
  if (is_html(rel)) body = page_html(body, rel);
  std::string etag = "\"" + hash_hex(content_hash(body)) + "\"";
  return reply(request, http::status::ok, mime_type(rel), std::move(body), etag);
}

// ---------------------------------------------------------------- WebSocket

std::optional<http::message_generator> Server::check_upgrade(const Request& request) {
  PathError path_error;
  auto url = parse_target(request.target(), path_error);
  if (!url || url->path != "/@hmrc/ws")
    return text_reply(request, http::status::not_found, "WebSocket only at /@hmrc/ws");
  auto host = request[http::field::host];
  if (host.empty() || !rules_.host_allowed(host)) {
    log(fmt::format("refused WebSocket for host '{}'", std::string(host).substr(0, 100)));
    return text_reply(request, http::status::forbidden, "host not allowed");
  }
  auto origin = request[http::field::origin];
  // Browsers always send Origin with a WebSocket; tools (and tests) may not.
  if (!origin.empty() && !rules_.origin_allowed(origin)) {
    log(fmt::format("refused WebSocket from origin '{}'", std::string(origin).substr(0, 100)));
    return text_reply(request, http::status::forbidden, "origin not allowed");
  }
  return std::nullopt;
}

void Server::start_websocket(tcp::socket&& socket, Request&& request) {
  auto page = std::make_shared<WsSession>(*this, std::move(socket), next_page_++);
  page->run(std::move(request));
}

void Server::on_ws_open(const std::shared_ptr<WsSession>& page) {
  pages_[page->id()] = page;
  json::object hello{{"type", "hello"}, {"version", version()}};
  if (options_.trace) hello["trace"] = true;  // the client then reports each update's timings
  page->send(std::make_shared<const std::string>(json::serialize(hello)));
  if (!errors_.empty()) page->send(std::make_shared<const std::string>(error_message()));
}

void Server::on_ws_close(WsSession& page) { pages_.erase(page.id()); }

void Server::on_ws_message(WsSession& page, std::string_view text) {
  beast::error_code ec;
  json::value message = json::parse(text, ec);
  const json::object* object = !ec ? message.if_object() : nullptr;
  const json::value* type = object ? object->if_contains("type") : nullptr;
  if (!type || !type->is_string()) {
    log(fmt::format("page #{}: ignored a malformed message", page.id()));
    return;
  }
  std::string_view kind = type->get_string();
  auto string_field = [&](std::string_view key) -> std::string {
    const json::value* v = object->if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  if (kind == "custom") {
    const json::value* event = object->if_contains("event");
    if (!event || !event->is_string()) return;
    const json::value* data = object->if_contains("data");
    std::string relay = json::serialize(json::object{
        {"type", "custom"}, {"event", event->get_string()}, {"data", data ? *data : nullptr}});
    broadcast(relay, &page);
    log(fmt::format("custom event \"{}\" from page #{} to {} other page(s)",
                    std::string_view(event->get_string()), page.id(), pages_.size() - 1));
  } else if (kind == "invalidate") {
    std::string reason = string_field("message");
    log(fmt::format("hmr invalidate {}{}", display(string_field("id")),
                    reason.empty() ? "" : ": " + reason));
  } else if (kind == "trace" && options_.trace) {
    auto number = [&](std::string_view key) {
      const json::value* v = object->if_contains(key);
      return v && v->is_number() ? v->to_number<double>() : 0.0;
    };
    log(fmt::format(
        "trace page #{}: applied {:.2f} ms after the message (fetch + evaluate {:.2f} ms, accept "
        "callbacks {:.2f} ms)",
        page.id(), number("total"), number("load"), number("callbacks")));
  } else if (kind == "reload-reason") {
    log(fmt::format("page reload: {}", string_field("message")));
  }
}

void Server::broadcast(const std::string& text, const WsSession* except) {
  auto shared = std::make_shared<const std::string>(text);
  // send() may close a page that fell behind; closing does not touch pages_.
  for (auto& [id, page] : pages_)
    if (page.get() != except) page->send(shared);
}

std::string Server::error_message() const {
  json::array errors;
  for (const auto& [file, error] : errors_)
    for (const auto& e : error.json) errors.push_back(e);
  return json::serialize(json::object{{"type", "error"}, {"errors", std::move(errors)}});
}

void Server::report_errors() {
  for (const auto& [file, error] : errors_) {
    std::string text = error.text;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    write_line(stderr, text);
  }
  broadcast(error_message());
}

// ---------------------------------------------------------------- watching

void Server::on_batch(WatchBatch batch) {
  auto flushed = Clock::now();
  if (batch.overflow) {
    scan_all();
    modules_.forget_all();
    module_files_.clear();
    errors_.clear();
    broadcast(json::serialize(
        json::object{{"type", "full-reload"}, {"reason", "too many file changes at once"}}));
    log(fmt::format("page reload: too many file changes at once ({:.1f} ms)",
                    ms_since(batch.first_event)));
    return;
  }
  std::vector<std::string> changed;
  std::string reload_reason;
  auto forget = [&](const std::string& rel) {
    auto it = file_hashes_.find(rel);
    if (it == file_hashes_.end()) return;
    version_sum_ -= file_contribution(rel, it->second);
    file_hashes_.erase(it);
    errors_.erase(rel);
    if (reload_reason.empty() && (served_files_.count(rel) || !modules_.ids_for_file(rel).empty()))
      reload_reason = rel + " was deleted";
  };
  for (const auto& rel : batch.paths) {
    fs::path full = root_ / rel;
    std::error_code ec;
    auto status = fs::status(full, ec);
    if (fs::is_directory(status)) continue;  // its files come one by one
    if (!fs::is_regular_file(status)) {
      // Gone: a file, or a folder with everything in it.
      forget(rel);
      std::string prefix = rel + "/";
      std::vector<std::string> inside;
      for (const auto& [file, hash] : file_hashes_)
        if (file.rfind(prefix, 0) == 0) inside.push_back(file);
      for (const auto& file : inside) forget(file);
      continue;
    }
    std::string content;
    if (!read_file(full, content)) continue;
    uint64_t hash = content_hash(content);
    auto [it, inserted] = file_hashes_.try_emplace(rel, hash);
    if (!inserted) {
      if (it->second == hash) continue;  // saved without a change
      version_sum_ -= file_contribution(rel, it->second);
      it->second = hash;
    }
    version_sum_ += file_contribution(rel, hash);
    changed.push_back(rel);
  }

  // Modules are pushed even when this server never served them: pages
  // loaded before a restart still run them, and the runtime skips ids it
  // does not have. HTML always reloads for the same reason.
  std::vector<std::string> hot;
  for (const auto& rel : changed) {
    if (modules_.is_tsconfig(rel) && reload_reason.empty()) {
      // Every module may compile differently now.
      modules_.forget_all();
      reload_reason = rel + " changed";
    }
    if (is_module_path(rel)) {
      hot.push_back(rel);
    } else if ((served_files_.count(rel) || is_html(rel)) && reload_reason.empty()) {
      reload_reason = rel + " changed";
    }
  }
  if (reload_reason.empty() && hot.size() > kMaxHotModules)
    reload_reason = fmt::format("{} modules changed at once", hot.size());
  if (!reload_reason.empty()) {
    broadcast(json::serialize(json::object{{"type", "full-reload"}, {"reason", reload_reason}}));
    log(fmt::format("page reload: {} ({:.1f} ms)", reload_reason, ms_since(batch.first_event)));
    return;
  }
  if (hot.empty()) return;

  // Small modules compile right here, large ones on a worker (compile_module);
  // the update goes out when the last one is done.
  auto update = std::make_shared<PendingUpdate>();
  update->first_event = batch.first_event;
  update->last_event = batch.last_event;
  update->flushed = flushed;
  update->read = Clock::now();
  std::size_t unseen = 0;  // ids no page fetched from this server
  for (const auto& rel : hot) {
    auto ids = modules_.ids_for_file(rel);
    if (ids.empty()) {
      // A checkout of thousands of files no page fetched is not worth compiling.
      if (unseen >= kMaxUnseenModules) continue;
      ++unseen;
      update->slots.push_back({"/" + rel, rel, true, nullptr, false});
      continue;
    }
    for (auto& id : ids) update->slots.push_back({std::move(id), rel, false, nullptr, false});
  }
  update->waiting = update->slots.size() + 1;
  for (std::size_t i = 0; i < update->slots.size(); ++i) {
    compile_module(update->slots[i].id, update->slots[i].file,
                   [this, update, i](std::shared_ptr<const CompiledModule> compiled, bool fresh) {
                     update->slots[i].compiled = std::move(compiled);
                     update->slots[i].fresh = fresh;
                     if (--update->waiting == 0) push_update(*update);
                   });
  }
  if (--update->waiting == 0) push_update(*update);
}

bool Server::compile_module(const std::string& id, const std::string& file, CompileDone done) {
  auto found = modules_.lookup(id, file);
  if (!found.job) {
    done(found.cached, false);
    return true;
  }
  std::string key = id + "\n" + hash_hex(found.job->hash);
  if (auto same = in_flight_.find(key); same != in_flight_.end()) {
    same->second.push_back(std::move(done));  // those bytes are being compiled already
    return false;
  }
  if (found.job->source.size() < kWorkerBytes) {
    // A hand-over to a worker and back would cost more than it saves.
    Modules::run(*found.job);
    done(modules_.finish(*found.job), true);
    return true;
  }
  in_flight_[key].push_back(std::move(done));
  ++compiles_running_;
  asio::post(pool_, [this, job = found.job, key] {
    Modules::run(*job);
    asio::post(io_, [this, job, key] {
      --compiles_running_;
      auto compiled = modules_.finish(*job);
      auto waiters = std::move(in_flight_[key]);
      in_flight_.erase(key);
      for (auto& done : waiters) done(compiled, true);
    });
  });
  return false;
}

void Server::push_update(PendingUpdate& update) {
  double compile_ms = 0;
  std::size_t compiles = 0, incremental = 0;
  std::vector<std::string> updated;
  std::set<std::string> unseen;
  bool new_errors = false, fixed = false;
  for (const auto& slot : update.slots) {
    const auto& compiled = slot.compiled;
    if (!compiled) continue;
    if (slot.fresh) {
      compile_ms += compiled->compile_ms;
      ++compiles;
      incremental += compiled->incremental;
    }
    // A later save compiled meanwhile (a large module on a worker): its own
    // update reports it.
    if (!modules_.current(slot.id, compiled.get())) continue;
    if (!compiled->result.ok() && slot.unseen) continue;  // no page runs it, no overlay
    if (!compiled->result.ok()) {
      errors_[slot.file] = modules_.error_of(slot.file, *compiled, options_.color);
      new_errors = true;
      continue;
    }
    fixed |= errors_.erase(slot.file) != 0;
    updated.push_back(slot.id);
    if (slot.unseen) unseen.insert(slot.id);
  }
  if (new_errors) report_errors();
  if (updated.empty()) return;
  auto compiled_at = Clock::now();

  auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  json::array modules;
  for (const auto& id : updated) modules.emplace_back(id);
  broadcast(json::serialize(json::object{{"type", "update"},
                                         {"version", version()},
                                         {"timestamp", now_ms},
                                         {"modules", std::move(modules)}}));
  if (!errors_.empty() && fixed) report_errors();  // the others still stand

  double elapsed = ms_since(update.first_event);
  if (options_.trace) {
    auto pushed = Clock::now();
    for (const auto& id : updated) pushed_at_[id] = pushed;
    auto ms = [](Clock::time_point a, Clock::time_point b) {
      return std::chrono::duration<double, std::milli>(b - a).count();
    };
    log(fmt::format(
        "trace update {}{}: watcher {:.2f} ms (first event to flush; last event +{:.2f} ms), read "
        "+ "
        "hash {:.2f} ms, compile {:.2f} ms ({} module(s), {} incremental), graph {:.2f} ms, push "
        "{:.2f} ms; total {:.2f} ms",
        display(updated.front()),
        updated.size() > 1 ? fmt::format(" and {} more", updated.size() - 1) : std::string(),
        ms(update.first_event, update.flushed), ms(update.first_event, update.last_event),
        ms(update.flushed, update.read), compile_ms, compiles, incremental,
        ms(update.read, compiled_at) - compile_ms, ms(compiled_at, pushed), elapsed));
  }
  for (const auto& id : updated) {
    if (unseen.count(id)) {
      log(fmt::format("hmr update {} (not served since start; {:.1f} ms)", display(id), elapsed));
      continue;
    }
    Decision decision = modules_.decide(id);
    if (decision.reload) {
      log(fmt::format("page reload: {}", decision.reason));
      continue;
    }
    std::string via;
    for (const auto& boundary : decision.boundaries)
      if (boundary != id) via += (via.empty() ? " via " : ", ") + display(boundary);
    log(fmt::format("hmr update {}{} ({:.1f} ms)", display(id), via, elapsed));
  }
  for (const auto& id : modules_.take_pruned()) log(fmt::format("hmr prune {}", display(id)));
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
