#include "server/updates/watcher.hpp"

#include <fmt/format.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

namespace hmrc::server {
namespace fs = std::filesystem;
namespace {

constexpr uint32_t kMask = IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                           IN_DELETE | IN_DELETE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW |
                           IN_EXCL_UNLINK;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool is_ignored_file(std::string_view name) {
  return name == "4913" || ends_with(name, "~") || ends_with(name, ".swp") ||
         ends_with(name, ".swx") || ends_with(name, ".swo") || name.rfind(".#", 0) == 0;
}

bool is_ignored_dir(std::string_view name) {
  return name == "node_modules" || name == ".git" || name == ".hg" || name == ".svn";
}

Watcher::Watcher(boost::asio::io_context& io, fs::path root, Callback on_batch,
                 Predicate hold_removal)
    : root_(std::move(root)),
      on_batch_(std::move(on_batch)),
      hold_removal_(std::move(hold_removal)),
      stream_(io),
      timer_(io) {}

Watcher::~Watcher() { stop(); }

void Watcher::start() {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "inotify_init1");
  stream_.assign(fd_);
  add_tree("", false);
  wait();
}

void Watcher::stop() {
  boost::system::error_code ec;
  timer_.cancel();
  if (stream_.is_open()) stream_.close(ec);  // closes fd_
  fd_ = -1;
}

std::string Watcher::join(const std::string& dir, std::string_view name) const {
  return dir.empty() ? std::string(name) : dir + "/" + std::string(name);
}

// Iterative: folder depth is the user's, not ours to recurse on.
void Watcher::add_tree(const std::string& rel, bool report_files) {
  std::vector<std::string> stack{rel};
  while (!stack.empty()) {
    std::string dir = std::move(stack.back());
    stack.pop_back();
    fs::path path = dir.empty() ? root_ : root_ / dir;
    int wd = inotify_add_watch(fd_, path.c_str(), kMask);
    if (wd < 0) {
      if ((errno == ENOSPC || errno == ENOMEM) && !warned_limit_) {
        warned_limit_ = true;
        std::string warning = fmt::format(
            "hmrc serve: warning: inotify watch limit reached at {}; raise "
            "fs.inotify.max_user_watches to watch everything\n",
            dir.empty() ? "." : dir);
        std::fputs(warning.c_str(), stderr);
      }
      continue;
    }
    dirs_[wd] = dir;
    std::error_code ec;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      std::error_code type_ec;
      if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
        if (!is_ignored_dir(name)) stack.push_back(join(dir, name));
      } else if (report_files && !is_ignored_file(name)) {
        // Files written into a new folder before its watch existed.
        pending_.paths.insert(join(dir, name));
        has_pending_ = true;
      }
    }
  }
}

void Watcher::wait() {
  stream_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                     [this](const boost::system::error_code& ec) {
                       if (ec) return;  // closed
                       read_events();
                       wait();
                     });
}

void Watcher::read_events() {
  drain();
  if (has_pending_) schedule_flush();
}

// Reads every queued event into pending_; never blocks.
void Watcher::drain() {
  alignas(inotify_event) char buffer[64 * 1024];
  bool any = false;
  auto now = std::chrono::steady_clock::now();
  for (;;) {
    ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n <= 0) break;
    for (char* p = buffer; p < buffer + n;) {
      auto* event = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + event->len;
      if (!has_pending_ && !any) pending_.first_event = now;
      if (event->mask & IN_Q_OVERFLOW) {
        pending_.overflow = true;
        any = true;
        continue;
      }
      auto dir = dirs_.find(event->wd);
      if (dir == dirs_.end()) continue;
      if (event->mask & IN_IGNORED) {
        dirs_.erase(dir);
        continue;
      }
      if (event->len == 0) continue;  // about the folder itself
      std::string_view name(event->name);
      std::string rel = join(dir->second, name);
      if (event->mask & IN_ISDIR) {
        if (is_ignored_dir(name)) continue;
        if (event->mask & (IN_CREATE | IN_MOVED_TO)) add_tree(rel, true);
        if (event->mask & IN_MOVED_FROM) {
          // A moved-away folder keeps its watches under a stale name: drop them.
          std::string prefix = rel + "/";
          for (auto it = dirs_.begin(); it != dirs_.end();) {
            if (it->second == rel || it->second.rfind(prefix, 0) == 0) {
              inotify_rm_watch(fd_, it->first);
              it = dirs_.erase(it);
            } else {
              ++it;
            }
          }
        }
        if (event->mask & (IN_MOVED_FROM | IN_DELETE | IN_MOVED_TO)) pending_.paths.insert(rel);
        any = true;
        continue;
      }
      if (is_ignored_file(name)) continue;
      if (event->mask & IN_CREATE) continue;  // its IN_CLOSE_WRITE follows
      if (event->mask & IN_MODIFY) {          // so does this write's
        writing_[rel] = now;
        continue;
      }
      writing_.erase(rel);
      if (event->mask & (IN_MOVED_FROM | IN_DELETE))
        removed_.insert(rel);
      else
        removed_.erase(rel);
      pending_.paths.insert(std::move(rel));
      any = true;
    }
  }
  if (any) {
    has_pending_ = true;
    pending_.last_event = now;
  }
}

Watcher::Clock::time_point Watcher::hold_until(Clock::time_point now) {
  Clock::time_point until{};
  if (hold_removal_) {
    for (const auto& rel : removed_)
      if (hold_removal_(rel)) until = pending_.first_event + kRemovalGrace;
  }
  for (auto it = writing_.begin(); it != writing_.end();) {
    // Idle that long: a file kept open (a log), not a save under way.
    if (it->second + kWriteIdle <= now) {
      it = writing_.erase(it);
      continue;
    }
    until = std::max(until, std::min(it->second + kWriteIdle, pending_.first_event + kMaxWait));
    ++it;
  }
  return until;
}

void Watcher::schedule_flush() {
  auto now = Clock::now();
  auto deadline =
      std::max(std::min(now + kQuiet, pending_.first_event + kMaxWait), hold_until(now));
  timer_.expires_at(deadline);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) flush();
  });
}

void Watcher::flush() {
  // Events that arrived while the timer was due join this batch rather than
  // start the next one.
  if (fd_ >= 0) drain();
  if (!has_pending_) return;
  if (auto now = Clock::now(); hold_until(now) > now) {
    schedule_flush();
    return;
  }
  WatchBatch batch = std::move(pending_);
  pending_ = WatchBatch{};
  removed_.clear();
  has_pending_ = false;
  on_batch_(std::move(batch));
}

}  // namespace hmrc::server
