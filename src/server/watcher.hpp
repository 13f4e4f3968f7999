// Recursive inotify watch of the served folder. Events are coalesced into
// batches: a batch is flushed once no event came for a few milliseconds (files
// saved together become one update), or at the latest kMaxWait after its first
// event (so a `git checkout` of 10,000 files streams in bounded batches).
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
};

// Editors' temporary files: vim's swap files and its 4913 write test, backup
// files ending in '~', emacs locks.
bool is_ignored_file(std::string_view name);
// Folders never watched: node_modules and version control.
bool is_ignored_dir(std::string_view name);

class Watcher {
 public:
  static constexpr auto kQuiet = std::chrono::milliseconds(5);
  static constexpr auto kMaxWait = std::chrono::milliseconds(50);

  using Callback = std::function<void(WatchBatch)>;
  Watcher(boost::asio::io_context& io, std::filesystem::path root, Callback on_batch);
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
  std::string join(const std::string& dir, std::string_view name) const;

  std::filesystem::path root_;
  Callback on_batch_;
  int fd_ = -1;
  boost::asio::posix::stream_descriptor stream_;
  boost::asio::steady_timer timer_;
  std::map<int, std::string> dirs_;  // watch descriptor -> folder relative to the root ("" is the root)
  WatchBatch pending_;
  bool has_pending_ = false;
  bool warned_limit_ = false;
};

}  // namespace hmrc::server
