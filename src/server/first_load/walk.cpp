// The walk over a page's module graph, and the compiles ahead of the page
// load it drives (first_load.hpp).
#include <boost/asio/post.hpp>
#include <deque>

#include "server/file_index.hpp"
#include "server/first_load/first_load.hpp"
#include "server/http/paths.hpp"
#include "server/http/rules.hpp"
#include "server/read_file.hpp"
#include "server/updates/modules.hpp"

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

}  // namespace

std::string detail::entry_id(const std::string& page_rel, std::string_view src) {
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

FirstLoad::FirstLoad(asio::io_context& io, fs::path real_root, FileIndex& files, Modules& modules,
                     Packages& packages)
    : io_(io), root_(std::move(real_root)), files_(files), modules_(modules), packages_(packages) {}

struct FirstLoad::AheadJob {
  std::string page;
  std::set<std::string> compiled;  // ids compiled by this job: current for its walks
  std::function<void()> done;
  int walks = 0;
};

// The HTML file a GET or HEAD would be answered with, if it is a page.
std::optional<std::string> FirstLoad::page_target(const Request& request) const {
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

std::optional<std::string> FirstLoad::page_to_prepare(const Request& request) {
  auto page = page_target(request);
  if (!page) return std::nullopt;
  std::string html;
  if (read_file(root_ / *page, html) && !cached_page(*page, html) &&
      !walk_graph(*page, html).stale.empty())
    return page;
  return std::nullopt;
}

// Breadth first from the page's module scripts through the compile cache.
// A module compiled from other bytes than the watcher last saw is stale; a
// module never compiled is too, and its imports are not known yet.
FirstLoad::GraphWalk FirstLoad::walk_graph(const std::string& page_rel, std::string_view html,
                                           const std::set<std::string>* fresh) {
  GraphWalk walk;
  std::deque<std::string> queue;
  std::set<std::string> seen;
  for (const auto& src : module_script_srcs(html)) {
    std::string id = detail::entry_id(page_rel, src);
    if (!id.empty() && seen.insert(id).second) queue.push_back(std::move(id));
  }
  while (!queue.empty()) {
    std::string id = std::move(queue.front());
    queue.pop_front();
    if (id.rfind("/@hmrc/", 0) == 0) continue;
    auto file = files_.module_file(id);
    if (!file) continue;  // answered 404 when the page asks for it
    auto compiled = modules_.cached(id);
    auto known = files_.hash(*file);
    bool current =
        compiled && (!known || *known == compiled->source_hash || (fresh && fresh->count(id)));
    if (!current) {
      walk.stale.emplace_back(id, *file);
      continue;
    }
    // A module that does not compile is left out: its URL answers the error.
    if (!compiled->result.ok()) continue;
    walk.modules.push_back({id, compiled->etag.substr(1, compiled->etag.size() - 2)});
    packages_.walk(*file, *compiled, walk.packages);
    for (const auto& spec : compiled->result.module_info.imports) {
      std::string dep = resolve_specifier(id, spec);
      if (!dep.empty() && seen.insert(dep).second) queue.push_back(std::move(dep));
    }
  }
  return walk;
}

void FirstLoad::compile_ahead(const std::string& page_rel, std::function<void()> done) {
  auto job = std::make_shared<AheadJob>();
  job->page = page_rel;
  job->done = std::move(done);
  asio::post(io_, [this, job] { compile_ahead_step(job); });
}

// One walk, then a batch of compiles of what it found; repeated until a walk
// finds nothing to compile (the graph is known one level deeper each time).
void FirstLoad::compile_ahead_step(const std::shared_ptr<AheadJob>& job) {
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
void FirstLoad::compile_batch(std::vector<std::pair<std::string, std::string>> modules,
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

}  // namespace hmrc::server
