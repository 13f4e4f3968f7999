#include "tsconfig_cache.hpp"

namespace hmrc::config {
namespace fs = std::filesystem;

bool TsConfigCache::fresh(const Entry& e) const {
  for (const auto& [file, stamp] : e.stamps) {
    std::error_code ec;
    if (fs::last_write_time(file, ec) != stamp || ec) return false;
  }
  return true;
}

TsConfigCache::Found TsConfigCache::lookup(const fs::path& input) {
  std::optional<fs::path> file = find_tsconfig(input);
  if (!file) return {};
  auto it = entries_.find(*file);
  if (it == entries_.end() || !fresh(it->second)) {
    Entry e{load_tsconfig(*file), {}, next_generation_++};
    std::vector<fs::path> files;
    if (auto* c = std::get_if<TsConfig>(&e.result)) {
      files = c->files;
    } else {
      files.push_back(std::get<TsConfigError>(e.result).file);
      files.push_back(*file);
    }
    for (const fs::path& f : files) {
      std::error_code ec;
      e.stamps.emplace_back(f, fs::last_write_time(f, ec));
      chain_files_.insert(f);
    }
    it = entries_.insert_or_assign(*file, std::move(e)).first;
  }
  Found found;
  found.generation = it->second.generation;
  if (auto* c = std::get_if<TsConfig>(&it->second.result)) {
    found.config = c;
  } else {
    found.error = &std::get<TsConfigError>(it->second.result);
  }
  return found;
}

bool TsConfigCache::affects_compiles(const fs::path& file) const {
  if (file.filename() == "tsconfig.json") return true;
  return chain_files_.count(fs::absolute(file).lexically_normal()) != 0;
}

}  // namespace hmrc::config
