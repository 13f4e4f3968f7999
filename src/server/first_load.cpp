// The first page load: a page's static module graph is compiled before the
// page is answered, and the page lists every module of it in an import map
// (html_page.hpp), with versioned URLs the browser caches for good. Decisions and figures:
// docs/server.md, "First page load".
//
//   GET /  ->  walk index.html's module scripts and their imports through the
//              compile cache; compile what is missing or stale (a few modules
//              per turn of the I/O thread); walk again; answer once nothing is.
#include <boost/asio/post.hpp>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>

#include "read_file.hpp"
#include "server.hpp"
#include "url_path.hpp"
#if HMRC_HAVE_RUNTIME_ASSETS
#include "runtime/assets.hpp"
#endif

namespace hmrc::server {
namespace fs = std::filesystem;
namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

// Compiles per turn of the I/O thread: small modules take ~0.1 ms each, so
// requests of other clients wait a millisecond or so at most.
constexpr std::size_t kCompilesPerTurn = 8;
// A page whose graph keeps changing while it is compiled is answered anyway
// after this many walks (its modules then compile on request).
constexpr int kMaxWalks = 64;

// A script src as a module id: relative to the page, without query; empty
// for other origins.
std::string entry_id(const std::string& page_rel, std::string_view src) {
  if (src.rfind("//", 0) == 0) return {};
  auto colon = src.find(':');
  if (colon != std::string_view::npos && colon < src.find_first_of("/?#")) return {};
  std::string spec = src.rfind("/", 0) == 0 || src.rfind("./", 0) == 0 || src.rfind("../", 0) == 0
                         ? std::string(src)
                         : "./" + std::string(src);
  auto decoded = percent_decode(spec.substr(0, spec.find_first_of("?#")));
  if (!decoded) return {};
  return resolve_specifier("/" + page_rel, *decoded);
}

}  // namespace

struct Server::AheadJob {
  std::string page;
  std::set<std::string> compiled;  // ids compiled by this job: current for its walks
  std::function<void()> done;
  int walks = 0;
};

// The HTML file a GET or HEAD would be answered with, if it is a page.
std::optional<std::string> Server::page_target(const Request& request) {
  if (request.method() != http::verb::get && request.method() != http::verb::head) return {};
  PathError error;
  auto url = parse_target(request.target(), error);
  if (!url) return {};
  std::string rel = url->path == "/" ? "" : url->path.substr(1);
  bool outside = false;
  auto real = resolve_inside(root_, rel, outside);
  if (!real) return {};
  std::error_code ec;
  if (fs::is_directory(*real, ec)) {
    if (!url->trailing_slash && url->path != "/") return {};
    rel = rel.empty() ? "index.html" : rel + "/index.html";
    if (!resolve_inside(root_, rel, outside)) return {};
    return rel;
  }
  std::string real_rel = real->lexically_relative(root_).generic_string();
  if (real_rel.size() < 5 || (real_rel.compare(real_rel.size() - 5, 5, ".html") != 0 &&
                              real_rel.compare(real_rel.size() - 4, 4, ".htm") != 0))
    return {};
  return real_rel;
}

void Server::handle(Request&& request, Respond respond) {
  if (auto page = page_target(request)) {
    std::string html;
    if (read_file(root_ / *page, html) && !cached_page(*page, html) &&
        !walk_graph(*page, html).stale.empty()) {
      auto waiting = std::make_shared<Request>(std::move(request));
      compile_ahead(*page, [this, waiting, respond = std::move(respond)] {
        answer(std::move(*waiting), respond);
      });
      return;
    }
  }
  answer(std::move(request), respond);
}

