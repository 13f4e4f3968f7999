#include "hot_dev.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <filesystem>

#include "node_util.hpp"

namespace hmrc {
namespace {

constexpr std::string_view kContext = "__hmrc_hot";

std::string js_string(std::string_view s) { return boost::json::serialize(boost::json::string(s)); }

bool is_relative(std::string_view specifier) {
  return specifier.starts_with("./") || specifier.starts_with("../") || specifier.starts_with("/");
}

// The id a dependency gives itself, from this module's id: with URL ids the
// browser's own resolution; with root-relative ids the same path arithmetic.
std::string dependency_id(std::string_view specifier, std::string_view module_id) {
  if (!is_relative(specifier)) return js_string(specifier);
  if (module_id.empty()) return fmt::format("new URL({}, import.meta.url).href", js_string(specifier));
  if (specifier.starts_with("/")) return js_string(specifier);
  std::filesystem::path base = std::filesystem::path(module_id).parent_path();
  return js_string((base / specifier).lexically_normal().generic_string());
}

std::string header(const HotUses& uses, const HotDevOptions& options) {
  std::string dependencies;
  for (const auto& dep : uses.accepted_deps) {
    if (!dependencies.empty()) dependencies += ", ";
    dependencies += fmt::format("{}: {}", js_string(dep), dependency_id(dep, options.module_id));
  }
  std::string id = options.module_id.empty() ? "import.meta.url" : js_string(options.module_id);
  if (!dependencies.empty()) dependencies = fmt::format(" {} ", dependencies);
  return fmt::format(
      "import {{ createHotContext as __hmrc_createHotContext }} from {}; const {} = "
      "__hmrc_createHotContext({}, {{ selfAccepting: {}, dependencies: {{{}}} }});",
      js_string(options.runtime_specifier), kContext, id, uses.self_accepts, dependencies);
}

std::string trap(const HotDevOptions& options) {
  std::string where = options.module_id.empty() ? "\" + import.meta.url + \"" : std::string(options.module_id);
  return fmt::format(
      "Object.defineProperty(import.meta, \"hot\", {{ configurable: true, get() {{ throw new "
      "Error(\"hmrc: import.meta.hot was reached indirectly in {}; write import.meta.hot "
      "directly so that hmrc can compile it\"); }} }});",
      where);
}

// Where the header goes: the start, or after a `#!` line.
uint32_t header_position(std::string_view text) {
  if (!text.starts_with("#!")) return 0;
  std::size_t nl = text.find('\n');
  return nl == std::string_view::npos ? static_cast<uint32_t>(text.size())
                                      : static_cast<uint32_t>(nl + 1);
}

}  // namespace

void rewrite_hot_dev(const HotUses& uses, const HotDevOptions& options, std::string_view text,
                     EditBuffer& edits) {
  std::string prologue;
  if (!uses.uses.empty()) prologue += header(uses, options);
  if (uses.meta_escapes) prologue += trap(options);
  if (prologue.empty()) return;
  edits.insert_right(header_position(text), std::move(prologue));

  for (const HotUse& use : uses.uses) {
    // Keep the line breaks of `import . meta\n . hot` so later lines stay put.
    std::string_view original = node::text(use.hot, text);
    std::string replacement(kContext);
    replacement.append(static_cast<std::size_t>(std::count(original.begin(), original.end(), '\n')),
                       '\n');
    edits.replace(node::start(use.hot), node::end(use.hot), std::move(replacement));
  }
}

}  // namespace hmrc
