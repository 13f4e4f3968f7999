// Recursive inotify watch of the served folder. Events are coalesced into
// batches: a batch is flushed once no event came for kQuiet (files saved
// together become one update), or at the latest kMaxWait after its first
// event (so a `git checkout` of 10,000 files streams in bounded batches).
// kQuiet is short because every save waits for it; what a short window could
// split is held back instead, by what the events say rather than by time:
// - a file being written (IN_MODIFY, no IN_CLOSE_WRITE yet) holds the batch
//   until it is closed, or idle for kWriteIdle: files saved at the same time
//   stay together however slowly the machine runs;
// - a file the server cares about that was moved away or deleted holds the
//   batch until it is written again (vim renames the file to a backup, then
//   writes it anew) or kRemovalGrace passed.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace hmrc::server {

struct WatchBatch {
  std::set<std::string> paths;  // relative to the root; may no longer exist
  bool overflow = false;        // the kernel dropped events: anything may have changed
  std::chrono::steady_clock::time_point first_event;
  std::chrono::steady_clock::time_point last_event;
};

// Editors' temporary files: vim's swap files and its 4913 write test, backup
// files ending in '~', emacs locks.
bool is_ignored_file(std::string_view name);
// Folders never watched: node_modules and version control.
bool is_ignored_dir(std::string_view name);

class Watcher {
 public:
  static constexpr auto kQuiet = std::chrono::milliseconds(1);
  static constexpr auto kMaxWait = std::chrono::milliseconds(50);
  static constexpr auto kRemovalGrace = std::chrono::milliseconds(50);
  static constexpr auto kWriteIdle = std::chrono::milliseconds(20);
  using Clock = std::chrono::steady_clock;

  using Callback = std::function<void(WatchBatch)>;
  // Whether a file's removal is worth waiting for its rewrite (a file the
  // pages use: its removal alone would reload them).
  using Predicate = std::function<bool(const std::string&)>;
  Watcher(boost::asio::io_context& io, std::filesystem::path root, Callback on_batch,
          Predicate hold_removal = {});
  ~Watcher();

  // Watches every folder below the root; throws std::system_error if inotify
  // is unavailable.
  void start();
  void stop();
  std::size_t watched_folders() const { return dirs_.size(); }

 private:
  void add_tree(const std::string& rel, bool report_files);
  void wait();
  void read_events();
  void drain();
  void schedule_flush();
  void flush();
  // Until when the pending batch must wait (a past time: not at all).
  Clock::time_point hold_until(Clock::time_point now);
  std::string join(const std::string& dir, std::string_view name) const;

  std::filesystem::path root_;
  Callback on_batch_;
  Predicate hold_removal_;
  int fd_ = -1;
  boost::asio::posix::stream_descriptor stream_;
  boost::asio::steady_timer timer_;
  std::map<int, std::string>
      dirs_;  // watch descriptor -> folder relative to the root ("" is the root)
  WatchBatch pending_;
  std::set<std::string> removed_;  // of pending_.paths: moved away or deleted, not written since
  std::map<std::string, Clock::time_point> writing_;  // last IN_MODIFY, no IN_CLOSE_WRITE since
  bool has_pending_ = false;
  bool warned_limit_ = false;
};

}  // namespace hmrc::server
