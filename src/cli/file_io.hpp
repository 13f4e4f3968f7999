// Whole-file reads and atomic writes with errors as messages, not exceptions.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace hmrc::cli {

struct IoResult {
  std::optional<std::string> error;  // a sentence naming the file and the cause
  explicit operator bool() const { return !error; }
};

// Reads a regular file, or standard input for "-".
IoResult read_input(const std::string& path, std::string& contents);

// Writes to a temporary file next to `path`, then renames it over `path`:
// a reader never sees half a file, and a failure leaves the old file as it was.
IoResult write_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace hmrc::cli
