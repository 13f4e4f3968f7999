// Runs a parsed command line: plans one job per input, compiles them in
// parallel, writes outputs atomically and prints diagnostics in input order.
#pragma once

#include "options.hpp"

namespace hmrc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCodeErrors = 1;
inline constexpr int kExitUsage = 2;

int run(const Options& options);

}  // namespace hmrc::cli
