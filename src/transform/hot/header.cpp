#include "transform/hot/header.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <filesystem>
#include <string>

namespace hmrc {
namespace {

std::string js_string(std::string_view s) { return boost::json::serialize(boost::json::string(s)); }

bool is_relative(std::string_view specifier) {
  return specifier.starts_with("./") || specifier.starts_with("../") || specifier.starts_with("/");
}

// The id a dependency gives itself, from this module's id: with URL ids the
// browser's own resolution; with root-relative ids the same path arithmetic.
std::string dependency_id(std::string_view specifier, std::string_view module_id) {
  if (!is_relative(specifier)) return js_string(specifier);
  if (module_id.empty())
    return fmt::format("new URL({}, import.meta.url).href", js_string(specifier));
  if (specifier.starts_with("/")) return js_string(specifier);
  std::filesystem::path base = std::filesystem::path(module_id).parent_path();
  return js_string((base / specifier).lexically_normal().generic_string());
}

std::string header(const HotUses& uses, const std::vector<ImportSpecifier>& imports,
                   const DevExports& exports, const HotHeaderOptions& options) {
  std::string dependencies;
  for (const auto& dep : uses.accepted_deps) {
    if (!dependencies.empty()) dependencies += ", ";
    dependencies += fmt::format("{}: {}", js_string(dep), dependency_id(dep, options.module_id));
  }
  if (!dependencies.empty()) dependencies = fmt::format(" {} ", dependencies);
  std::string import_ids;
  std::vector<std::string_view> seen;
  for (const auto& i : imports) {
    if (i.type_only) continue;
    if (std::find(seen.begin(), seen.end(), i.specifier) != seen.end()) continue;
    seen.push_back(i.specifier);
    if (!import_ids.empty()) import_ids += ", ";
    import_ids += dependency_id(i.specifier, options.module_id);
  }
  std::string id = options.module_id.empty() ? "import.meta.url" : js_string(options.module_id);
  return fmt::format(
      "import {{ createHotContext as __hmrc_createHotContext }} from {}; const __hmrc_hot = "
      "__hmrc_createHotContext({}, {{ url: import.meta.url, selfAccepting: {}, dependencies: "
      "{{{}}}, "
      "imports: [{}]{} }});{}",
      js_string(options.runtime_specifier), id, uses.self_accepts, dependencies, import_ids,
      exports.has_setter ? ", set: __hmrc_set" : "", exports.header);
}

std::string trap(const HotHeaderOptions& options) {
  std::string where =
      options.module_id.empty() ? "\" + import.meta.url + \"" : std::string(options.module_id);
  return fmt::format(
      "Object.defineProperty(import.meta, \"hot\", {{ configurable: true, get() {{ throw new "
      "Error(\"hmrc: import.meta.hot was reached indirectly in {}; write import.meta.hot "
      "directly so that hmrc can compile it\"); }} }});",
      where);
}

}  // namespace

void insert_hot_header(const HotUses& uses, const std::vector<ImportSpecifier>& imports,
                       const DevExports& exports, const HotHeaderOptions& options,
                       EditBuffer& edits) {
  std::string prologue = header(uses, imports, exports, options);
  if (uses.meta_escapes) prologue += trap(options);
  // insert_left: before any edit a later pass (JSX's imports) anchors at the same point.
  const PrologueEnd& at = options.prologue;
  if (at.after_directive) prologue.insert(0, at.needs_semicolon ? "; " : " ");
  edits.insert_left(at.at, std::move(prologue));
}

}  // namespace hmrc
