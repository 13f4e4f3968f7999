#include "server/http/router.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "server/file_index.hpp"
#include "server/first_load/first_load.hpp"
#include "server/http/paths.hpp"
#include "server/http/rules.hpp"
#include "server/read_file.hpp"
#include "server/updates/compile_queue.hpp"
#include "server/updates/errors.hpp"
#include "server/updates/pipeline.hpp"
#if HMRC_HAVE_RUNTIME_ASSETS
#include "runtime/assets.hpp"
#endif

namespace hmrc::server {
namespace fs = std::filesystem;
namespace http = boost::beast::http;

HttpRouter::HttpRouter(const ServeOptions& options, fs::path real_root, const HostRules& rules,
                       Parts parts)
    : options_(options),
      root_(std::move(real_root)),
      rules_(rules),
      files_(parts.files),
      modules_(parts.modules),
      compiles_(parts.compiles),
      errors_(parts.errors),
      updates_(parts.updates),
      first_load_(parts.first_load),
      packages_(parts.packages) {}

void HttpRouter::handle(Request&& request, Respond respond) {
  if (auto page = first_load_.page_to_prepare(request)) {
    auto waiting = std::make_shared<Request>(std::move(request));
    first_load_.compile_ahead(*page, [this, waiting, respond = std::move(respond)] {
      answer(std::move(*waiting), respond);
    });
    return;
  }
  answer(std::move(request), respond);
}

void HttpRouter::answer(Request&& request, const Respond& respond) {
  if (auto message = route(request, respond)) respond(std::move(*message));
}

HttpRouter::Reply HttpRouter::route(const Request& request, const Respond& respond) {
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
    log_line(fmt::format("refused request for host '{}'", std::string(host).substr(0, 100)));
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
  if (url->path.rfind("/@hmrc/", 0) == 0) return runtime_file(request, url->path, url->query);
  if (url->path.rfind("/@deps/", 0) == 0)
    return packages_.serve(request, url->path, query_value(url->query, "v"));
  return route_path(request, *url, respond);
}

http::message_generator HttpRouter::runtime_file(const Request& request, const std::string& path,
                                                 const std::string& query) {
  if (path == "/@hmrc/ws")
    return text_reply(request, http::status::upgrade_required, "WebSocket endpoint");
#if HMRC_HAVE_RUNTIME_ASSETS
  if (const auto* asset = runtime_assets::find(path)) {
    std::string hash = hash_hex(content_hash(asset->body));
    bool versioned = query_value(query, "v") == hash;
    return reply(request, http::status::ok, asset->content_type, std::string(asset->body),
                 "\"" + hash + "\"", versioned ? kImmutable : "no-cache");
  }
#else
  (void)query;
#endif
  return text_reply(request, http::status::not_found, "no such runtime file");
}

// A path below the served folder: a folder (its index.html), a file, a
// module's source map, or a module imported without its extension.
HttpRouter::Reply HttpRouter::route_path(const Request& request, const UrlPath& url,
                                         const Respond& respond) {
  const std::string& path = url.path;
  const std::string& query = url.query;
  std::string rel = path == "/" ? "" : path.substr(1);
  bool outside = false;
  auto real = resolve_inside(root_, rel, outside);
  if (outside)
    return text_reply(request, http::status::forbidden, "path outside the served folder");
  if (real) {
    std::error_code ec;
    if (fs::is_directory(*real, ec)) {
      if (!url.trailing_slash && path != "/") {
        http::response<http::string_body> res{http::status::moved_permanently, request.version()};
        res.set(http::field::location, path + "/" + (query.empty() ? "" : "?" + query));
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
      return serve_module(request, path, real_rel, false, respond, query_value(query, "v"));
    return serve_file(request, *real, real_rel);
  }

  // Not a file: a module's source map, or an import written without its
  // extension ("./view" for view.ts), as TypeScript lets one write.
  if (path.ends_with(".map") && is_module_path(path.substr(0, path.size() - 4))) {
    std::string module_rel = rel.substr(0, rel.size() - 4);
    if (auto module = resolve_inside(root_, module_rel, outside)) {
      std::string file = module->lexically_relative(root_).generic_string();
      // The map of a module the page imported without extension ("./view"
      // fetches /src/view.ts.map): the page's id, so that a map request
      // adds no second id to the graph, which the terminal would then
      // report on as a module of its own with no importers.
      std::string id = path.substr(0, path.size() - 4);
      auto ids = modules_.ids_for_file(file);
      if (!ids.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) id = ids.front();
      return serve_module(request, id, file, true, respond);
    }
  }
  if (!outside && !is_module_path(path)) {
    if (auto file = files_.module_file(path))
      return serve_module(request, path, *file, false, respond, query_value(query, "v"));
  }
  // A module import (not a favicon or an <img>) that names no file: the
  // browser only says the page's modules failed to load.
  if (!outside && request["Sec-Fetch-Dest"] == "script") {
    std::string importer;
    std::string_view referer = request[http::field::referer];
    if (auto scheme = referer.find("://"); scheme != std::string_view::npos) {
      auto slash = referer.find('/', scheme + 3);
      PathError ignored;
      auto from = slash == std::string_view::npos ? std::nullopt
                                                  : parse_target(referer.substr(slash), ignored);
      if (from && is_module_path(from->path)) importer = from->path;
    }
    updates_.on_missing_module(path, importer);
  }
  return text_reply(request, http::status::not_found, "not found: " + path);
}

HttpRouter::Reply HttpRouter::serve_module(const Request& request, const std::string& id,
                                           const std::string& file, bool want_map,
                                           const Respond& respond, std::string_view version) {
  struct Pending {
    const Request* request = nullptr;  // the caller's until the compile goes to a worker
    Request copy;
    bool async = false;
    std::optional<http::message_generator> message;
  };
  auto pending = std::make_shared<Pending>();
  pending->request = &request;
  auto start = Clock::now();
  bool done = compiles_.compile(
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

http::message_generator HttpRouter::module_reply(
    const Request& request, const std::string& id, const std::string& file, bool want_map,
    const std::shared_ptr<const CompiledModule>& compiled, bool fresh, Clock::time_point start,
    std::string_view version) {
  if (!compiled) return text_reply(request, http::status::not_found, "not found: " + id);
  // Devtools show this under Timing; the measurements in docs/server.md use it.
  std::string timing = fresh ? fmt::format("compile;dur={:.3f}", compiled->compile_ms)
                             : fmt::format("cache;desc=hit;dur={:.3f}", ms_since(start));
  if (options_.trace && !want_map) {
    if (auto pushed = updates_.take_push_time(id)) {
      log_line(fmt::format("trace fetch {} {:.2f} ms after the push: {}",
                           std::string(request.target()),
                           std::chrono::duration<double, std::milli>(start - *pushed).count(),
                           fresh ? fmt::format("compiled ({:.2f} ms)", compiled->compile_ms)
                                 : fmt::format("cache hit ({:.3f} ms)", ms_since(start))));
    }
  }
  if (!compiled->result.ok()) {
    bool known = errors_.has(file);
    ModuleError error = modules_.error_of(file, *compiled, options_.color);
    std::string body = modules_.error_of(file, *compiled, false).text;
    errors_.set(file, std::move(error));
    if (!known) errors_.report();
    return reply(request, http::status::internal_server_error, "text/plain; charset=utf-8",
                 std::move(body), {}, "no-cache", timing);
  }
  if (errors_.erase(file)) log_line(fmt::format("fixed {}", file));
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

http::message_generator HttpRouter::serve_file(const Request& request, const fs::path& real,
                                               const std::string& rel) {
  std::string body;
  // Deleted or unreadable between the lookup and now: a plain 404.
  if (!read_file(real, body)) return text_reply(request, http::status::not_found, "not found");
  files_.mark_served(rel);
  if (is_html_path(rel)) body = first_load_.page_html(body, rel);
  std::string etag = "\"" + hash_hex(content_hash(body)) + "\"";
  return reply(request, http::status::ok, mime_type(rel), std::move(body), etag);
}

std::optional<http::message_generator> HttpRouter::check_upgrade(const Request& request) {
  PathError path_error;
  auto url = parse_target(request.target(), path_error);
  if (!url || url->path != "/@hmrc/ws")
    return text_reply(request, http::status::not_found, "WebSocket only at /@hmrc/ws");
  auto host = request[http::field::host];
  if (host.empty() || !rules_.host_allowed(host)) {
    log_line(fmt::format("refused WebSocket for host '{}'", std::string(host).substr(0, 100)));
    return text_reply(request, http::status::forbidden, "host not allowed");
  }
  auto origin = request[http::field::origin];
  // Browsers always send Origin with a WebSocket; tools (and tests) may not.
  if (!origin.empty() && !rules_.origin_allowed(origin)) {
    log_line(fmt::format("refused WebSocket from origin '{}'", std::string(origin).substr(0, 100)));
    return text_reply(request, http::status::forbidden, "origin not allowed");
  }
  return std::nullopt;
}

}  // namespace hmrc::server
