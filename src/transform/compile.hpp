// The compiler's one entry point, shared by the CLI and the dev server:
// bytes in; code, source map and diagnostics out. Never throws for any input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "parser/grammar.hpp"
#include "parser/tree.hpp"
#include "transform/jsx/options.hpp"
#include "transform/refresh/refresh.hpp"
#include "transform/typescript/options.hpp"

namespace hmrc {

enum class Mode { dev, prod };
enum class SourceMapMode { none, external, inline_ };

struct CompileOptions {
  Mode mode = Mode::dev;
  Loader loader = Loader::ts;
  SourceMapMode source_map = SourceMapMode::none;
  std::string output_name = "out.js";   // the map's `file`; external map is output_name + ".map"
  std::string source_name = "<stdin>";  // the map's `sources` entry, relative to the map
  std::string runtime_specifier = "/@hmrc/runtime.js";  // what dev output imports
  std::string module_id;   // dev: how the module names itself; empty: import.meta.url
  JsxOptions jsx;          // jsx.dev follows mode
  TsOptions ts;            // from tsconfig.json (src/config/tsconfig.hpp)
  RefreshOptions refresh;  // React Fast Refresh; dev only
};

// What the dev server's module graph and the runtime need to know of a module
// before its first update.
struct ModuleInfo {
  std::vector<std::string> imports;        // static and dynamic specifiers, in source order
  bool self_accepts = false;               // accept() without dependencies, or a write to data
  std::vector<std::string> accepted_deps;  // specifiers given to accept, as written
  bool react_refresh = false;              // registers components or signs hooks
};

struct CompileResult {
  std::string code;  // empty when there are errors
  std::string map;   // JSON; empty unless source_map is external
  std::vector<Diagnostic> diagnostics;
  ModuleInfo module_info;

  bool ok() const { return !has_errors(diagnostics); }
};

CompileResult compile(std::string_view source, const CompileOptions& options);

// What a compile leaves for the next compile of the same module (the dev
// server keeps one per module): the tree of the last source that parsed
// without errors. The next compile edits a copy of that tree by the one span
// where the texts differ and reparses incrementally; the output is the same
// as compiling from scratch. A reparse that meets a syntax error, or a chain
// of kMaxReparses, parses from scratch instead.
struct ParseMemo {
  static constexpr int kMaxReparses = 16;  // arenas one tree keeps alive
  std::string text;                        // the source `tree` is the parse of
  Tree tree;                               // empty: nothing kept
  const TSLanguage* language = nullptr;
  bool reparsed = false;  // out: the last compile reparsed incrementally

  std::size_t bytes() const;  // memory the kept tree holds (arena bytes, text)
};

CompileResult compile(std::string_view source, const CompileOptions& options, ParseMemo& memo);

}  // namespace hmrc
