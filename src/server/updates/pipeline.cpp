#include "server/updates/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <memory>
#include <set>

#include "server/file_index.hpp"
#include "server/first_load/html.hpp"
#include "server/http/rules.hpp"
#include "server/npm/packages.hpp"
#include "server/updates/compile_queue.hpp"
#include "server/updates/errors.hpp"
#include "server/updates/modules.hpp"
#include "server/ws/pages.hpp"

namespace hmrc::server {
namespace json = boost::json;

namespace {

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

struct UpdatePipeline::PendingUpdate {
  struct Slot {
    std::string id;
    std::string file;
    bool unseen = false;  // no page fetched it from this server
    std::shared_ptr<const CompiledModule> compiled;
    bool fresh = false;
  };
  std::vector<Slot> slots;
  std::size_t waiting = 0;
  Clock::time_point first_event, last_event, flushed, read;
};

UpdatePipeline::UpdatePipeline(boost::asio::io_context& io, const ServeOptions& options,
                               FileIndex& files, Modules& modules, CompileQueue& compiles,
                               Pages& pages, ErrorBoard& errors, Packages& packages)
    : options_(options),
      files_(files),
      modules_(modules),
      compiles_(compiles),
      pages_(pages),
      errors_(errors),
      packages_(packages),
      missing_(files),
      unconfirmed_timer_(io) {}

std::optional<Clock::time_point> UpdatePipeline::take_push_time(const std::string& id) {
  auto pushed = pushed_at_.find(id);
  if (pushed == pushed_at_.end()) return std::nullopt;
  auto at = pushed->second;
  pushed_at_.erase(pushed);
  return at;
}

void UpdatePipeline::reload(const std::string& reason, Clock::time_point first_event) {
  say_prediction();
  outcome_said_ = true;  // the pages' own "reload-reason" would say it again
  pages_.broadcast(json::serialize(json::object{{"type", "full-reload"}, {"reason", reason}}));
  log_line(fmt::format("page reload: {} ({:.1f} ms)", reason, ms_since(first_event)));
}

void UpdatePipeline::on_batch(WatchBatch batch) {
  auto flushed = Clock::now();
  if (batch.overflow) {
    files_.scan();
    modules_.forget_all();
    errors_.clear();
    reload("too many file changes at once", batch.first_event);
    return;
  }
  auto changes = files_.apply(batch.paths);
  for (const auto& rel : changes.deleted) errors_.erase(rel);
  std::vector<std::string> hot;
  std::string reason = reload_reason(changes.deleted, changes.changed, hot);
  if (!reason.empty()) return reload(reason, batch.first_event);
  // Importers waiting for a file this batch created go out with it.
  for (auto& importer : missing_.found())
    if (std::find(hot.begin(), hot.end(), importer) == hot.end()) hot.push_back(importer);
  // A file pages asked for in vain is there now: its error goes (the pages
  // whose modules failed to load reload on the update of the new file).
  bool erased = false;
  for (const auto& id : missing_.found_requested())
    erased |= errors_.erase(MissingImports::key_of_requested(id));
  if (erased && errors_.empty())
    pages_.broadcast(errors_.message());  // closes the overlays
  else if (erased)
    errors_.report();
  if (!hot.empty()) compile(std::move(hot), batch, flushed);
}

// Why the pages reload rather than update; empty if they update `hot`.
// Modules are pushed even when this server never served them: pages
// loaded before a restart still run them, and the runtime skips ids it
// does not have. HTML always reloads for the same reason.
std::string UpdatePipeline::reload_reason(const std::vector<std::string>& deleted,
                                          const std::vector<std::string>& changed,
                                          std::vector<std::string>& hot) {
  std::string reason;
  for (const auto& rel : deleted) {
    if (files_.served(rel) || !modules_.ids_for_file(rel).empty()) {
      reason = rel + " was deleted";
      break;
    }
  }
  for (const auto& rel : changed) {
    if (modules_.is_tsconfig(rel) && reason.empty()) {
      // Every module may compile differently now.
      modules_.forget_all();
      reason = rel + " changed";
    }
    if (is_module_path(rel)) {
      hot.push_back(rel);
    } else if ((files_.served(rel) || is_html_path(rel)) && reason.empty()) {
      reason = rel + " changed";
    }
  }
  if (reason.empty() && hot.size() > kMaxHotModules)
    reason = fmt::format("{} modules changed at once", hot.size());
  return reason;
}

// Small modules compile right here, large ones on a worker (CompileQueue);
// the update goes out when the last one is done.
void UpdatePipeline::compile(std::vector<std::string> hot, const WatchBatch& batch,
                             Clock::time_point flushed) {
  auto update = std::make_shared<PendingUpdate>();
  update->first_event = batch.first_event;
  update->last_event = batch.last_event;
  update->flushed = flushed;
  update->read = Clock::now();
  std::size_t unseen = 0;  // ids no page fetched from this server
  for (const auto& rel : hot) {
    auto ids = modules_.ids_for_file(rel);
    if (ids.empty()) {
      // A checkout of thousands of files no page fetched is not worth compiling.
      if (unseen >= kMaxUnseenModules) continue;
      ++unseen;
      update->slots.push_back({"/" + rel, rel, true, nullptr, false});
      continue;
    }
    for (auto& id : ids) update->slots.push_back({std::move(id), rel, false, nullptr, false});
  }
  update->waiting = update->slots.size() + 1;
  for (std::size_t i = 0; i < update->slots.size(); ++i) {
    compiles_.compile(
        update->slots[i].id, update->slots[i].file,
        [this, update, i](std::shared_ptr<const CompiledModule> compiled, bool fresh) {
          update->slots[i].compiled = std::move(compiled);
          update->slots[i].fresh = fresh;
          if (--update->waiting == 0) push(*update);
        });
  }
  if (--update->waiting == 0) push(*update);
}

void UpdatePipeline::push(PendingUpdate& update) {
  // A new save: what the pages report from now on is about it.
  say_prediction();
  outcome_said_ = false;
  double compile_ms = 0;
  std::size_t compiles = 0, incremental = 0;
  std::vector<std::string> updated;
  std::string reload_reason;
  json::object import_map;  // packages first imported by this update
  bool new_errors = false, fixed = false;
  for (const auto& slot : update.slots) {
    const auto& compiled = slot.compiled;
    if (!compiled) continue;
    if (slot.fresh) {
      compile_ms += compiled->compile_ms;
      ++compiles;
      incremental += compiled->incremental;
    }
    // A later save compiled meanwhile (a large module on a worker): its own
    // update reports it.
    if (!modules_.current(slot.id, compiled.get())) continue;
    if (!compiled->result.ok() && slot.unseen) continue;  // no page runs it, no overlay
    if (!compiled->result.ok()) {
      errors_.set(slot.file, modules_.error_of(slot.file, *compiled, options_.color));
      new_errors = true;
      continue;
    }
    // The page would fail to fetch the module and name only its URL.
    if (ModuleError missing = missing_.check(slot.id, slot.file, *compiled);
        !missing.json.empty()) {
      errors_.set(slot.file, std::move(missing));
      new_errors = true;
      continue;
    }
    fixed |= errors_.erase(slot.file);
    for (const auto& id : missing_.forget_requested_by(slot.file))
      fixed |= errors_.erase(MissingImports::key_of_requested(id));
    if (std::string why = packages_.new_imports(slot.file, *compiled, import_map);
        !why.empty() && reload_reason.empty())
      reload_reason = why + " in " + slot.file;
    updated.push_back(slot.id);
  }
  if (new_errors) errors_.report();
  if (!reload_reason.empty()) {
    // The page's import map cannot map a specifier anew.
    reload(reload_reason, update.first_event);
    return;
  }
  // The last error fixed: the overlays close (an update a page ignores, of a
  // module it never ran, would leave them open).
  if (fixed && errors_.empty()) pages_.broadcast(errors_.message());
  if (updated.empty()) return;
  auto compiled_at = Clock::now();

  auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  json::array modules;
  for (const auto& id : updated) modules.emplace_back(id);
  json::object message{{"type", "update"},
                       {"version", files_.version()},
                       {"timestamp", now_ms},
                       {"modules", std::move(modules)}};
  if (!import_map.empty()) message["importMap"] = std::move(import_map);
  pages_.broadcast(json::serialize(message));
  if (!errors_.empty() && fixed) errors_.report();  // the others still stand
  log_updates(updated, update, compiled_at, compile_ms, compiles, incremental);
}

void UpdatePipeline::log_updates(const std::vector<std::string>& updated,
                                 const PendingUpdate& update, Clock::time_point compiled_at,
                                 double compile_ms, std::size_t compiles, std::size_t incremental) {
  double elapsed = ms_since(update.first_event);
  if (options_.trace) {
    auto pushed = Clock::now();
    for (const auto& id : updated) pushed_at_[id] = pushed;
    log_line(fmt::format(
        "trace update {}{}: watcher {:.2f} ms (first event to flush; last event +{:.2f} ms), read "
        "+ "
        "hash {:.2f} ms, compile {:.2f} ms ({} module(s), {} incremental), graph {:.2f} ms, push "
        "{:.2f} ms; total {:.2f} ms",
        display(updated.front()),
        updated.size() > 1 ? fmt::format(" and {} more", updated.size() - 1) : std::string(),
        ms_between(update.first_event, update.flushed),
        ms_between(update.first_event, update.last_event), ms_between(update.flushed, update.read),
        compile_ms, compiles, incremental, ms_between(update.read, compiled_at) - compile_ms,
        ms_between(compiled_at, pushed), elapsed));
  }
  // One line per file, however many URLs the page loaded it under.
  std::map<std::string, std::set<std::string>> via;  // file -> files of its boundaries
  std::map<std::string, bool> unseen;                // file -> no page fetched it
  std::string reload_reason;
  for (const auto& id : updated) {
    for (const auto& slot : update.slots) {
      if (slot.id != id) continue;
      auto& file_via = via[slot.file];
      auto seen_before = unseen.emplace(slot.file, slot.unseen).first;
      if (!slot.unseen) seen_before->second = false;
      if (slot.unseen) break;
      Decision decision = modules_.decide(id);
      if (decision.reload && reload_reason.empty()) reload_reason = decision.reason;
      for (const auto& boundary : decision.boundaries)
        if (modules_.file_of(boundary) != slot.file) file_via.insert(modules_.file_of(boundary));
      break;
    }
  }
  Unconfirmed prediction;
  prediction.elapsed_ms = elapsed;
  prediction.reload = !reload_reason.empty();
  if (prediction.reload) prediction.lines.push_back("page reload: " + reload_reason);
  for (const auto& [file, boundaries] : via) {
    if (unseen[file]) {
      if (!prediction.reload)
        prediction.lines.push_back(
            fmt::format("hmr update {} (not served since start; {:.1f} ms)", file, elapsed));
      continue;
    }
    prediction.files.push_back(file);
    if (prediction.reload) continue;
    std::string line = fmt::format("hmr update {}", file);
    for (const auto& b : boundaries) line += (b == *boundaries.begin() ? " via " : ", ") + b;
    prediction.lines.push_back(fmt::format("{} ({:.1f} ms)", line, elapsed));
  }
  unconfirmed_ = std::move(prediction);
  // No page to say otherwise (none open, or none runs these modules): the
  // prediction is all there is.
  if (pages_.size() == 0 || unconfirmed_->files.empty()) {
    say_prediction();
  } else {
    unconfirmed_timer_.expires_after(kPageReportWait);
    unconfirmed_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) say_prediction();
    });
  }
  for (const auto& id : modules_.take_pruned())
    log_line(fmt::format("hmr prune {}", modules_.file_of(id)));  // one name per file
}

