// The dev server's dependencies: a bare import of the app ("react",
// "react-dom/client") is resolved from the importing file, its entry is
// pre-bundled once (bundle.hpp) with every package it reaches in turn, and
// each bundle is served from a stable URL with a version:
//
//   "react-dom/client" from src/main.ts
//     -> /@deps/react-dom@19.3.1/client.js?v=<hash of its code>   (immutable)
//        which imports /@deps/react@19.3.1/index.js and /@deps/react-dom@19.3.1/index.js
//
// Bundles are kept on disk in node_modules/.hmrc/deps-<key>/, the key
// hashing the lockfiles, hmrc's version and the options, so a restart reads
// them instead of bundling again; --force clears the folder. Dependencies
// are not watched: a package changes with the lockfile, which changes the key.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "deps/bundle.hpp"
#include "resolve/resolver.hpp"

namespace hmrc::deps {

struct DepBundle {
  std::filesystem::path entry;  // canonical
  std::string url;              // "/@deps/react@19.3.1/index.js"
  std::string version;          // hex hash of `code`
  std::string code;
  std::vector<std::string> external_urls;
  std::vector<std::string> warnings;
  bool esm = false;                // the entry is an ES module (its named exports are static)
  std::vector<std::string> names;  // named exports found statically
  bool from_disk = false;
  double build_ms = 0;
};

struct OptimizerOptions {
  bool force = false;        // clear the disk cache first
  std::string hmrc_version;  // part of the cache key
};

class Optimizer {
 public:
  Optimizer(std::filesystem::path root, OptimizerOptions options);

  struct Lookup {
    const DepBundle* bundle = nullptr;  // on success
    std::string error;                  // "\"lodash\" not found (no node_modules/lodash above ...)"
    std::vector<const DepBundle*> built;  // bundles this lookup built or read (for the log)
  };
  // The bundle of what `specifier` imported from `importer` (a file) means,
  // with every bundle it imports, built when missing. Idempotent.
  Lookup lookup(const std::string& specifier, const std::filesystem::path& importer);

  // The bundle served at `url` ("/@deps/..."), nullptr if unknown.
  const DepBundle* find(std::string_view url) const;

  // Every bundle that `bundle` imports, transitively, itself included.
  std::vector<const DepBundle*> closure(const DepBundle& bundle) const;

  // Where the disk cache is (empty when there is no node_modules folder).
  const std::filesystem::path& cache_dir() const { return cache_dir_; }
  const std::string& cache_key() const { return key_; }

 private:
  const DepBundle* ensure(const std::filesystem::path& entry, std::vector<const DepBundle*>& built);
  std::string url_for(const std::filesystem::path& entry);
  bool read_cached(DepBundle& bundle);
  void write_cached(const DepBundle& bundle);

  std::filesystem::path root_;
  OptimizerOptions options_;
  std::filesystem::path cache_dir_;
  std::string key_;
  resolve::Resolver resolver_;
  std::map<std::string, std::unique_ptr<DepBundle>> by_entry_;  // canonical path -> bundle
  std::map<std::string, DepBundle*, std::less<>> by_url_;
  std::map<std::string, std::string> urls_;       // entry -> url
  std::map<std::string, std::string> url_owner_;  // url -> entry
  // Successful lookups by importer folder and specifier: a page walk asks
  // for "react" from every module. Failures are asked again (npm install).
  std::map<std::pair<std::string, std::string>, const DepBundle*> resolved_;
};

}  // namespace hmrc::deps
