// Whole-file reads for the server: a file is read in one go before it is
// compiled, hashed or answered, so a file changed or deleted meanwhile is
// never served torn.
#pragma once

#include <filesystem>
#include <string>

namespace hmrc::server {

// False when the file cannot be opened or read; `out` is then unspecified.
bool read_file(const std::filesystem::path& path, std::string& out);

}  // namespace hmrc::server