void UpdatePipeline::on_missing_module(const std::string& id, const std::string& importer) {
  std::string key = MissingImports::key_of_requested(id);
  bool known = errors_.has(key);
  errors_.set(key, missing_.requested(id, importer));
  if (!known) errors_.report();
}

void UpdatePipeline::say_prediction() {
  unconfirmed_timer_.cancel();
  if (!unconfirmed_) return;
  for (const auto& line : unconfirmed_->lines) log_line(line);
  outcome_said_ = unconfirmed_->reload;
  unconfirmed_.reset();
}

void UpdatePipeline::on_page_result(const PageResult& result) {
  if (result.status == "reload") {
    // The page confirms the predicted reload, or reloads for a reason of its
    // own (an invalidate, an export added): said once, whichever tab says it.
    if (unconfirmed_ && unconfirmed_->reload) return say_prediction();
    unconfirmed_timer_.cancel();
    unconfirmed_.reset();
    if (outcome_said_) return;
    outcome_said_ = true;
    log_line(fmt::format("page reload: {}", result.reason));
  } else if (result.status == "updated" && unconfirmed_) {
    if (!unconfirmed_->reload) return say_prediction();
    // The runtime found a boundary the graph could not see.
    unconfirmed_timer_.cancel();
    std::set<std::string> boundaries;
    for (const auto& id : result.boundaries) boundaries.insert(modules_.file_of(id));
    for (const auto& file : unconfirmed_->files) {
      std::string line = fmt::format("hmr update {}", file);
      bool first = true;
      for (const auto& b : boundaries) {
        if (b == file) continue;
        line += (first ? " via " : ", ") + b;
        first = false;
      }
      log_line(fmt::format("{} ({:.1f} ms)", line, unconfirmed_->elapsed_ms));
    }
    unconfirmed_.reset();
  } else if (result.status == "error" && !outcome_said_) {
    // Instead of the "hmr update" line: the page kept the previous version.
    unconfirmed_timer_.cancel();
    unconfirmed_.reset();
    outcome_said_ = true;
    log_line(fmt::format("hmr error in page #{}: {}", result.page, result.reason));
  }
}

}  // namespace hmrc::server
