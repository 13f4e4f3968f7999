// The server's side of npm packages (src/deps does the work): the bare
// imports a walk of the module graph finds are resolved and pre-bundled,
// listed in the page's import map ("react" -> /@deps/react@19.3.1/index.js?v=…),
// served from /@deps/…, and an import that cannot be resolved is an error on
// the overlay and one terminal line, never a blank page:
//
//   src/main.ts:3: error: "lodash" not found from src/main.ts:3 (no node_modules/lodash above it;
//   run npm install?) [DEP001]
//
// Packages are not watched and are not HMR boundaries; an update that brings
// an import the pages' maps lack adds it with a second import map, or
// reloads the page when a mapped specifier needs another URL (an import map
// entry cannot be replaced once modules loaded).
#pragma once

#include <boost/beast/http.hpp>
#include <boost/json/object.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deps/optimizer.hpp"
#include "server/http/reply.hpp"
#include "server/options.hpp"

namespace hmrc::server {

class ErrorBoard;
struct CompiledModule;

// What one walk of a module graph imports from packages.
struct PackageWalk {
  std::vector<std::pair<std::string, const deps::DepBundle*>> bundles;  // bare specifier, bundle
  std::map<std::string, std::set<std::string>> names;  // bare specifier -> named imports
  int errors = 0;  // modules with an import that does not resolve
};

class Packages {
 public:
  Packages(const ServeOptions& options, std::filesystem::path real_root, ErrorBoard& errors);
  ~Packages();

  // Resolves (and bundles, once) the bare imports of `compiled`, a module
  // of `file` the walk reached; an import that does not resolve is an error
  // on the board until it does.
  void walk(const std::string& file, const CompiledModule& compiled, PackageWalk& walk);
  // The import map entries of the walk's packages: each bare specifier, and
  // each bundle's own URL (bundles import each other by URL).
  std::vector<std::pair<std::string, std::string>> map_entries(const PackageWalk& walk);
  // Packages an update of `file` imports that the pages' maps do not name,
  // added to `import_map`. Returns why the page must reload instead, if so.
  std::string new_imports(const std::string& file, const CompiledModule& compiled,
                          boost::json::object& import_map);
  // The answer to GET /@deps/…; `version` is the URL's ?v=.
  boost::beast::http::message_generator serve(const Request& request, const std::string& path,
                                              std::string_view version);

 private:
  std::filesystem::path root_;  // canonical
  ErrorBoard& errors_;
  std::unique_ptr<deps::Optimizer> optimizer_;
  std::map<std::string, std::string> mapped_;  // specifier -> URL some page's map gives
  // Named imports of CommonJS packages that static analysis did not find
  // (lodash's UMD): served through a facade module per set of names.
  std::map<std::string, std::set<std::string>> wanted_names_;  // by bare specifier
  std::map<std::string, std::string> facades_;                 // URL path -> code
  // Named imports of packages per compiled module version (its ETag).
  std::map<std::string, std::map<std::string, std::set<std::string>>> names_by_etag_;
};

}  // namespace hmrc::server
