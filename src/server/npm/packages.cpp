// The server's side of npm packages (packages.hpp).
#include "server/npm/packages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/beast/http.hpp>
#include <boost/json/serialize.hpp>

#include "deps/scan.hpp"
#include "diagnostics/codes.hpp"
#include "server/first_load/html.hpp"
#include "server/http/rules.hpp"
#include "server/log.hpp"
#include "server/updates/errors.hpp"
#include "server/updates/modules.hpp"

namespace hmrc::server {
namespace fs = std::filesystem;
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

bool is_bare_import(std::string_view spec) { return resolve::is_bare(spec); }

// The 1-based line of the first import of `spec` in `source`, 0 if not found.
int line_of(std::string_view source, std::string_view spec) {
  for (char quote : {'"', '\'', '`'}) {
    std::string needle = std::string(1, quote) + std::string(spec) + std::string(1, quote);
    auto at = source.find(needle);
    if (at == std::string_view::npos) continue;
    int line = 1;
    for (std::size_t i = 0; i < at; ++i) line += source[i] == '\n';
    return line;
  }
  return 0;
}

// The bare imports of a compiled module: its own, and those the compiler
// added on the first line (the JSX runtime, "react/jsx-dev-runtime"), which
// ModuleInfo does not list.
std::vector<std::string> bare_imports(const CompiledModule& compiled) {
  std::vector<std::string> out;
  auto add = [&](std::string_view spec) {
    if (is_bare_import(spec) && std::find(out.begin(), out.end(), spec) == out.end())
      out.emplace_back(spec);
  };
  for (const auto& spec : compiled.result.module_info.imports) add(spec);
  std::string_view code = compiled.result.code;
  std::string_view first = code.substr(0, code.find('\n'));
  for (std::size_t at = first.find(" from \""); at != std::string_view::npos;
       at = first.find(" from \"", at + 1)) {
    auto begin = at + 7, end = first.find('"', begin);
    if (end == std::string_view::npos) break;
    add(first.substr(begin, end - begin));
  }
  return out;
}

// Errors of a file's package imports stand apart from its compile errors.
std::string error_key(const std::string& file) {
  return file +
         "\x01"
         "deps";
}

}  // namespace

Packages::Packages(const ServeOptions& options, fs::path real_root, ErrorBoard& errors)
    : root_(std::move(real_root)),
      errors_(errors),
      optimizer_(std::make_unique<deps::Optimizer>(
          root_, deps::OptimizerOptions{options.force, HMRC_VERSION})) {}

Packages::~Packages() = default;

void Packages::walk(const std::string& file, const CompiledModule& compiled, PackageWalk& walk) {
  std::string key = error_key(file);
  ModuleError error;
  error.file = file;
  std::vector<std::string> bare = bare_imports(compiled);
  if (bare.empty()) {
    if (errors_.erase(key)) log_line(fmt::format("fixed imports of {}", file));
    return;
  }
  // The names this module imports from each package, for facades of
  // CommonJS packages whose names static analysis misses. A parse of the
  // module's code, once per version of it (walks repeat).
  auto cached = names_by_etag_.find(compiled.etag);
  if (cached == names_by_etag_.end()) {
    if (names_by_etag_.size() > 10000) names_by_etag_.clear();
    std::map<std::string, std::set<std::string>> names;
    deps::ScannedModule scanned = deps::scan_module(compiled.result.code);
    for (const auto& imp : scanned.imports) {
      if (!is_bare_import(imp.specifier)) continue;
      for (const auto& b : imp.bindings)
        if (b.imported != "default" && b.imported != "*") names[imp.specifier].insert(b.imported);
    }
    cached = names_by_etag_.emplace(compiled.etag, std::move(names)).first;
  }
  for (const auto& [spec, names] : cached->second)
    walk.names[spec].insert(names.begin(), names.end());
  for (const auto& spec : bare) {
    auto lookup = optimizer_->lookup(spec, root_ / file);
    for (const auto* built : lookup.built) {
      if (built->from_disk) continue;
      log_line(fmt::format("deps: bundled {} ({:.1f} ms)", built->url.substr(7), built->build_ms));
      for (const auto& w : built->warnings) log_line("deps: warning: " + w);
    }
    if (lookup.bundle) {
      walk.bundles.emplace_back(spec, lookup.bundle);
      continue;
    }
    int line = line_of(compiled.source, spec);
    std::string where = line ? fmt::format("{}:{}", file, line) : file;
    std::string message = lookup.error;
    std::string head = "\"" + spec + "\" not found";
    if (message.rfind(head, 0) == 0)
      message.insert(head.size(), " from " + where);
    else
      message = fmt::format("cannot resolve \"{}\" from {}: {}", spec, where, message);
    error.json.emplace_back(json::object{{"file", file},
                                         {"line", line},
                                         {"column", 1},
                                         {"code", codes::kDepNotResolved},
                                         {"message", message},
                                         {"frame", ""}});
    error.text += fmt::format("{}: error: {} [{}]\n", where, message, codes::kDepNotResolved);
  }
  if (error.json.empty()) {
    if (errors_.erase(key)) log_line(fmt::format("fixed imports of {}", file));
    return;
  }
  ++walk.errors;
  const ModuleError* known = errors_.find(key);
  bool same = known && known->text == error.text;
  errors_.set(key, std::move(error));
  if (!same) errors_.report();
}

