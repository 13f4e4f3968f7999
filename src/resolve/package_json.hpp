// package.json files as the resolver reads them: parsed once per folder with
// Boost.JSON and kept, since every import of a package walks the same ones.
// A malformed package.json is an error naming the file, never a crash.
#pragma once

#include <boost/json/value.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace hmrc::resolve {

struct PackageJson {
  std::filesystem::path dir;  // the folder holding it, as found (not canonical)
  std::string name;           // empty when absent
  std::string version;
  std::string type;            // "module", "commonjs" or empty
  boost::json::value exports;  // null when absent
  boost::json::value imports;
  boost::json::value browser;  // string or object; null when absent
  std::string main, module;
  bool has_exports = false;
  std::string error;  // set when the file exists but cannot be read or parsed
};

class PackageJsonCache {
 public:
  // The package.json in `dir`; nullptr when there is none. A file that
  // exists but does not parse gives an entry with `error` set.
  const PackageJson* in_dir(const std::filesystem::path& dir);

 private:
  std::map<std::string, std::unique_ptr<PackageJson>> cache_;  // by dir; null: none
};

}  // namespace hmrc::resolve
