// From a saved file to the pages: a watcher batch is hashed (FileIndex),
// its modules compiled (CompileQueue), and one "update" message pushed to
// every page, or a "full-reload" when the change cannot be applied in place
// (HTML, a served static file, a deleted file, too many modules at once, an
// npm package the pages' import maps cannot take). Packages first imported
// by the update come with it as import map entries ("importMap").
// The terminal gets one line per saved file ("hmr update src/view.ts via
// ..."), or one "page reload" line for the save, with --trace the time of
// each stage. The graph here predicts what the pages do; the prediction is
// said once a page confirms it, and replaced by what the page says when it
// did otherwise: updated where a reload was predicted (the runtime decides
// with what only it knows, e.g. a module that wrote to its data), reloaded,
// or failed ("hmr error in page #1: src/view.ts:3:9: boom"). So the terminal
// never contradicts the page.
//
//   save src/view.ts -> batch {src/view.ts} -> compile /src/view.ts
//                    -> {"type":"update","modules":["/src/view.ts"],...}
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/log.hpp"
#include "server/options.hpp"
#include "server/updates/missing_imports.hpp"
#include "server/updates/watcher.hpp"

namespace hmrc::server {

class CompileQueue;
class ErrorBoard;
class FileIndex;
class Modules;
class Packages;
class Pages;
struct PageResult;

class UpdatePipeline {
 public:
  // More changed modules than this in one batch reload the page instead.
  static constexpr std::size_t kMaxHotModules = 300;
  // Changed modules no page fetched from this server that are still pushed
  // per batch (for pages loaded before a restart); the rest only change the version.
  static constexpr std::size_t kMaxUnseenModules = 32;

  // How long a predicted reload waits for a page to say what it did.
  static constexpr std::chrono::milliseconds kPageReportWait{1000};

  UpdatePipeline(boost::asio::io_context& io, const ServeOptions& options, FileIndex& files,
                 Modules& modules, CompileQueue& compiles, Pages& pages, ErrorBoard& errors,
                 Packages& packages);

  void on_batch(WatchBatch batch);
  // A page's report of what it did with the last update (Pages::on_result).
  void on_page_result(const PageResult& result);
  // A page imported module `id` (from `importer`, if known) and no file is there.
  void on_missing_module(const std::string& id, const std::string& importer);

  // --trace: when module `id` was last pushed, once (to time the page's fetch of it).
  std::optional<Clock::time_point> take_push_time(const std::string& id);

 private:
  // An update waiting for its modules' compiles.
  struct PendingUpdate;
  void reload(const std::string& reason, Clock::time_point first_event);
  std::string reload_reason(const std::vector<std::string>& deleted,
                            const std::vector<std::string>& changed, std::vector<std::string>& hot);
  void compile(std::vector<std::string> hot, const WatchBatch& batch, Clock::time_point flushed);
  void push(PendingUpdate& update);
  void log_updates(const std::vector<std::string>& updated, const PendingUpdate& update,
                   Clock::time_point compiled_at, double compile_ms, std::size_t compiles,
                   std::size_t incremental);

  // What the graph predicts for a save, not said until a page confirms it
  // (or kPageReportWait passes): its lines, and the files pages run.
  struct Unconfirmed {
    std::vector<std::string> lines;
    std::vector<std::string> files;
    bool reload = false;
    double elapsed_ms = 0;
  };
  void say_prediction();

  const ServeOptions& options_;
  FileIndex& files_;
  Modules& modules_;
  CompileQueue& compiles_;
  Pages& pages_;
  ErrorBoard& errors_;
  Packages& packages_;
  std::map<std::string, Clock::time_point> pushed_at_;  // --trace
  MissingImports missing_;
  std::optional<Unconfirmed> unconfirmed_;
  boost::asio::steady_timer unconfirmed_timer_;
  bool outcome_said_ = false;  // the last save's reload or failure was said: pages repeat it
};

}  // namespace hmrc::server