// The file a module id is served from: the file itself, or for an import
// written without extension ("/src/view") the first of view.ts, view.tsx, ...
// Remembered while the watcher knows the file exists.
std::optional<std::string> Server::module_file(const std::string& id) {
  if (auto it = module_files_.find(id); it != module_files_.end()) {
    if (file_hashes_.count(it->second)) return it->second;
    module_files_.erase(it);
  }
  std::string rel = id.substr(1);
  bool outside = false;
  std::optional<fs::path> found;
  if (is_module_path(id)) {
    found = resolve_inside(root_, rel, outside);
  } else {
    for (std::string_view suffix :
         {".ts", ".tsx", ".js", ".jsx", ".mjs", "/index.ts", "/index.tsx", "/index.js"}) {
      found = resolve_inside(root_, rel + std::string(suffix), outside);
      if (found || outside) break;
    }
  }
  std::error_code ec;
  if (!found || fs::is_directory(*found, ec)) return std::nullopt;
  std::string file = found->lexically_relative(root_).generic_string();
  module_files_[id] = file;
  return file;
}

// Breadth first from the page's module scripts through the compile cache.
// A module compiled from other bytes than the watcher last saw is stale; a
// module never compiled is too, and its imports are not known yet.
Server::GraphWalk Server::walk_graph(const std::string& page_rel, std::string_view html,
                                     const std::set<std::string>* fresh) {
  GraphWalk walk;
  std::deque<std::string> queue;
  std::set<std::string> seen;
  for (const auto& src : module_script_srcs(html)) {
    std::string id = entry_id(page_rel, src);
    if (!id.empty() && seen.insert(id).second) queue.push_back(std::move(id));
  }
  while (!queue.empty()) {
    std::string id = std::move(queue.front());
    queue.pop_front();
    if (id.rfind("/@hmrc/", 0) == 0) continue;
    auto file = module_file(id);
    if (!file) continue;  // answered 404 when the page asks for it
    auto compiled = modules_.cached(id);
    auto known = file_hashes_.find(*file);
    bool current =
        compiled && (known == file_hashes_.end() || known->second == compiled->source_hash ||
                     (fresh && fresh->count(id)));
    if (!current) {
      walk.stale.emplace_back(id, *file);
      continue;
    }
    // A module that does not compile is left out: its URL answers the error.
    if (!compiled->result.ok()) continue;
    walk.modules.push_back({id, compiled->etag.substr(1, compiled->etag.size() - 2)});
    walk_deps(*file, *compiled, walk);
    for (const auto& spec : compiled->result.module_info.imports) {
      std::string dep = resolve_specifier(id, spec);
      if (!dep.empty() && seen.insert(dep).second) queue.push_back(std::move(dep));
    }
  }
  return walk;
}

void Server::compile_ahead(const std::string& page_rel, std::function<void()> done) {
  auto job = std::make_shared<AheadJob>();
  job->page = page_rel;
  job->done = std::move(done);
  asio::post(io_, [this, job] { compile_ahead_step(job); });
}

// One walk, then a batch of compiles of what it found; repeated until a walk
// finds nothing to compile (the graph is known one level deeper each time).
void Server::compile_ahead_step(const std::shared_ptr<AheadJob>& job) {
  std::string html;
  GraphWalk walk;
  if (read_file(root_ / job->page, html)) walk = walk_graph(job->page, html, &job->compiled);
  if (walk.stale.empty() || ++job->walks > kMaxWalks) {
    if (job->done) job->done();
    return;
  }
  for (const auto& [id, file] : walk.stale) job->compiled.insert(id);
  compile_batch(std::move(walk.stale), [this, job] { compile_ahead_step(job); });
}

