// One dependency entry (a file a bare import resolves to, "react/index.js")
// pre-bundled into one ES module for the browser: every file of the same
// package it reaches is inlined as a function in a small module registry
// (CommonJS as Node runs it: module, exports, require, cycles; ES modules
// converted to the same form with live bindings), and every other package it
// reaches stays an import of that package's own bundle, so a package is one
// instance in the whole page (react-dom's bundle imports react's).
//
//   import * as __hmrc_x0 from "/@deps/react@19.3.1/index.js";
//   var __hmrc_defs = [function (module, exports, require) { ... }, ...];
//   ...
//   var __hmrc_entry = __hmrc_require(0);
//   export default __hmrc_entry;              // CommonJS: module.exports
//   export { __e0 as createRoot, ... };       // names found statically
//   export { __hmrc_entry as __hmrc_cjs };    // what require() of it gives
//
// Interop rules (docs/server.md): the default import of CommonJS is
// module.exports, or exports.default when __esModule is set (as esbuild).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "resolve/resolver.hpp"

namespace hmrc::deps {

struct Bundle {
  std::string code;
  std::vector<std::filesystem::path> externals;  // entries of other bundles it imports
  std::vector<std::string> warnings;             // unresolved requires, parse errors
  std::string error;                             // the entry itself cannot be bundled
  std::size_t files = 0;                         // inlined
  bool esm = false;                              // the entry is an ES module
  std::vector<std::string> names;                // named exports found statically
};

// The URL path another package's entry is served from ("/@deps/react@19.3.1/index.js").
using UrlOf = std::function<std::string(const std::filesystem::path& entry)>;

Bundle build_bundle(const std::filesystem::path& entry, resolve::Resolver& resolver,
                    const UrlOf& url_of);

}  // namespace hmrc::deps
