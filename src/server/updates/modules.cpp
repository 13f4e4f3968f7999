#include "server/updates/modules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <sstream>

#include "diagnostics/render.hpp"
#include "parser/text.hpp"
#include "server/http/rules.hpp"
#include "server/read_file.hpp"

namespace hmrc::server {
namespace fs = std::filesystem;
namespace {

std::string display(const std::string& id) { return id.empty() ? id : id.substr(1); }

}  // namespace

std::string resolve_specifier(const std::string& importer, std::string_view specifier) {
  if (auto cut = specifier.find_first_of("?#"); cut != std::string_view::npos)
    specifier = specifier.substr(0, cut);
  std::string joined;
  if (specifier.rfind("./", 0) == 0 || specifier.rfind("../", 0) == 0 || specifier == "." ||
      specifier == "..") {
    joined = importer.substr(0, importer.rfind('/') + 1) + std::string(specifier);
  } else if (specifier.rfind("/", 0) == 0 && specifier.rfind("//", 0) != 0) {
    joined = std::string(specifier);
  } else {
    return {};
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string segment = joined.substr(start, end - start);
    start = end + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(std::move(segment));
  }
  std::string id;
  for (const auto& p : parts) id += "/" + p;
  return id.empty() ? "/" : id;
}

Modules::Lookup Modules::lookup(const std::string& id, const std::string& file) {
  Lookup found;
  std::string source;
  if (!read_file(root_ / file, source)) return found;
  // The config is part of what a compile depends on: a changed one (or a
  // newer generation of it) misses the cache.
  config::TsConfigCache::Found tsconfig = tsconfigs_.lookup(root_ / file);
  uint64_t hash = content_hash(source) ^ (tsconfig.generation * 0x9E3779B97F4A7C15ull);
  auto cached = cache_.find(id);
  if (cached != cache_.end() && cached->second->source_hash == hash) {
    found.cached = cached->second;
    return found;
  }
  auto job = std::make_shared<CompileJob>();
  job->id = id;
  job->file = file;
  job->source = std::move(source);
  job->hash = hash;
  job->serial = ++compiles_;
  CompileOptions& options = job->options;
  options.mode = Mode::dev;
  options.loader = loader_for_path(file).value_or(Loader::js);
  if (tsconfig.config) config::apply_tsconfig(tsconfig.config->options, {}, options);
  if (tsconfig.error) job->tsconfig_error = *tsconfig.error;
  options.source_map = SourceMapMode::external;
  std::string name = fs::path(file).filename().string();
  options.output_name = name;  // the code ends with //# sourceMappingURL=<name>.map
  options.source_name = name;
  options.module_id = id;
  options.refresh.enabled = !react_refresh_.empty();
  options.refresh.runtime = react_refresh_;
  // jsxDEV's fileName is what React's warnings and "open in editor" links
  // show: the file on disk, as Vite passes it, not the compiler's "<stdin>".
  options.jsx.file_name = (root_ / file).lexically_normal().generic_string();
  // A module compiled again after an edit keeps its tree from now on. The
  // tree travels with the job: a second compile of the module while this
  // one runs parses from scratch.
  job->keep_tree = cached != cache_.end() || memos_.count(id) != 0;
  if (auto memo = memos_.find(id); memo != memos_.end() && memo->second.parse.tree) {
    job->memo = std::move(memo->second.parse);
    memo->second.parse = ParseMemo{};
    memo_bytes_ -= memo->second.bytes;
    memo->second.bytes = 0;
  }
  found.job = std::move(job);
  return found;
}

void Modules::run(CompileJob& job) {
  auto compiled = std::make_shared<CompiledModule>();
  auto start = std::chrono::steady_clock::now();
  if (job.tsconfig_error) {
    // Shown in the page's overlay and the terminal like a compile error.
    const config::TsConfigError& e = *job.tsconfig_error;
    compiled->result.diagnostics.push_back(
        {e.code, Severity::error, {0, 0}, e.render().substr(0, e.render().size() - 1), {}});
  } else if (job.keep_tree) {
    compiled->result = hmrc::compile(job.source, job.options, job.memo);
    compiled->incremental = job.memo.reparsed;
  } else {
    compiled->result = hmrc::compile(job.source, job.options);
  }
  compiled->compile_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  compiled->source_hash = job.hash;
  compiled->serial = job.serial;
  compiled->etag = fmt::format("\"{}\"", hash_hex(content_hash(compiled->result.code)));
  compiled->source = std::move(job.source);
  job.out = std::move(compiled);
}

std::shared_ptr<const CompiledModule> Modules::finish(CompileJob& job) {
  const std::string& id = job.id;
  if (job.keep_tree) {
    Memo& memo = memos_[id];
    if (job.serial > memo.last_used && job.memo.tree) {
      memo_bytes_ -= memo.bytes;
      memo.parse = std::move(job.memo);
      memo.bytes = memo.parse.bytes();
      memo.last_used = job.serial;
      memo_bytes_ += memo.bytes;
    }
    trim_memos();
  }
  auto& slot = cache_[id];
  // A compile that started later and finished first has the newer bytes.
  if (slot && slot->serial > job.serial) return job.out;
  slot = job.out;

  bool known = false;
  for (auto [it, end] = file_ids_.equal_range(job.file); it != end; ++it) known |= it->second == id;
  if (!known) file_ids_.emplace(job.file, id);
  // A module that fails keeps its last good place in the graph: the page
  // keeps running that version.
  if (job.out->result.ok()) update_node(id, job.file, job.out->result.module_info);
  return job.out;
}

bool Modules::current(const std::string& id, const CompiledModule* compiled) const {
  auto it = cache_.find(id);
  return it != cache_.end() && it->second.get() == compiled;
}

std::shared_ptr<const CompiledModule> Modules::compile(const std::string& id,
                                                       const std::string& file, bool* fresh) {
  if (fresh) *fresh = false;
  Lookup found = lookup(id, file);
  if (!found.job) return found.cached;
  run(*found.job);
  if (fresh) *fresh = true;
  return finish(*found.job);
}

ModuleError Modules::error_of(const std::string& file, const CompiledModule& compiled,
                              bool color) const {
  ModuleError error;
  error.file = file;
  LineIndex lines(compiled.source);
  SourceFile source{file, compiled.source, lines};
  for (const auto& d : compiled.result.diagnostics) {
    if (d.severity != Severity::error) continue;
    std::string plain = render_text(d, source, false);
    Position pos = lines.position(d.span.start);
    auto newline = plain.find('\n');
    error.json.emplace_back(boost::json::object{
        {"file", file},
        {"line", pos.line},
        {"column", pos.column},
        {"code", d.code},
        {"message", d.message},
        {"frame", newline == std::string::npos ? std::string() : plain.substr(newline + 1)},
    });
    error.text += color ? render_text(d, source, true) : plain;
  }
  return error;
}

void Modules::update_node(const std::string& id, const std::string& file, const ModuleInfo& info) {
  Node fresh;
  fresh.file = file;
  // React code may accept itself: the page decides by its exports
  // (core/refresh.js); the terminal line then names it as the boundary.
  fresh.self_accepts = info.self_accepts || info.react_refresh;
  for (const auto& spec : info.imports) {
    std::string dep = resolve_specifier(id, spec);
    if (!dep.empty() &&
        std::find(fresh.imports.begin(), fresh.imports.end(), dep) == fresh.imports.end())
      fresh.imports.push_back(dep);
  }
  for (const auto& spec : info.accepted_deps) {
    std::string dep = resolve_specifier(id, spec);
    if (!dep.empty()) fresh.accepted.insert(dep);
  }
  Node& node = nodes_[id];
  for (const auto& old : node.imports) {
    if (std::find(fresh.imports.begin(), fresh.imports.end(), old) != fresh.imports.end()) continue;
    auto& set = importers_[old];
    set.erase(id);
    if (set.empty() && nodes_.count(old)) pruned_.push_back(old);
  }
  for (const auto& dep : fresh.imports) importers_[dep].insert(id);
  node = std::move(fresh);
}

std::vector<std::string> Modules::take_pruned() {
  std::vector<std::string> out;
  for (auto& id : pruned_)
    if (importers_[id].empty()) out.push_back(id);
  pruned_.clear();
  return out;
}

std::vector<std::string> Modules::ids_for_file(const std::string& file) const {
  std::vector<std::string> ids;
  for (auto [it, end] = file_ids_.equal_range(file); it != end; ++it) ids.push_back(it->second);
  return ids;
}

std::string Modules::file_of(const std::string& id) const {
  auto node = nodes_.find(id);
  return node != nodes_.end() ? node->second.file : display(id);
}

Decision Modules::decide(const std::string& id) const {
  Decision decision;
  // Breadth first over importers; a path ends at a module that accepts
  // itself or at an importer that accepts the module it came from.
  std::deque<std::string> queue{id};
  std::set<std::string> seen{id};
  while (!queue.empty()) {
    std::string current = std::move(queue.front());
    queue.pop_front();
    auto node = nodes_.find(current);
    if (node != nodes_.end() && node->second.self_accepts) {
      decision.boundaries.push_back(current);
      continue;
    }
    auto importers = importers_.find(current);
    if (importers == importers_.end() || importers->second.empty()) {
      decision.reload = true;
      decision.reason = current == id
                            ? fmt::format("{} has no accepting boundary", file_of(id))
                            : fmt::format("{} has no accepting boundary (reached from {})",
                                          file_of(current), file_of(id));
      decision.boundaries.clear();
      return decision;
    }
    for (const auto& importer : importers->second) {
      auto imp = nodes_.find(importer);
      if (imp != nodes_.end() && imp->second.accepted.count(current)) {
        decision.boundaries.push_back(importer);
      } else if (seen.insert(importer).second) {
        queue.push_back(importer);
      }
    }
  }
  std::sort(decision.boundaries.begin(), decision.boundaries.end());
  decision.boundaries.erase(std::unique(decision.boundaries.begin(), decision.boundaries.end()),
                            decision.boundaries.end());
  return decision;
}

void Modules::trim_memos() {
  while (memos_.size() > kMaxKeptTrees || memo_bytes_ > kKeptTreeBudget) {
    auto oldest = memos_.end();
    for (auto m = memos_.begin(); m != memos_.end(); ++m)
      if (oldest == memos_.end() || m->second.last_used < oldest->second.last_used) oldest = m;
    if (oldest == memos_.end()) break;
    memo_bytes_ -= oldest->second.bytes;
    memos_.erase(oldest);
  }
}

void Modules::forget_all() {
  cache_.clear();
  memos_.clear();
  memo_bytes_ = 0;
}

}  // namespace hmrc::server
