// The dev server's tsconfig.json lookups: each input's nearest config, parsed
// once and kept until a file of its `extends` chain changes on disk (checked
// by modification time at each lookup, a few stat calls) or a nearer
// tsconfig.json appears. Not thread-safe: the server's I/O thread owns it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "tsconfig.hpp"

namespace hmrc::config {

class TsConfigCache {
 public:
  struct Found {
    const TsConfig* config = nullptr;      // null: none (or broken)
    const TsConfigError* error = nullptr;  // a broken one
    uint64_t generation = 0;               // changes whenever what this input compiles with changes
  };

  Found lookup(const std::filesystem::path& input);

  // Whether `file` is a tsconfig.json, or a file some config extends: its
  // change changes how modules compile.
  bool affects_compiles(const std::filesystem::path& file) const;

 private:
  struct Entry {
    LoadResult result;
    std::vector<std::pair<std::filesystem::path, std::filesystem::file_time_type>> stamps;
    uint64_t generation = 0;
  };
  bool fresh(const Entry& e) const;

  std::map<std::filesystem::path, Entry> entries_;  // by tsconfig path
  std::set<std::filesystem::path> chain_files_;
  uint64_t next_generation_ = 1;
};

}  // namespace hmrc::config
