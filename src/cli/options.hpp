// The command line, as CLI11 parses it.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/tsconfig.hpp"
#include "transform/compile.hpp"

namespace hmrc::cli {

enum class DiagnosticFormat { text, json };
enum class ColorMode { auto_, always, never };

struct Options {
  std::vector<std::string> inputs;
  std::string output;  // -o
  std::string outdir;
  std::string root;
  std::string runtime = "/@hmrc/runtime.js";
  std::optional<Mode> mode;
  bool check = false;
  std::optional<Loader> loader;
  std::optional<SourceMapMode> source_map;  // default depends on mode and output
  DiagnosticFormat diagnostics = DiagnosticFormat::text;
  ColorMode color = ColorMode::auto_;
  unsigned jobs = 0;            // 0: all cores
  JsxOptions jsx;               // --jsx*; file_name is set per input
  config::ExplicitFlags given;  // --jsx* flags on the command line beat tsconfig.json
  std::string tsconfig;         // --tsconfig: empty looks it up per input; "none" ignores it
  bool react_refresh = false;   // --react-refresh (dev only)
};

// Defines every option on `app`, storing into `options`.
void define_options(CLI::App& app, Options& options);

}  // namespace hmrc::cli
