#include "file_io.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hmrc::cli {
namespace {

IoResult failure(std::string_view what, const std::string& path, int err) {
  return IoResult{fmt::format("cannot {} '{}': {}", what, path, std::strerror(err))};
}

// Read once: umask() can only be read by setting it, which is not thread-safe.
const mode_t kFileMode = [] {
  mode_t mask = umask(022);
  umask(mask);
  return 0666 & ~mask;
}();

bool read_fd(int fd, std::string& out) {
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

IoResult read_input(const std::string& path, std::string& contents) {
  contents.clear();
  if (path == "-") {
    if (!read_fd(STDIN_FILENO, contents)) return failure("read", "<stdin>", errno);
    return {};
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return failure("read", path, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return failure("read", path, err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return IoResult{fmt::format("cannot read '{}': it is a directory", path)};
  }
  if (S_ISREG(st.st_mode)) contents.reserve(static_cast<std::size_t>(st.st_size));
  bool ok = read_fd(fd, contents);
  int err = errno;
  ::close(fd);
  if (!ok) return failure("read", path, err);
  return {};
}

IoResult write_atomically(const std::filesystem::path& path, std::string_view contents) {
  std::string target = path.string();
  std::string temp = target + ".tmp.XXXXXX";
  int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return failure("write", target, errno);
  bool ok = ::fchmod(fd, kFileMode) == 0 && write_all(fd, contents);
  int err = errno;
  ok = (::close(fd) == 0) && ok;
  if (ok && ::rename(temp.c_str(), target.c_str()) == 0) return {};
  if (ok) err = errno;
  ::unlink(temp.c_str());
  return failure("write", target, err);
}

}  // namespace hmrc::cli
