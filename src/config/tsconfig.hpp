// tsconfig.json: the file tsc would use for an input (the nearest one in the
// input's folder or above), its `extends` chain, and the compilerOptions
// hmrc honours. JSON with comments and trailing commas, as tsc reads it.
//
//   /app/tsconfig.json   { "extends": "./base.json", "compilerOptions": { "jsx": "react" } }
//   /app/base.json       { "compilerOptions": { "experimentalDecorators": true, } }
//   find_tsconfig("/app/src/a.ts") == "/app/tsconfig.json"
//   load_tsconfig(...)   -> experimental_decorators = true, jsx = "react",
//                           files = {/app/tsconfig.json, /app/base.json}
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "transform/compile.hpp"

namespace hmrc::config {

// The options as written; unset: no file of the chain gives it.
struct CompilerOptions {
  std::optional<bool> experimental_decorators;
  std::optional<bool> emit_decorator_metadata;
  std::optional<bool> use_define_for_class_fields;
  std::optional<bool> verbatim_module_syntax;
  std::optional<bool> preserve_value_imports;
  std::optional<bool> strict;
  std::optional<bool> strict_null_checks;
  std::optional<std::string> imports_not_used_as_values;
  std::optional<std::string> target;
  std::optional<std::string> jsx;
  std::optional<std::string> jsx_factory;
  std::optional<std::string> jsx_fragment_factory;
  std::optional<std::string> jsx_import_source;
};

struct TsConfig {
  std::filesystem::path file;                // the tsconfig.json itself
  std::vector<std::filesystem::path> files;  // it and every file it extends (for invalidation)
  CompilerOptions options;                   // merged: a file's own options beat what it extends
};

// Where a tsconfig is broken; `line` and `column` are 1-based (0: the whole file).
struct TsConfigError {
  std::string_view code;  // TSC001 syntax, TSC002 extends not found or circular, TSC003 bad value
  std::filesystem::path file;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;

  // gcc style, as the CLI prints diagnostics: `file:line:col: error: message [code]`.
  std::string render() const;
};

using LoadResult = std::variant<TsConfig, TsConfigError>;

// The nearest tsconfig.json in the folder of `input` or above; none: nullopt.
std::optional<std::filesystem::path> find_tsconfig(const std::filesystem::path& input);

LoadResult load_tsconfig(const std::filesystem::path& file);

// Which CompileOptions fields the command line set explicitly: those keep
// their value when a tsconfig is applied.
struct ExplicitFlags {
  bool jsx = false;
  bool jsx_factory = false;
  bool jsx_fragment = false;
  bool jsx_import_source = false;
};

// Fills options.jsx and options.ts from the config (the target's default for
// useDefineForClassFields included).
void apply_tsconfig(const CompilerOptions& config, const ExplicitFlags& flags,
                    CompileOptions& options);

}  // namespace hmrc::config
