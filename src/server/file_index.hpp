// What the server knows of the files below its root: the content hash of
// every watched file, the version every page is told (a sum over those
// hashes, so it only changes when a file does and survives a restart), the
// static and HTML files a page fetched, and which file each module id is
// served from. The watcher's batches update it (updates/pipeline.hpp); the
// router and the first-load walk read it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace hmrc::server {

class FileIndex {
 public:
  explicit FileIndex(std::filesystem::path real_root) : root_(std::move(real_root)) {}

  // Hashes every file below the root again (at start, and when the watcher
  // lost events); forgets which file each module id was served from.
  void scan();

  // Files of a watcher batch read again: `changed` are new or have other
  // bytes, `deleted` were known and are gone (with everything in a deleted
  // folder), each in the order of the batch.
  struct Changes {
    std::vector<std::string> changed;
    std::vector<std::string> deleted;
  };
  Changes apply(const std::set<std::string>& paths);

  // The content hash of watched file `rel`; nullopt if it is not watched.
  std::optional<uint64_t> hash(const std::string& rel) const;
  uint64_t version_sum() const { return version_sum_; }
  // The version as pages get it (hex).
  std::string version() const;

  // Static and HTML files a page fetched: a change or deletion reloads the page.
  void mark_served(const std::string& rel) { served_.insert(rel); }
  bool served(const std::string& rel) const { return served_.count(rel) != 0; }

  // The file a module id is served from: the file itself, or for an import
  // written without extension ("/src/view") the first of view.ts, view.tsx,
  // ... Remembered while the file is watched.
  std::optional<std::string> module_file(const std::string& id);

 private:
  void forget(const std::string& rel, std::vector<std::string>& deleted);

  std::filesystem::path root_;                        // canonical
  std::unordered_map<std::string, uint64_t> hashes_;  // every watched file
  uint64_t version_sum_ = 0;
  std::set<std::string> served_;
  std::unordered_map<std::string, std::string> module_files_;  // id -> file
};

}  // namespace hmrc::server
