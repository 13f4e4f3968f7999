// What the dependency bundler needs to know of one file of a package, from
// one iterative walk over its tree-sitter-javascript tree: its requires and
// imports (and which of them sit in a branch that `process.env.NODE_ENV ===
// "development"` makes dead), its ES exports, the names a CommonJS module
// exports as cjs-module-lexer detects them, and the text edits that turn it
// into the body of a function in a bundle (src/deps/bundle.cpp).
//
//   if (process.env.NODE_ENV === 'production') module.exports = require('./a.prod.js');
//   else module.exports = require('./a.dev.js');
//   -> NODE_ENV becomes "development"; only './a.dev.js' is a live require,
//      and it is a re-export (names of a.dev.js are this module's names).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hmrc::deps {

struct Span {
  uint32_t begin = 0, end = 0;
};

struct Replacement {
  uint32_t begin = 0, end = 0;
  std::string text;
};

// require("x"), import("x"), or the source of an import/export ... from "x".
struct Dependency {
  std::string specifier;
  Span literal;          // the string literal, quotes included (for require and import())
  Span call;             // the whole call
  bool dead = false;     // in a branch NODE_ENV makes dead: not followed
  bool dynamic = false;  // import("x")
  bool is_require = false;
};

struct ImportBinding {
  std::string local;
  std::string imported;  // "default", "*" for a namespace, or the name
};

// An ES import or re-export: one per statement.
struct EsImport {
  std::string specifier;
  std::vector<ImportBinding> bindings;
};

struct EsExport {
  std::string exported;
  std::string local;      // a binding of this module; empty when from an import
  int import_index = -1;  // re-export: EsImport index
  std::string imported;   // re-export: the name there ("*" for export * as ns)
};

struct IdentifierUse {
  Span span;
  std::string name;
  bool shorthand = false;  // `{ name }` in an object literal
};

struct ScannedModule {
  bool esm = false;
  std::vector<Dependency> requires_;  // require() and import() calls
  std::vector<EsImport> imports;
  std::vector<EsExport> exports;
  std::vector<int> star_exports;           // export * from: EsImport indexes
  std::vector<Replacement> edits;          // import/export syntax, NODE_ENV, default export
  std::vector<IdentifierUse> import_uses;  // uses of imported bindings to rewrite
  std::vector<std::string> shadowed;       // imported names also declared in an inner scope
  // Assignments and updates of exported `let`/`var` bindings (`count++`):
  // the bundle wraps them so that importers in the page see the new value.
  std::vector<Span> export_writes;
  // CommonJS, as cjs-module-lexer: exports.x =, Object.defineProperty(exports,
  // "x"), module.exports = { x }, and re-exports (module.exports = require(...)).
  std::vector<std::string> cjs_exports;
  std::vector<std::string> cjs_reexports;  // specifiers
  bool uses_process = false;               // `process` other than process.env.NODE_ENV
  bool uses_global = false;
  bool syntax_errors = false;
};

ScannedModule scan_module(std::string_view source);

}  // namespace hmrc::deps
