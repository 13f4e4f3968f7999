// The page a first load gets: its HTML with the import map of its module
// graph and the client script first in <head>, cached (first_load.hpp).
#include "server/file_index.hpp"
#include "server/first_load/first_load.hpp"
#include "server/http/rules.hpp"
#include "server/updates/modules.hpp"
#if HMRC_HAVE_RUNTIME_ASSETS
#include "runtime/assets.hpp"
#endif

namespace hmrc::server {

std::vector<VersionedModule> FirstLoad::runtime_modules() const {
  std::vector<VersionedModule> out;
#if HMRC_HAVE_RUNTIME_ASSETS
  for (std::string_view path : {"/@hmrc/client.js", "/@hmrc/runtime.js"})
    if (const auto* asset = runtime_assets::find(path))
      out.push_back({std::string(path), hash_hex(content_hash(asset->body))});
#endif
  return out;
}

const std::string* FirstLoad::cached_page(const std::string& rel, std::string_view html) const {
  auto it = page_cache_.find(rel);
  if (it == page_cache_.end() || it->second.version != files_.version_sum() ||
      it->second.html_hash != content_hash(html))
    return nullptr;
  return &it->second.body;
}

std::string FirstLoad::page_html(std::string_view html, const std::string& rel) {
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
  std::string tags = import_map_script(modules, packages_.map_entries(walk.packages));
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
    auto url = urls.find(detail::entry_id(rel, it->src));
    if (url != urls.end()) page.replace(it->begin, it->end - it->begin, "\"" + url->second + "\"");
  }
  std::string body = inject_head(page, tags);
  // A walk that left modules stale answered with less than the whole graph:
  // the next load tries again.
  // So does one with an import that did not resolve (npm install may come).
  if (walk.stale.empty() && walk.packages.errors == 0)
    page_cache_[rel] = {files_.version_sum(), content_hash(html), body};
  return body;
}

}  // namespace hmrc::server
