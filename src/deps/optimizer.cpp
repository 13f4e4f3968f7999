#include "deps/optimizer.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xxhash.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

namespace hmrc::deps {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// Bumped when the bundle format changes, so old caches are not read.
constexpr std::string_view kFormat = "hmrc-deps-5";
constexpr std::string_view kLockfiles[] = {"package-lock.json", "yarn.lock",
                                           "pnpm-lock.yaml",    "bun.lock",
                                           "bun.lockb",         "node_modules/.package-lock.json"};

std::string hex(uint64_t h) { return fmt::format("{:016x}", h); }

bool slurp(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

// Written whole under a temporary name, then renamed: a reader never sees half.
void write_atomically(const fs::path& p, std::string_view text) {
  fs::path tmp = p;
  tmp += fmt::format(".tmp{}", static_cast<long>(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) return;
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) fs::remove(tmp, ec);
}

}  // namespace

Optimizer::Optimizer(fs::path root, OptimizerOptions options)
    : root_(std::move(root)), options_(std::move(options)) {
  // The packages are those of the nearest node_modules at or above the root.
  fs::path dir = root_;
  fs::path project;
  while (true) {
    std::error_code ec;
    if (fs::is_directory(dir / "node_modules", ec)) {
      project = dir;
      break;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, kFormat.data(), kFormat.size());
  XXH3_64bits_update(state, options_.hmrc_version.data(), options_.hmrc_version.size());
  std::string conditions = "browser,development,import,require,module";
  XXH3_64bits_update(state, conditions.data(), conditions.size());
  if (!project.empty()) {
    for (auto name : kLockfiles) {
      std::string text;
      if (!slurp(project / name, text)) continue;
      XXH3_64bits_update(state, name.data(), name.size());
      XXH3_64bits_update(state, text.data(), text.size());
    }
  }
  key_ = hex(XXH3_64bits_digest(state));
  XXH3_freeState(state);
  if (project.empty()) return;
  fs::path base = project / "node_modules" / ".hmrc";
  std::error_code ec;
  if (options_.force) fs::remove_all(base, ec);
  // Caches of other keys are of other lockfiles: stale for good.
  for (fs::directory_iterator it(base, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind("deps-", 0) == 0 && name != "deps-" + key_) {
      std::error_code rm;
      fs::remove_all(it->path(), rm);
    }
  }
  cache_dir_ = base / ("deps-" + key_);
  fs::create_directories(cache_dir_, ec);
  if (ec) cache_dir_.clear();
}

std::string Optimizer::url_for(const fs::path& entry) {
  std::string key = entry.string();
  if (auto it = urls_.find(key); it != urls_.end()) return it->second;
  const resolve::PackageJson* pkg = resolver_.package_of(entry);
  std::string url;
  std::string tag = hex(XXH3_64bits(key.data(), key.size())).substr(0, 8);
  if (pkg) {
    std::error_code ec;
    fs::path dir = fs::canonical(pkg->dir, ec);
    std::string rel = entry.lexically_relative(ec ? pkg->dir : dir).generic_string();
    std::string version = pkg->version.empty() ? "0" : pkg->version;
    url = fmt::format("/@deps/{}@{}/{}", pkg->name, version, rel);
    // Two copies of one name and version (pnpm peers, nested installs).
    if (auto owner = url_owner_.find(url); owner != url_owner_.end() && owner->second != key)
      url = fmt::format("/@deps/{}@{}~{}/{}", pkg->name, version, tag, rel);
  } else {
    url = fmt::format("/@deps/_/{}/{}", tag, entry.filename().string());
  }
  urls_[key] = url;
  url_owner_[url] = key;
  return url;
}

bool Optimizer::read_cached(DepBundle& bundle) {
  if (cache_dir_.empty()) return false;
  std::string name = hex(XXH3_64bits(bundle.entry.string().data(), bundle.entry.string().size()));
  std::string meta_text, code;
  if (!slurp(cache_dir_ / (name + ".json"), meta_text) || !slurp(cache_dir_ / (name + ".js"), code))
    return false;
  boost::system::error_code ec;
  json::value meta = json::parse(meta_text, ec);
  if (ec || !meta.is_object()) return false;
  const json::object& o = meta.get_object();
  const json::value* entry = o.if_contains("entry");
  const json::value* hash = o.if_contains("hash");
  const json::value* externals = o.if_contains("externals");
  if (!entry || !entry->is_string() || entry->get_string() != bundle.entry.string() || !hash ||
      !hash->is_string() || !externals || !externals->is_array())
    return false;
  // A torn or edited file is rebuilt, never served.
  if (hex(XXH3_64bits(code.data(), code.size())) != std::string_view(hash->get_string()))
    return false;
  std::vector<std::string> external_urls;
  for (const auto& e : externals->get_array()) {
    if (!e.is_string()) return false;
    external_urls.push_back(url_for(fs::path(std::string(e.get_string()))));
  }
  if (const json::value* w = o.if_contains("warnings"); w && w->is_array())
    for (const auto& s : w->get_array())
      if (s.is_string()) bundle.warnings.emplace_back(s.get_string());
  if (const json::value* esm = o.if_contains("esm"); esm && esm->is_bool())
    bundle.esm = esm->get_bool();
  if (const json::value* n = o.if_contains("names"); n && n->is_array())
    for (const auto& s : n->get_array())
      if (s.is_string()) bundle.names.emplace_back(s.get_string());
  bundle.code = std::move(code);
  bundle.external_urls = std::move(external_urls);
  bundle.from_disk = true;
  return true;
}

void Optimizer::write_cached(const DepBundle& bundle) {
  if (cache_dir_.empty()) return;
  std::string name = hex(XXH3_64bits(bundle.entry.string().data(), bundle.entry.string().size()));
  json::array externals, warnings, names;
  for (const auto& n : bundle.names) names.emplace_back(n);
  for (const auto& url : bundle.external_urls) externals.emplace_back(url_owner_[url]);
  for (const auto& w : bundle.warnings) warnings.emplace_back(w);
  json::object meta{{"entry", bundle.entry.string()},
                    {"url", bundle.url},
                    {"hash", hex(XXH3_64bits(bundle.code.data(), bundle.code.size()))},
                    {"externals", std::move(externals)},
                    {"warnings", std::move(warnings)},
                    {"esm", bundle.esm},
                    {"names", std::move(names)}};
  write_atomically(cache_dir_ / (name + ".js"), bundle.code);
  write_atomically(cache_dir_ / (name + ".json"), json::serialize(meta));
}

const DepBundle* Optimizer::ensure(const fs::path& entry, std::vector<const DepBundle*>& built) {
  std::vector<fs::path> work = {entry};
  const DepBundle* first = nullptr;
  while (!work.empty()) {
    fs::path e = std::move(work.back());
    work.pop_back();
    auto it = by_entry_.find(e.string());
    if (it != by_entry_.end()) {
      if (!first) first = it->second.get();
      continue;
    }
    auto bundle = std::make_unique<DepBundle>();
    bundle->entry = e;
    bundle->url = url_for(e);
    auto start = std::chrono::steady_clock::now();
    if (!read_cached(*bundle)) {
      UrlOf url_of = [this](const fs::path& p) { return url_for(p); };
      Bundle b = build_bundle(e, resolver_, url_of);
      if (!b.error.empty()) {
        b.code = "throw new Error(" + json::serialize(json::string("hmrc: " + b.error)) + ");\n";
        b.warnings.push_back(b.error);
      }
      bundle->code = std::move(b.code);
      bundle->esm = b.esm;
      bundle->names = std::move(b.names);
      bundle->warnings = std::move(b.warnings);
      for (const auto& x : b.externals) bundle->external_urls.push_back(url_for(x));
      bundle->build_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      write_cached(*bundle);
    }
    bundle->version = hex(XXH3_64bits(bundle->code.data(), bundle->code.size()));
    for (const auto& url : bundle->external_urls) work.emplace_back(url_owner_[url]);
    DepBundle* raw = bundle.get();
    by_url_[raw->url] = raw;
    by_entry_[e.string()] = std::move(bundle);
    built.push_back(raw);
    if (!first) first = raw;
  }
  return first;
}

Optimizer::Lookup Optimizer::lookup(const std::string& specifier, const fs::path& importer) {
  Lookup out;
  auto key = std::make_pair(importer.parent_path().string(), specifier);
  if (auto it = resolved_.find(key); it != resolved_.end()) {
    out.bundle = it->second;
    return out;
  }
  auto r = resolver_.resolve(specifier, importer, resolve::browser_options(resolve::Kind::import));
  if (!r.ok()) {
    out.error = r.error;
    return out;
  }
  if (r.builtin) {
    out.error =
        fmt::format("\"{}\" is a Node builtin module, not available in the browser", specifier);
    return out;
  }
  if (r.empty_module) {
    out.error =
        fmt::format("\"{}\" is mapped to false by a package.json \"browser\" field", specifier);
    return out;
  }
  out.bundle = ensure(r.path, out.built);
  if (out.bundle) resolved_[key] = out.bundle;
  return out;
}

const DepBundle* Optimizer::find(std::string_view url) const {
  auto it = by_url_.find(url);
  return it == by_url_.end() ? nullptr : it->second;
}

std::vector<const DepBundle*> Optimizer::closure(const DepBundle& bundle) const {
  std::vector<const DepBundle*> out = {&bundle};
  std::set<const DepBundle*> seen = {&bundle};
  for (std::size_t i = 0; i < out.size(); ++i)
    for (const auto& url : out[i]->external_urls)
      if (const DepBundle* b = find(url); b && seen.insert(b).second) out.push_back(b);
  return out;
}

}  // namespace hmrc::deps
