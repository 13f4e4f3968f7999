#include "server/updates/missing_imports.hpp"

#include <fmt/format.h>

#include <boost/json/object.hpp>

#include "diagnostics/codes.hpp"
#include "server/file_index.hpp"

namespace hmrc::server {
namespace json = boost::json;

namespace {

// Where `spec` is written in the source, as a quoted string: 1-based line and
// column of its opening quote, or {0, 0}.
std::pair<int, int> position_of(std::string_view source, std::string_view spec) {
  for (char quote : {'"', '\'', '`'}) {
    std::string needle = std::string(1, quote) + std::string(spec) + std::string(1, quote);
    auto at = source.find(needle);
    if (at == std::string_view::npos) continue;
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < at; ++i) {
      if (source[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    return {line, static_cast<int>(at - line_start) + 1};
  }
  return {0, 0};
}

}  // namespace

bool MissingImports::exists(const std::string& id) {
  // A module, an import without extension, or any other file (CSS, JSON).
  return files_.module_file(id) || files_.hash(id.substr(1));
}

ModuleError MissingImports::check(const std::string& id, const std::string& file,
                                  const CompiledModule& compiled) {
  ModuleError error;
  error.file = file;
  std::set<std::string> missing;
  for (const auto& spec : compiled.result.module_info.imports) {
    std::string dep = resolve_specifier(id, spec);
    if (dep.empty() || dep.rfind("/@", 0) == 0 || exists(dep)) continue;
    if (!missing.insert(dep).second) continue;
    auto [line, column] = position_of(compiled.source, spec);
    std::string where = line ? fmt::format("{}:{}:{}", file, line, column) : file;
    std::string message = fmt::format("\"{}\" not found from {} (no file {}, {}.ts, ...)", spec,
                                      where, dep.substr(1), dep.substr(1));
    error.json.emplace_back(json::object{{"file", file},
                                         {"line", line},
                                         {"column", column},
                                         {"code", codes::kImportedFileMissing},
                                         {"message", message},
                                         {"frame", ""}});
    error.text += fmt::format("{}: error: {} [{}]\n", where, message, codes::kImportedFileMissing);
  }
  if (missing.empty())
    waiting_.erase(file);
  else
    waiting_[file] = std::move(missing);
  return error;
}

std::vector<std::string> MissingImports::found() {
  std::vector<std::string> importers;
  for (const auto& [file, ids] : waiting_) {
    for (const auto& id : ids) {
      if (!exists(id)) continue;
      importers.push_back(file);
      break;
    }
  }
  return importers;
}

ModuleError MissingImports::requested(const std::string& id, const std::string& importer) {
  ModuleError error;
  std::string rel = id.substr(1);
  error.file = importer.empty() ? rel : importer.substr(1);
  requested_[id] = error.file;
  std::string message =
      importer.empty() ? fmt::format("\"{}\" not found: a page imports it and no file is there", id)
                       : fmt::format("\"{}\" not found, imported by {} (no file {})", id,
                                     importer.substr(1), rel);
  error.json.emplace_back(json::object{{"file", error.file},
                                       {"line", 0},
                                       {"column", 0},
                                       {"code", codes::kImportedFileMissing},
                                       {"message", message},
                                       {"frame", ""}});
  error.text =
      fmt::format("{}: error: {} [{}]\n", error.file, message, codes::kImportedFileMissing);
  return error;
}

std::vector<std::string> MissingImports::found_requested() {
  std::vector<std::string> ids;
  for (auto it = requested_.begin(); it != requested_.end();) {
    if (exists(it->first)) {
      ids.push_back(it->first);
      it = requested_.erase(it);
    } else {
      ++it;
    }
  }
  return ids;
}

std::vector<std::string> MissingImports::forget_requested_by(const std::string& file) {
  std::vector<std::string> ids;
  for (auto it = requested_.begin(); it != requested_.end();) {
    if (it->second == file) {
      ids.push_back(it->first);
      it = requested_.erase(it);
    } else {
      ++it;
    }
  }
  return ids;
}

}  // namespace hmrc::server
