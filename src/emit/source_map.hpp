// Source map v3 from the pieces of an edit buffer: every surviving token is
// mapped to itself, each inserted text to its anchor. Columns are UTF-16
// code units, as the specification requires.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "emit/edit_buffer.hpp"

namespace hmrc {

struct SourceMapInput {
  std::string_view original;
  std::span<const uint32_t> token_starts;  // sorted
  std::string_view file;                   // the output's name
  std::string_view source_name;            // the input, relative to the map
};

// The map as JSON text.
std::string build_source_map(const std::vector<Piece>& pieces, const SourceMapInput& input);

// `//# sourceMappingURL=` for a map next to the output, or for the map inline.
std::string external_map_comment(std::string_view map_file_name);
std::string inline_map_comment(std::string_view map_json);

namespace detail {
void append_vlq(std::string& out, int64_t value);
std::string base64(std::string_view bytes);
}  // namespace detail

}  // namespace hmrc