std::vector<std::pair<std::string, std::string>> Packages::map_entries(const PackageWalk& walk) {
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> keys;
  for (const auto& [spec, bundle] : walk.bundles) {
    std::string url = versioned_url({bundle->url, bundle->version});
    // Every name any module imported from it so far: a facade only grows.
    auto& wanted = wanted_names_[spec];
    if (auto names = walk.names.find(spec); names != walk.names.end())
      wanted.insert(names->second.begin(), names->second.end());
    bool missing = std::any_of(wanted.begin(), wanted.end(), [&](const std::string& n) {
      return std::find(bundle->names.begin(), bundle->names.end(), n) == bundle->names.end();
    });
    if (!bundle->esm && missing) {
      // The facade re-exports the bundle and reads each name from
      // module.exports, as esbuild's interop does: one instance still.
      std::string target = json::serialize(json::string(bundle->url));
      std::string code = "import * as m from " + target + ";\nexport * from " + target +
                         ";\nexport default m.default;\nconst e = m.__hmrc_cjs;\n";
      int i = 0;
      for (const auto& name : wanted) {
        code += fmt::format("const n{} = e == null ? undefined : e[{}];\nexport {{ n{} as {} }};\n",
                            i, json::serialize(json::string(name)), i,
                            json::serialize(json::string(name)));
        ++i;
      }
      std::string hash = hash_hex(content_hash(code));
      std::string path = "/@deps/facade/" + hash + ".js";
      facades_[path] = code;
      url = path + "?v=" + hash;
    }
    if (keys.insert(spec).second) out.emplace_back(spec, url);
    for (const auto* b : optimizer_->closure(*bundle))
      if (keys.insert(b->url).second)
        out.emplace_back(encode_url_path(b->url), versioned_url({b->url, b->version}));
  }
  for (const auto& [key, url] : out) mapped_[key] = url;
  return out;
}

// Bundled now and added to `import_map`, which the client adds to the page
// as a second import map (Chromium 133+ merges them; the client reloads
// where that fails). The page must reload instead when a specifier it maps
// already needs another URL (a bundle or facade that changed).
std::string Packages::new_imports(const std::string& file, const CompiledModule& compiled,
                                  json::object& import_map) {
  PackageWalk found;
  walk(file, compiled, found);
  if (found.bundles.empty()) return {};
  auto before = mapped_;
  for (const auto& [key, url] : map_entries(found)) {
    auto known = before.find(key);
    if (known != before.end() && known->second != url) {
      mapped_[key] = known->second;  // the pages still map the old one
      return fmt::format("\"{}\" needs a new bundle", key);
    }
    if (known == before.end()) import_map[key] = url;
  }
  return {};
}

http::message_generator Packages::serve(const Request& request, const std::string& path,
                                        std::string_view version) {
  static constexpr std::string_view kJavaScript = "text/javascript; charset=utf-8";
  if (auto facade = facades_.find(path); facade != facades_.end())  // named by its code's hash
    return reply(request, http::status::ok, kJavaScript, facade->second, {}, kImmutable);
  const deps::DepBundle* bundle = optimizer_->find(path);
  if (!bundle)
    return text_reply(request, http::status::not_found, "no such dependency bundle: " + path);
  return reply(request, http::status::ok, kJavaScript, bundle->code, "\"" + bundle->version + "\"",
               version == bundle->version ? kImmutable : "no-cache");
}

}  // namespace hmrc::server