// Compiles (id, file) pairs into the module cache, a few per turn of the I/O
// thread, then calls `done` on it. The one place compile-ahead compiles: a
// compile pool would take the batch here.
void Server::compile_batch(std::vector<std::pair<std::string, std::string>> modules,
                           std::function<void()> done) {
  struct Batch {
    std::vector<std::pair<std::string, std::string>> modules;
    std::size_t next = 0;
    std::function<void()> done;
  };
  auto batch = std::make_shared<Batch>(Batch{std::move(modules), 0, std::move(done)});
  auto turn = std::make_shared<std::function<void()>>();
  *turn = [this, batch, turn] {
    std::size_t end = std::min(batch->modules.size(), batch->next + kCompilesPerTurn);
    for (; batch->next < end; ++batch->next) {
      const auto& [id, file] = batch->modules[batch->next];
      modules_.compile(id, file);
    }
    if (batch->next < batch->modules.size()) {
      asio::post(io_, *turn);
    } else {
      auto finish = std::move(batch->done);
      *turn = nullptr;  // breaks the cycle turn -> lambda -> turn
      finish();
    }
  };
  asio::post(io_, *turn);
}

std::vector<VersionedModule> Server::runtime_modules() const {
  std::vector<VersionedModule> out;
#if HMRC_HAVE_RUNTIME_ASSETS
  for (std::string_view path : {"/@hmrc/client.js", "/@hmrc/runtime.js"})
    if (const auto* asset = runtime_assets::find(path))
      out.push_back({std::string(path), hash_hex(content_hash(asset->body))});
#endif
  return out;
}

// The page with the import map and the client script first in <head>. What
// is still stale (a file saved since the walk that let the request through)
// is compiled here.
const std::string* Server::cached_page(const std::string& rel, std::string_view html) const {
  auto it = page_cache_.find(rel);
  if (it == page_cache_.end() || it->second.version != version_sum_ ||
      it->second.html_hash != content_hash(html))
    return nullptr;
  return &it->second.body;
}

std::string Server::page_html(std::string_view html, const std::string& rel) {
  if (const std::string* cached = cached_page(rel, html)) return *cached;
  std::string client(kClientScript);
  bool loads_client = html.find("/@hmrc/client.js") != std::string_view::npos;
  // A page with an import map of its own gets none of ours: browsers before
  // multiple import maps (Chrome 133) would drop the page's one. Its modules
  // are then served as without: no-cache and ETag.
  if (has_import_map(html)) return loads_client ? std::string(html) : inject_head(html, client);
  GraphWalk walk = walk_graph(rel, html);
  for (int round = 0; round < 4 && !walk.stale.empty(); ++round) {
    for (const auto& [id, file] : walk.stale) modules_.compile(id, file);
    std::set<std::string> fresh;
    for (const auto& [id, file] : walk.stale) fresh.insert(id);
    walk = walk_graph(rel, html, &fresh);
  }
  auto modules = runtime_modules();
  if (!modules.empty())
    client = R"(<script type="module" src=")" + versioned_url(modules.front()) + R"("></script>)";
  modules.insert(modules.end(), walk.modules.begin(), walk.modules.end());
  std::string tags = import_map_script(modules, dep_map_entries(walk));
  if (!loads_client) tags += client;
  // An import map does not apply to <script src>: the page's own module
  // scripts get their versioned URL written in, so that they are cached for
  // good too and are the same instance every import of them gets. A src with
  // a query of its own is left as it is.
  std::map<std::string, std::string> urls;
  for (const auto& m : walk.modules) urls.emplace(m.id, versioned_url(m));
  std::string page(html);
  auto scripts = module_scripts(html);
  for (auto it = scripts.rbegin(); it != scripts.rend(); ++it) {
    if (it->src.find_first_of("?#") != std::string::npos) continue;
    auto url = urls.find(entry_id(rel, it->src));
    if (url != urls.end()) page.replace(it->begin, it->end - it->begin, "\"" + url->second + "\"");
  }
  std::string body = inject_head(page, tags);
  // A walk that left modules stale answered with less than the whole graph:
  // the next load tries again.
  // So does one with an import that did not resolve (npm install may come).
  if (walk.stale.empty() && walk.dep_errors == 0) page_cache_[rel] = {version_sum_, content_hash(html), body};
  return body;
}

}  // namespace hmrc::server
