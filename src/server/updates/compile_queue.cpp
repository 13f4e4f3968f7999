#include "server/updates/compile_queue.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <thread>

#include "server/http/rules.hpp"

namespace hmrc::server {
namespace asio = boost::asio;

CompileQueue::CompileQueue(asio::io_context& io, Modules& modules)
    : io_(io),
      modules_(modules),
      pool_(std::clamp(std::thread::hardware_concurrency(), 2u, 5u) - 1) {}

bool CompileQueue::compile(const std::string& id, const std::string& file, Done done) {
  auto found = modules_.lookup(id, file);
  if (!found.job) {
    done(found.cached, false);
    return true;
  }
  std::string key = id + "\n" + hash_hex(found.job->hash);
  if (auto same = in_flight_.find(key); same != in_flight_.end()) {
    same->second.push_back(std::move(done));  // those bytes are being compiled already
    return false;
  }
  if (found.job->source.size() < kWorkerBytes) {
    // A hand-over to a worker and back would cost more than it saves.
    Modules::run(*found.job);
    done(modules_.finish(*found.job), true);
    return true;
  }
  in_flight_[key].push_back(std::move(done));
  ++running_;
  asio::post(pool_, [this, job = found.job, key] {
    Modules::run(*job);
    asio::post(io_, [this, job, key] {
      --running_;
      auto compiled = modules_.finish(*job);
      auto waiters = std::move(in_flight_[key]);
      in_flight_.erase(key);
      for (auto& done : waiters) done(compiled, true);
    });
  });
  return false;
}

}  // namespace hmrc::server
