// The server's lines on the terminal and the clock its timings use. Shared by
// every component: each logs what it decided, in the words docs/server.md shows.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace hmrc::server {

using Clock = std::chrono::steady_clock;

// Milliseconds from `start` to now.
double ms_since(Clock::time_point start);

// One line on `out`, flushed. The terminal may be gone (a closed pipe):
// logging must never throw, as fmt::print does on a failed write.
void write_line(std::FILE* out, std::string_view line);
// One line on stdout.
void log_line(std::string_view line);

// A module id as the terminal shows it: "/src/a.ts" -> "src/a.ts".
std::string display(std::string_view id);

}  // namespace hmrc::server
