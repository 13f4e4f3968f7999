// The server's side of npm dependencies (src/deps does the work): bare
// imports found by the graph walk are resolved and pre-bundled, listed in the
// page's import map ("react" -> /@deps/react@19.3.1/index.js?v=…), served
// from /@deps/…, and an import that cannot be resolved is an error on the
// overlay and one terminal line, never a blank page:
//
//   src/main.ts:3: "lodash" not found from src/main.ts:3 (no node_modules/lodash above it; run npm install?)
//
// Dependencies are not watched and are not HMR boundaries; an update that
// brings an import the page's map lacks reloads the page (an import map
// cannot be changed once modules loaded).
#include <fmt/format.h>

#include <algorithm>
#include <boost/beast/http.hpp>
#include <boost/json/serialize.hpp>

#include "deps/scan.hpp"
#include "html_page.hpp"
#include "http_rules.hpp"
#include "server.hpp"

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

}  // namespace

static std::string dep_error_key(const std::string& file) { return file + "\x01" "deps"; }

// Resolves (and bundles, once) the bare imports of a module the walk reached.
void Server::walk_deps(const std::string& file, const CompiledModule& compiled, GraphWalk& walk) {
  std::string key = dep_error_key(file);
  ModuleError error;
  error.file = file;
  std::vector<std::string> bare = bare_imports(compiled);
  if (bare.empty()) {
    if (errors_.erase(key)) log(fmt::format("fixed imports of {}", file));
    return;
  }
  // The names this module imports from each package, for facades of
  // CommonJS packages whose names static analysis misses. A parse of the
  // module's code, once per version of it (walks repeat).
  auto cached = dep_names_.find(compiled.etag);
  if (cached == dep_names_.end()) {
    if (dep_names_.size() > 10000) dep_names_.clear();
    std::map<std::string, std::set<std::string>> names;
    deps::ScannedModule scanned = deps::scan_module(compiled.result.code);
    for (const auto& imp : scanned.imports) {
      if (!is_bare_import(imp.specifier)) continue;
      for (const auto& b : imp.bindings)
        if (b.imported != "default" && b.imported != "*") names[imp.specifier].insert(b.imported);
    }
    cached = dep_names_.emplace(compiled.etag, std::move(names)).first;
  }
  for (const auto& [spec, names] : cached->second) walk.names[spec].insert(names.begin(), names.end());
  for (const auto& spec : bare) {
    auto lookup = deps_->lookup(spec, root_ / file);
    for (const auto* built : lookup.built) {
      if (built->from_disk) continue;
      log(fmt::format("deps: bundled {} ({:.1f} ms)", built->url.substr(7), built->build_ms));
      for (const auto& w : built->warnings) log("deps: warning: " + w);
    }
    if (lookup.bundle) {
      walk.deps.emplace_back(spec, lookup.bundle);
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
                                         {"code", "DEP001"},
                                         {"message", message},
                                         {"frame", ""}});
    error.text += fmt::format("{}: error: {} [DEP001]\n", where, message);
  }
  if (error.json.empty()) {
    if (errors_.erase(key)) log(fmt::format("fixed imports of {}", file));
    return;
  }
  ++walk.dep_errors;
  auto known = errors_.find(key);
  bool same = known != errors_.end() && known->second.text == error.text;
  errors_[key] = std::move(error);
  if (!same) report_errors();
}

// Import map entries of the walk's dependencies: each bare specifier, and
// each bundle's own URL (bundles import each other by URL).
std::vector<std::pair<std::string, std::string>> Server::dep_map_entries(const GraphWalk& walk) {
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> keys;
  for (const auto& [spec, bundle] : walk.deps) {
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
        code += fmt::format("const n{} = e == null ? undefined : e[{}];\nexport {{ n{} as {} }};\n", i, json::serialize(json::string(name)), i, json::serialize(json::string(name)));
        ++i;
      }
      std::string hash = hash_hex(content_hash(code));
      std::string path = "/@deps/facade/" + hash + ".js";
      facades_[path] = code;
      url = path + "?v=" + hash;
    }
    if (keys.insert(spec).second) out.emplace_back(spec, url);
    for (const auto* b : deps_->closure(*bundle))
      if (keys.insert(b->url).second) out.emplace_back(encode_url_path(b->url), versioned_url({b->url, b->version}));
  }
  for (const auto& [key, url] : out) mapped_bare_[key] = url;
  return out;
}

// Packages an update imports that the pages' import maps do not name:
// bundled now and added to `import_map`, which the client adds to the page
// as a second import map (Chromium 133+ merges them; the client reloads
// where that fails). Returns why the page must reload instead: a specifier
// the page maps already now needs another URL (a bundle or facade it has
// changed), since an import map entry cannot be replaced.
std::string Server::new_dependencies(const std::string& file, const CompiledModule& compiled,
                                     json::object& import_map) {
  GraphWalk walk;
  walk_deps(file, compiled, walk);
  if (walk.deps.empty()) return {};
  auto before = mapped_bare_;
  for (const auto& [key, url] : dep_map_entries(walk)) {
    auto known = before.find(key);
    if (known != before.end() && known->second != url) {
      mapped_bare_[key] = known->second;  // the pages still map the old one
      return fmt::format("\"{}\" needs a new bundle", key);
    }
    if (known == before.end()) import_map[key] = url;
  }
  return {};
}

std::optional<http::message_generator> Server::serve_dep(const Request& request,
                                                         const std::string& path,
                                                         std::string_view version) {
  if (auto facade = facades_.find(path); facade != facades_.end()) {
    http::response<http::string_body> res{http::status::ok, request.version()};
    res.set("X-Content-Type-Options", "nosniff");
    res.set(http::field::content_type, "text/javascript; charset=utf-8");
    res.set(http::field::cache_control, kImmutable);  // named by the hash of its code
    res.keep_alive(request.keep_alive());
    res.body() = facade->second;
    res.prepare_payload();
    return http::message_generator(std::move(res));
  }
  const deps::DepBundle* bundle = deps_->find(path);
  http::response<http::string_body> res{http::status::ok, request.version()};
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(request.keep_alive());
  if (!bundle) {
    res.result(http::status::not_found);
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.set(http::field::cache_control, "no-cache");
    res.body() = "no such dependency bundle: " + path + "\n";
    res.prepare_payload();
    return http::message_generator(std::move(res));
  }
  std::string etag = "\"" + bundle->version + "\"";
  res.set(http::field::content_type, "text/javascript; charset=utf-8");
  res.set(http::field::cache_control, version == bundle->version ? kImmutable : "no-cache");
  res.set(http::field::etag, etag);
  if (request[http::field::if_none_match] == etag) {
    res.result(http::status::not_modified);
    return http::message_generator(std::move(res));
  }
  if (request.method() == http::verb::head) {
    http::response<http::empty_body> head{std::move(res.base())};
    head.content_length(bundle->code.size());
    return http::message_generator(std::move(head));
  }
  res.body() = bundle->code;
  res.prepare_payload();
  return http::message_generator(std::move(res));
}

}  // namespace hmrc::server
