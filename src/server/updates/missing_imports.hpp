// Imports of files that do not exist, found before an update goes out. The
// browser would only say "Failed to fetch dynamically imported module:
// /src/view.ts?t=..." (it names the importer's new URL, never the missing
// file) and the server would log nothing; instead the importer's error names
// the import and its line, on the overlay and in the terminal, the page keeps
// the importer's previous version, and creating the file sends the update.
//
//   src/view.ts: import "./nope";   ->  src/view.ts:3: error: "./nope" not found
//                                       from src/view.ts:3 (no file src/nope.*) [IMP001]
//   create src/nope.ts              ->  src/view.ts is pushed again
//
// The same for a module a page asks for that names no file (an import written
// before the file, a file deleted or renamed under a running page): the page's
// module graph fails to load and the browser says only that; the error names
// the file and its importer (the request's Referer) until the file is there.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "server/updates/modules.hpp"

namespace hmrc::server {

class FileIndex;

class MissingImports {
 public:
  explicit MissingImports(FileIndex& files) : files_(files) {}

  // The errors of the relative and root imports of `compiled` (module `id`
  // from `file`) that name no file; empty when all are there. Remembers
  // the importer until its imports are all there.
  ModuleError check(const std::string& id, const std::string& file, const CompiledModule& compiled);
  // Importer files (relative to the root) one of whose missing imports now
  // names a file: their update goes out now.
  std::vector<std::string> found();

  // The error of module `id` that a page requested and that names no file;
  // `importer` is the id of the module that imported it, if known.
  ModuleError requested(const std::string& id, const std::string& importer);
  // Requested ids whose file now exists (each once).
  std::vector<std::string> found_requested();
  // Requested ids whose importer is `file`, which changed: it may import
  // them no more (a page asking again brings the error back).
  std::vector<std::string> forget_requested_by(const std::string& file);
  // The ErrorBoard key of a requested id's error.
  static std::string key_of_requested(const std::string& id) { return id.substr(1); }

 private:
  bool exists(const std::string& id);

  FileIndex& files_;
  std::map<std::string, std::set<std::string>> waiting_;  // importer file -> missing ids
  std::map<std::string, std::string> requested_;  // ids pages asked for in vain -> importer file
};

}  // namespace hmrc::server
