// Where a module's compile runs. Sources of kWorkerBytes and more compile on
// a small pool, their results posted back to the I/O thread, so that a huge
// module (a 9 MB file takes a second) stalls no other client; smaller ones
// compile on the I/O thread, where no hand-over adds to an update's time.
// Two requests for the same bytes share one compile.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "server/updates/modules.hpp"

namespace hmrc::server {

class CompileQueue {
 public:
  static constexpr std::size_t kWorkerBytes = 32 * 1024;

  CompileQueue(boost::asio::io_context& io, Modules& modules);

  // Called with module `id` compiled from `file` (from the cache if its bytes
  // did not change; nullptr if unreadable) and whether this compiled it.
  using Done = std::function<void(std::shared_ptr<const CompiledModule>, bool fresh)>;
  // Calls `done`; returns whether it did already. If not, it will, on the
  // I/O thread, once a worker compiled the module.
  bool compile(const std::string& id, const std::string& file, Done done);

  // Whether a worker is compiling: exiting must not wait for it.
  bool busy() const { return running_ > 0; }
  void stop() { pool_.stop(); }

 private:
  boost::asio::io_context& io_;
  Modules& modules_;
  // Compiles on a worker, by id and content hash: who waits for each.
  std::map<std::string, std::vector<Done>> in_flight_;
  std::size_t running_ = 0;
  boost::asio::thread_pool pool_;  // last: joined first, before what its jobs report to
};

}  // namespace hmrc::server
