#include "server/file_index.hpp"

#include <xxhash.h>

#include "server/http/paths.hpp"
#include "server/http/rules.hpp"
#include "server/read_file.hpp"
#include "server/updates/watcher.hpp"

namespace hmrc::server {
namespace fs = std::filesystem;

namespace {

uint64_t file_contribution(const std::string& rel, uint64_t hash) {
  return XXH3_64bits_withSeed(&hash, sizeof hash, XXH3_64bits(rel.data(), rel.size()));
}

}  // namespace

std::string FileIndex::version() const { return hash_hex(version_sum_); }

std::optional<uint64_t> FileIndex::hash(const std::string& rel) const {
  auto it = hashes_.find(rel);
  if (it == hashes_.end()) return std::nullopt;
  return it->second;
}

void FileIndex::scan() {
  hashes_.clear();
  module_files_.clear();
  version_sum_ = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec),
      end;
  for (; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      if (is_ignored_dir(name)) it.disable_recursion_pending();
      continue;
    }
    if (is_ignored_file(name) || !it->is_regular_file(type_ec)) continue;
    std::string content;
    if (!read_file(it->path(), content)) continue;
    std::string rel = it->path().lexically_relative(root_).generic_string();
    uint64_t hash = content_hash(content);
    hashes_[rel] = hash;
    version_sum_ += file_contribution(rel, hash);
  }
}

void FileIndex::forget(const std::string& rel, std::vector<std::string>& deleted) {
  auto it = hashes_.find(rel);
  if (it == hashes_.end()) return;
  version_sum_ -= file_contribution(rel, it->second);
  hashes_.erase(it);
  deleted.push_back(rel);
}

FileIndex::Changes FileIndex::apply(const std::set<std::string>& paths) {
  Changes changes;
  for (const auto& rel : paths) {
    fs::path full = root_ / rel;
    std::error_code ec;
    auto status = fs::status(full, ec);
    if (fs::is_directory(status)) continue;  // its files come one by one
    if (!fs::is_regular_file(status)) {
      // Gone: a file, or a folder with everything in it.
      forget(rel, changes.deleted);
      std::string prefix = rel + "/";
      std::vector<std::string> inside;
      for (const auto& [file, hash] : hashes_)
        if (file.rfind(prefix, 0) == 0) inside.push_back(file);
      for (const auto& file : inside) forget(file, changes.deleted);
      continue;
    }
    std::string content;
    if (!read_file(full, content)) continue;
    uint64_t hash = content_hash(content);
    auto [it, inserted] = hashes_.try_emplace(rel, hash);
    if (!inserted) {
      if (it->second == hash) continue;  // saved without a change
      version_sum_ -= file_contribution(rel, it->second);
      it->second = hash;
    }
    version_sum_ += file_contribution(rel, hash);
    changes.changed.push_back(rel);
  }
  return changes;
}

std::optional<std::string> FileIndex::module_file(const std::string& id) {
  if (auto it = module_files_.find(id); it != module_files_.end()) {
    if (hashes_.count(it->second)) return it->second;
    module_files_.erase(it);
  }
  std::string rel = id.substr(1);
  bool outside = false;
  std::optional<fs::path> found;
  if (is_module_path(id)) {
    found = resolve_inside(root_, rel, outside);
  } else {
    for (std::string_view suffix :
         {".ts", ".tsx", ".js", ".jsx", ".mjs", "/index.ts", "/index.tsx", "/index.js"}) {
      found = resolve_inside(root_, rel + std::string(suffix), outside);
      if (found || outside) break;
    }
  }
  std::error_code ec;
  if (!found || fs::is_directory(*found, ec)) return std::nullopt;
  std::string file = found->lexically_relative(root_).generic_string();
  module_files_[id] = file;
  return file;
}

}  // namespace hmrc::server
