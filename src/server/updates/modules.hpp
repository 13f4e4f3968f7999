// What the server knows of the modules it served: compiled output cached by
// content hash, and the module graph built from each module's ModuleInfo.
//
// Module ids are URL paths ("/src/main.ts"): the ids the page's runtime uses.
// The graph only decides what the terminal says (the page decides for itself
// from the same imports and accepts, see docs/hmr-design.md):
//   /src/main.ts imports ./view.ts, view.ts calls import.meta.hot.accept()
//   change /src/view.ts  ->  boundary /src/view.ts       "hmr update src/view.ts"
//   change /src/main.ts  ->  no importer accepts it       "page reload: ..."
#pragma once

#include <boost/json/array.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/tsconfig_cache.hpp"
#include "transform/compile.hpp"

namespace hmrc::server {

struct CompiledModule {
  uint64_t source_hash = 0;
  std::string source;
  CompileResult result;
  std::string etag;  // of result.code
  double compile_ms = 0;
  bool incremental = false;  // reparsed from the previous compile's tree
  uint64_t serial = 0;       // the order in which compiles of the server began
};

// One compile, carried from the I/O thread to a worker and back: everything
// the compile reads is in here, so it touches nothing of Modules.
struct CompileJob {
  std::string id;
  std::string file;
  std::string source;
  uint64_t hash = 0;
  uint64_t serial = 0;
  CompileOptions options;
  std::optional<config::TsConfigError> tsconfig_error;  // the module's tsconfig.json is broken
  bool keep_tree = false;  // compile with `memo` and keep the tree it leaves
  ParseMemo memo;
  std::shared_ptr<CompiledModule> out;  // run()'s result
};

// One compile error as the page's overlay and the terminal want it.
struct ModuleError {
  std::string file;  // relative to the root: "src/b.ts"
  boost::json::array json;
  std::string text;  // gcc style with code frame
};

struct Decision {
  bool reload = false;
  std::string reason;                   // when reload
  std::vector<std::string> boundaries;  // ids, when not
};

// Where the page gets hmrc's embedded copy of React's refresh runtime, for
// apps that have react but not react-refresh (src/runtime/wrap_cjs.py).
inline constexpr std::string_view kEmbeddedRefreshRuntime = "/@hmrc/react-refresh-runtime.js";

class Modules {
 public:
  explicit Modules(std::filesystem::path real_root) : root_(std::move(real_root)) {}

  // React Fast Refresh for every module from now on: `runtime` is the bare
  // specifier of React's refresh runtime (src/transform/refresh). The pass
  // adds nothing to modules without components or hooks.
  void set_react_refresh(std::string runtime) { react_refresh_ = std::move(runtime); }
  const std::string& react_refresh() const { return react_refresh_; }

  // The module `id` read from `file` (relative to the root), compiled again
  // only when its bytes changed. nullptr when the file cannot be read.
  // `fresh` tells whether this call compiled (false: served from the cache).
  // lookup + run + finish on this thread.
  std::shared_ptr<const CompiledModule> compile(const std::string& id, const std::string& file,
                                                bool* fresh = nullptr);

  // The last compile of `id`, current or not; nullptr if never compiled.
  std::shared_ptr<const CompiledModule> cached(const std::string& id) const {
    auto it = cache_.find(id);
    return it == cache_.end() ? nullptr : it->second;
  }

  // The same in three steps, for compiles on another thread: lookup reads the
  // file and gives the cached compile, or a job when the bytes changed (or
  // neither: the file cannot be read); run compiles the job on any thread;
  // finish, back on the owning thread, enters the result in the cache and the
  // graph (unless a compile that began later finished first) and returns it.
  struct Lookup {
    std::shared_ptr<const CompiledModule> cached;
    std::shared_ptr<CompileJob> job;
  };
  Lookup lookup(const std::string& id, const std::string& file);
  static void run(CompileJob& job);
  std::shared_ptr<const CompiledModule> finish(CompileJob& job);
  // Whether `compiled` is what the cache holds for `id` (no newer compile replaced it).
  bool current(const std::string& id, const CompiledModule* compiled) const;

  // Errors of `compiled` for the page and the terminal (empty if it compiled).
  ModuleError error_of(const std::string& file, const CompiledModule& compiled, bool color) const;

  // Ids the page loaded for this file (one file may be served under two URLs).
  std::vector<std::string> ids_for_file(const std::string& file) const;
  bool loaded(const std::string& id) const { return nodes_.count(id) != 0; }
  // The file behind a module id ("src/view.ts" for "/src/view"), for the
  // terminal, which names each file once; the id's path if it is not known.
  std::string file_of(const std::string& id) const;

  // Where the update of `id` stops, or why the page reloads.
  Decision decide(const std::string& id) const;
  // Modules no one imports any more since the last compile of their importers.
  std::vector<std::string> take_pruned();

  // Drops every cached compile (the files may all have changed).
  void forget_all();
  // Whether a change of `file` (relative to the root) changes how modules
  // compile: a tsconfig.json or a file one extends.
  bool is_tsconfig(const std::string& file) const {
    return tsconfigs_.affects_compiles(root_ / file);
  }
  std::size_t size() const { return cache_.size(); }
  std::size_t kept_trees() const { return memos_.size(); }

  // Parse trees kept for incremental reparses: of the modules edited last
  // (a module's first compile keeps none: most are never edited, and every
  // tree holds at least one 256 KiB arena block), within a memory budget.
  static constexpr std::size_t kMaxKeptTrees = 32;
  static constexpr std::size_t kKeptTreeBudget = std::size_t{256} << 20;

 private:
  struct Node {
    std::string file;
    std::vector<std::string> imports;  // ids
    std::set<std::string> accepted;    // ids
    bool self_accepts = false;
  };
  void update_node(const std::string& id, const std::string& file, const ModuleInfo& info);
  void trim_memos();

  struct Memo {
    ParseMemo parse;
    std::size_t bytes = 0;
    uint64_t last_used = 0;
  };

  std::filesystem::path root_;
  std::string react_refresh_;        // empty: off
  config::TsConfigCache tsconfigs_;  // each module compiles with its nearest tsconfig.json
  std::map<std::string, std::shared_ptr<const CompiledModule>> cache_;  // by id
  std::map<std::string, Node> nodes_;
  std::map<std::string, std::set<std::string>> importers_;
  std::multimap<std::string, std::string> file_ids_;
  std::vector<std::string> pruned_;
  std::map<std::string, Memo> memos_;  // by id
  std::size_t memo_bytes_ = 0;
  uint64_t compiles_ = 0;
};

// Resolves an import specifier of module `importer` to a module id; empty for
// bare specifiers ("react") and URLs, which the server does not serve.
std::string resolve_specifier(const std::string& importer, std::string_view specifier);

}  // namespace hmrc::server
