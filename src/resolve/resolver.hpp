// Module resolution: which file an import or require() of `specifier` from a
// file means. Node's algorithms, written from doc/api/esm.md (ESM_RESOLVE,
// PACKAGE_RESOLVE, PACKAGE_EXPORTS_RESOLVE, PACKAGE_IMPORTS_RESOLVE) and
// doc/api/modules.md (require.resolve), plus what bundlers add for the
// browser: package.json "browser" (string or file map), "module", and
// extension probing where Node's ESM demands full paths (`lodash/debounce`).
//
//   Resolver r;
//   r.resolve("react-dom/client", "/app/src/main.ts", browser_options(Kind::import))
//     -> /app/node_modules/react-dom/client.js   (real path: symlinks resolved)
//
// Used by the dev server (src/deps) and by `hmrc resolve`, which the node
// tests compare with Node's own import.meta.resolve and require.resolve.
// Differences from Node, all deliberate, are listed in docs/server.md.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "resolve/package_json.hpp"

namespace hmrc::resolve {

enum class Kind { import, require };

struct ResolveOptions {
  Kind kind = Kind::import;
  // Conditions besides "default", which always matches. Matched in the order
  // the package lists them, as in Node.
  std::vector<std::string> conditions;
  // package.json "browser": a string replaces "main", an object remaps files
  // and packages (false: an empty module). Node ignores it.
  bool browser_field = false;
  // Main fields for packages without "exports": browser (when browser_field),
  // "module" (when module_field), then "main".
  bool module_field = false;
  // Extension and index probing for relative ESM imports and for package
  // subpaths without "exports" (what bundlers do; Node's ESM does not).
  bool probe = false;
};

// What the dev server resolves with: browser, development, import or
// require, module.
ResolveOptions browser_options(Kind kind);
// Node's own conditions for `kind` ("node" and "import" or "require") plus `extra`.
ResolveOptions node_options(Kind kind, const std::vector<std::string>& extra);

struct Resolved {
  std::filesystem::path path;  // canonical; empty for an empty module or on error
  bool empty_module = false;   // "browser" maps it to false
  bool builtin = false;        // a Node builtin ("fs", "node:fs"): `path` is node:fs
  std::string code;            // on error: Node's code (ERR_MODULE_NOT_FOUND, ...)
  std::string error;           // on error: what was tried, for a person
  bool ok() const { return code.empty(); }
};

class Resolver {
 public:
  // `importer` is the importing file (its folder is where the search starts).
  Resolved resolve(std::string_view specifier, const std::filesystem::path& importer,
                   const ResolveOptions& options);

  // The package a file belongs to: the nearest package.json with a "name"
  // above it, not crossing a node_modules folder. nullptr when none.
  const PackageJson* package_of(const std::filesystem::path& file);

  PackageJsonCache& packages() { return packages_; }

 private:
  PackageJsonCache packages_;
};

// Whether `specifier` is bare ("react", "@scope/x/y"): not relative,
// absolute, a URL or "#imports".
bool is_bare(std::string_view specifier);
// "react-dom/client" -> "react-dom"; "@scope/x/y" -> "@scope/x"; empty if invalid.
std::string package_name_of(std::string_view specifier);
bool is_node_builtin(std::string_view name);

}  // namespace hmrc::resolve
