// The first page load: a page's static module graph is compiled before the
// page is answered, and the page lists every module of it in an import map
// (html.hpp), with versioned URLs the browser caches for good. Decisions and
// figures: docs/server.md, "First page load".
//
//   GET /  ->  walk index.html's module scripts and their imports through the
//              compile cache; compile what is missing or stale (a few modules
//              per turn of the I/O thread); walk again; answer once nothing is.
//
// The walk is in walk.cpp, the page with its import map and its cache in page.cpp.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/first_load/html.hpp"
#include "server/http/reply.hpp"
#include "server/npm/packages.hpp"

namespace hmrc::server {

class FileIndex;
class Modules;

class FirstLoad {
 public:
  FirstLoad(boost::asio::io_context& io, std::filesystem::path real_root, FileIndex& files,
            Modules& modules, Packages& packages);

  // The page (HTML file, relative to the root) `request` asks for, if its
  // graph has modules still to compile: the request waits for compile_ahead.
  std::optional<std::string> page_to_prepare(const Request& request);
  // Compiles the graph of `page_rel` a few modules per turn of the I/O
  // thread, then calls `done` (if any).
  void compile_ahead(const std::string& page_rel, std::function<void()> done);

  // The page with the import map and the client script first in <head>,
  // from the cache while no watched file and not the HTML changed. What is
  // still stale (a file saved since the walk that let the request through)
  // is compiled here.
  std::string page_html(std::string_view html, const std::string& rel);

 private:
  struct GraphWalk {
    std::vector<VersionedModule> modules;                    // compiled, in walk order
    std::vector<std::pair<std::string, std::string>> stale;  // (id, file) to compile
    PackageWalk packages;  // what the modules import from npm packages
  };
  struct AheadJob;
  std::optional<std::string> page_target(const Request& request) const;
  GraphWalk walk_graph(const std::string& page_rel, std::string_view html,
                       const std::set<std::string>* fresh = nullptr);
  void compile_ahead_step(const std::shared_ptr<AheadJob>& job);
  void compile_batch(std::vector<std::pair<std::string, std::string>> modules,
                     std::function<void()> done);
  std::vector<VersionedModule> runtime_modules() const;
  const std::string* cached_page(const std::string& rel, std::string_view html) const;

  boost::asio::io_context& io_;
  std::filesystem::path root_;  // canonical
  FileIndex& files_;
  Modules& modules_;
  Packages& packages_;
  // A page with its import map, by file: valid while no watched file changed
  // (the version sum) and the HTML is the same. The walk over a 1000-module
  // graph costs milliseconds, too much for every load.
  struct CachedPage {
    uint64_t version = 0;
    uint64_t html_hash = 0;
    std::string body;
  };
  std::map<std::string, CachedPage> page_cache_;
};

namespace detail {
// A script src as a module id: relative to the page, without query; empty
// for other origins.
std::string entry_id(const std::string& page_rel, std::string_view src);
}  // namespace detail

}  // namespace hmrc::server
