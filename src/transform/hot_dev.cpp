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
  if (module_id.empty())
    return fmt::format("new URL({}, import.meta.url).href", js_string(specifier));
  if (specifier.starts_with("/")) return js_string(specifier);
  std::filesystem::path base = std::filesystem::path(module_id).parent_path();
  return js_string((base / specifier).lexically_normal().generic_string());
}

std::string header(const HotUses& uses, const std::vector<ImportSpecifier>& imports,
                   const DevExports& exports, const HotDevOptions& options) {
  std::string dependencies;
  for (const auto& dep : uses.accepted_deps) {
    if (!dependencies.empty()) dependencies += ", ";
    dependencies += fmt::format("{}: {}", js_string(dep), dependency_id(dep, options.module_id));
  }
  if (!dependencies.empty()) dependencies = fmt::format(" {} ", dependencies);
  std::string import_ids;
  std::vector<std::string_view> seen;
  for (const auto& i : imports) {
    if (std::find(seen.begin(), seen.end(), i.specifier) != seen.end()) continue;
    seen.push_back(i.specifier);
    if (!import_ids.empty()) import_ids += ", ";
    import_ids += dependency_id(i.specifier, options.module_id);
  }
  std::string id = options.module_id.empty() ? "import.meta.url" : js_string(options.module_id);
  return fmt::format(
      "import {{ createHotContext as __hmrc_createHotContext }} from {}; const {} = "
      "__hmrc_createHotContext({}, {{ url: import.meta.url, selfAccepting: {}, dependencies: "
      "{{{}}}, "
      "imports: [{}]{} }});{}",
      js_string(options.runtime_specifier), kContext, id, uses.self_accepts, dependencies,
      import_ids, exports.has_setter ? ", set: __hmrc_set" : "", exports.header);
}

std::string trap(const HotDevOptions& options) {
  std::string where =
      options.module_id.empty() ? "\" + import.meta.url + \"" : std::string(options.module_id);
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

void rewrite_hot_dev(const HotUses& uses, const std::vector<ImportSpecifier>& imports,
                     const DevExports& exports, const HotDevOptions& options, std::string_view text,
                     EditBuffer& edits) {
  std::string prologue = header(uses, imports, exports, options);
  if (uses.meta_escapes) prologue += trap(options);
  // insert_left: before any edit another pass anchors at the same point.
  edits.insert_left(header_position(text), std::move(prologue));
  if (!exports.trailer.empty()) {
    bool at_line_start = text.empty() || text.back() == '\n' || text.back() == '\r';
    edits.insert_left(static_cast<uint32_t>(text.size()),
                      (at_line_start ? "" : "\n") + exports.trailer + "\n");
  }

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
