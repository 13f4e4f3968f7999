// What `hmrc serve` is told on its command line (serve_command.cpp parses
// it): every component of the server reads its part from here.
#pragma once

#include <cstdint>
#include <string>

namespace hmrc::server {

struct ServeOptions {
  std::string dir = ".";
  std::string host = "127.0.0.1";
  uint16_t port = 5173;
  bool strict_port = false;  // fail instead of taking the next free port
  bool color = false;
  bool trace = false;  // per-stage timings of every update on stdout
  bool force = false;  // bundle the npm packages again (clears node_modules/.hmrc)
};

}  // namespace hmrc::server
