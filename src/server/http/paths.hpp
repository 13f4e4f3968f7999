// From a request target to a file below the served root, refusing every way
// out of it: `..` segments (also percent-encoded), NUL bytes, and symlinks that
// point outside (checked on the real path).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace hmrc::server {

enum class PathError { bad_request, forbidden };

struct UrlPath {
  std::string path;   // decoded, normalised, always starts with '/': "/src/main.ts"
  std::string query;  // without '?'; ignored for lookups
  bool trailing_slash = false;
};

// Parses an origin-form target ("/a/b?x"). Percent escapes are decoded before
// the segments are checked, so "%2e%2e" and "..%2f" count as "..".
std::optional<UrlPath> parse_target(std::string_view target, PathError& error);

// Percent-decoding; nullopt for a malformed escape.
std::optional<std::string> percent_decode(std::string_view text);

// The real path of root/relative if it exists and lies inside real_root (itself
// a canonical path). Sets `outside` when it exists but resolves elsewhere.
std::optional<std::filesystem::path> resolve_inside(const std::filesystem::path& real_root,
                                                    std::string_view relative, bool& outside);

// Whether `path` (canonical) is real_root or below it.
bool is_inside(const std::filesystem::path& real_root, const std::filesystem::path& path);

}  // namespace hmrc::server
