// What the server answers to each HTTP request: the runtime files under
// /@hmrc/, compiled modules (and their source maps), pages with their import
// map (FirstLoad), static files, and the checks before any of it (method,
// Host, a path inside the served folder). WebSocket upgrades are checked
// here too, then handed to the pages (ws/pages.hpp).
//
//   GET /src/view.ts      -> compiled (cached by content hash), ETag, Server-Timing
//   GET /src/view.ts.map  -> its source map
//   GET /src/view         -> /src/view.ts, as TypeScript lets one import it
//   GET /                 -> index.html, once its module graph is compiled
//   GET /@deps/react@19.3.1/index.js?v=… -> an npm package bundled (npm/packages.hpp)
#pragma once

#include <boost/beast/http.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/paths.hpp"
#include "server/http/reply.hpp"
#include "server/log.hpp"
#include "server/options.hpp"
#include "server/updates/modules.hpp"

namespace hmrc::server {

class CompileQueue;
class ErrorBoard;
class FileIndex;
class FirstLoad;
class HostRules;
class Packages;
class UpdatePipeline;

class HttpRouter {
 public:
  struct Parts {
    FileIndex& files;
    Modules& modules;
    CompileQueue& compiles;
    ErrorBoard& errors;
    UpdatePipeline& updates;  // for --trace: when a fetched module was pushed
    FirstLoad& first_load;
    Packages& packages;
  };
  HttpRouter(const ServeOptions& options, std::filesystem::path real_root, const HostRules& rules,
             Parts parts);

  // Answers `request` through `respond`: at once, after a compile on a
  // worker, or for a page whose modules are still compiling once they are.
  void handle(Request&& request, Respond respond);
  // nullopt if the WebSocket upgrade may go ahead; else the refusal.
  std::optional<boost::beast::http::message_generator> check_upgrade(const Request& request);

 private:
  using Reply = std::optional<boost::beast::http::message_generator>;
  void answer(Request&& request, const Respond& respond);
  // nullopt: a module being compiled on a worker; `respond` gets its reply.
  Reply route(const Request& request, const Respond& respond);
  Reply route_path(const Request& request, const UrlPath& url, const Respond& respond);
  boost::beast::http::message_generator runtime_file(const Request& request,
                                                     const std::string& path,
                                                     const std::string& query);
  // `version`: the URL's ?v=; when it names the code served, the URL is one
  // of an import map (first_load/) and its bytes never change.
  Reply serve_module(const Request& request, const std::string& id, const std::string& file,
                     bool want_map, const Respond& respond, std::string_view version = {});
  boost::beast::http::message_generator module_reply(
      const Request& request, const std::string& id, const std::string& file, bool want_map,
      const std::shared_ptr<const CompiledModule>& compiled, bool fresh, Clock::time_point start,
      std::string_view version);
  boost::beast::http::message_generator serve_file(const Request& request,
                                                   const std::filesystem::path& real,
                                                   const std::string& rel);

  const ServeOptions& options_;
  std::filesystem::path root_;  // canonical
  const HostRules& rules_;
  FileIndex& files_;
  Modules& modules_;
  CompileQueue& compiles_;
  ErrorBoard& errors_;
  UpdatePipeline& updates_;
  FirstLoad& first_load_;
  Packages& packages_;
};

}  // namespace hmrc::server
