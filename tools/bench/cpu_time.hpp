// Timing for the in-process benchmarks (parse-bench, reparse-bench).
#pragma once

#include <ctime>

namespace hmrc::bench {

// CPU time of this thread: on a shared machine, wall time would also count
// the time other processes held the core.
inline double thread_cpu_ms() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

template <typename F>
double time_ms(F&& f) {
  double t0 = thread_cpu_ms();
  f();
  return thread_cpu_ms() - t0;
}

}  // namespace hmrc::bench
