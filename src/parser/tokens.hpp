// Start offsets of every token (leaf) of a tree, in source order: the points a
// source map must map.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <vector>

namespace hmrc {

std::vector<uint32_t> token_starts(TSNode root);

}  // namespace hmrc
