#include "server/log.hpp"

namespace hmrc::server {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void write_line(std::FILE* out, std::string_view line) {
  std::fwrite(line.data(), 1, line.size(), out);
  std::fputc('\n', out);
  std::fflush(out);
}

void log_line(std::string_view line) { write_line(stdout, line); }

std::string display(std::string_view id) {
  return std::string(!id.empty() && id.front() == '/' ? id.substr(1) : id);
}

}  // namespace hmrc::server
