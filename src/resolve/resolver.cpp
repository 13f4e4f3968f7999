// Node's resolution algorithms (see resolver.hpp). Errors travel as a
// ResolveError exception inside this file only, as the spec's "throw"s do,
// and come out of Resolver::resolve as a Resolved with `code` set.
#include "resolve/resolver.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <system_error>

namespace hmrc::resolve {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

struct ResolveError {
  std::string code;
  std::string message;
};

[[noreturn]] void fail(std::string code, std::string message) {
  throw ResolveError{std::move(code), std::move(message)};
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}
bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

std::string qt(std::string_view s) { return "\"" + std::string(s) + "\""; }

// "scheme:" with a scheme of two letters or more (one letter would be a
// Windows drive).
bool is_url(std::string_view s) {
  auto colon = s.find(':');
  if (colon == std::string_view::npos || colon < 2) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

bool is_relative(std::string_view s) {
  return s == "." || s == ".." || starts_with(s, "./") || starts_with(s, "../") ||
         starts_with(s, "/");
}

std::vector<std::string_view> split_segments(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '/' || s[i] == '\\') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool invalid_segment(std::string_view seg, bool allow_empty) {
  if (seg.empty()) return !allow_empty;
  if (seg == "." || seg == "..") return true;
  std::string l = lower(seg);
  // Percent-encoded forms of the same, as Node checks them.
  return l == "node_modules" || l == "%2e" || l == "%2e%2e" || l == ".%2e" || l == "%2e." ||
         l == "node%5fmodules";
}

// Node: "If target split on "/" or "\" contains any "", ".", "..", or
// "node_modules" segments after the first "." segment".
bool has_invalid_segments(std::string_view target, bool skip_first) {
  auto segments = split_segments(target);
  for (std::size_t i = skip_first ? 1 : 0; i < segments.size(); ++i)
    if (invalid_segment(segments[i], false)) return true;
  return false;
}

std::string replace_all(std::string_view s, std::string_view what, std::string_view with) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    auto hit = s.find(what, pos);
    if (hit == std::string_view::npos) break;
    out.append(s.substr(pos, hit - pos));
    out.append(with);
    pos = hit + what.size();
  }
  out.append(s.substr(pos));
  return out;
}

// PATTERN_KEY_COMPARE: more specific patterns (longer base, then longer key) first.
bool pattern_key_before(std::string_view a, std::string_view b) {
  auto star_a = a.find('*'), star_b = b.find('*');
  std::size_t base_a = star_a == std::string_view::npos ? a.size() : star_a + 1;
  std::size_t base_b = star_b == std::string_view::npos ? b.size() : star_b + 1;
  if (base_a != base_b) return base_a > base_b;
  if (star_a == std::string_view::npos) return false;
  if (star_b == std::string_view::npos) return true;
  return a.size() > b.size();
}

constexpr std::array<std::string_view, 44> kBuiltins = {"assert",
                                                        "async_hooks",
                                                        "buffer",
                                                        "child_process",
                                                        "cluster",
                                                        "console",
                                                        "constants",
                                                        "crypto",
                                                        "dgram",
                                                        "diagnostics_channel",
                                                        "dns",
                                                        "domain",
                                                        "events",
                                                        "fs",
                                                        "http",
                                                        "http2",
                                                        "https",
                                                        "inspector",
                                                        "module",
                                                        "net",
                                                        "os",
                                                        "path",
                                                        "perf_hooks",
                                                        "process",
                                                        "punycode",
                                                        "querystring",
                                                        "readline",
                                                        "repl",
                                                        "stream",
                                                        "string_decoder",
                                                        "sys",
                                                        "timers",
                                                        "tls",
                                                        "trace_events",
                                                        "tty",
                                                        "url",
                                                        "util",
                                                        "v8",
                                                        "vm",
                                                        "wasi",
                                                        "worker_threads",
                                                        "zlib",
                                                        "fs/promises",
                                                        "path/posix"};

// The resolution of one specifier: the spec's functions as methods, sharing
// the options and the package.json cache.
class Resolution {
 public:
  Resolution(PackageJsonCache& packages, const ResolveOptions& options)
      : packages_(packages), options_(options) {}

  Resolved run(std::string_view specifier, const fs::path& importer);

 private:
  const PackageJson* read_package(const fs::path& dir) {
    const PackageJson* pkg = packages_.in_dir(dir);
    if (pkg && !pkg->error.empty())
      fail("ERR_INVALID_PACKAGE_CONFIG",
           (dir / "package.json").string() + " is malformed: " + pkg->error);
    return pkg;
  }
  bool condition_matches(std::string_view key) const {
    return key == "default" || std::find(options_.conditions.begin(), options_.conditions.end(),
                                         key) != options_.conditions.end();
  }

  fs::path esm_resolve(std::string_view specifier, const fs::path& parent_dir);
  fs::path require_resolve(std::string_view specifier, const fs::path& parent_dir);
  fs::path package_resolve(std::string_view specifier, const fs::path& parent_dir);
  std::optional<fs::path> package_self_resolve(std::string_view name, std::string_view subpath,
                                               const fs::path& parent_dir);
  fs::path package_exports_resolve(const PackageJson& pkg, std::string_view subpath);
  fs::path package_imports_resolve(std::string_view specifier, const fs::path& parent_dir);
  std::optional<fs::path> imports_exports_resolve(std::string_view key, const json::object& map,
                                                  const PackageJson& pkg, bool is_imports);
  // nullopt: "undefined" in the spec; a path with `null_` set: null.
  std::optional<fs::path> target_resolve(const PackageJson& pkg, const json::value& target,
                                         const std::string* pattern, bool is_imports);
  fs::path package_main(const PackageJson& pkg);
  fs::path no_exports_subpath(const PackageJson& pkg, std::string_view subpath);
  std::optional<fs::path> load_as_file(const fs::path& p);
  std::optional<fs::path> load_index(const fs::path& p);
  std::optional<fs::path> load_as_directory(const fs::path& p);
  std::optional<fs::path> load_file_or_directory(const fs::path& p) {
    if (auto f = load_as_file(p)) return f;
    return load_as_directory(p);
  }
  const PackageJson* package_scope(const fs::path& dir);
  std::vector<std::string_view> extensions() const {
    if (options_.kind == Kind::require && !options_.probe) return {".js", ".json", ".node"};
    return {".js", ".mjs", ".cjs", ".json", ".jsx", ".ts", ".tsx", ".node"};
  }
  std::optional<std::string> browser_remap(const PackageJson& pkg, const fs::path& file);

  PackageJsonCache& packages_;
  const ResolveOptions& options_;
  bool null_ = false;     // the last target resolved to null (exports blocks the path)
  bool empty_ = false;    // the browser field mapped the module to false
  bool builtin_ = false;  // a Node builtin
  std::string builtin_name_;
};

const PackageJson* Resolution::package_scope(const fs::path& start) {
  fs::path dir = start;
  while (true) {
    if (dir.filename() == "node_modules") return nullptr;
    if (const PackageJson* pkg = read_package(dir)) return pkg;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return nullptr;
    dir = dir.parent_path();
  }
}

std::optional<fs::path> Resolution::load_as_file(const fs::path& p) {
  if (is_file(p)) return p;
  for (auto ext : extensions()) {
    fs::path with = p;
    with += std::string(ext);
    if (is_file(with)) return with;
  }
  return std::nullopt;
}

std::optional<fs::path> Resolution::load_index(const fs::path& p) {
  for (auto ext : extensions()) {
    fs::path index = p / ("index" + std::string(ext));
    if (is_file(index)) return index;
  }
  return std::nullopt;
}

std::optional<fs::path> Resolution::load_as_directory(const fs::path& p) {
  if (!is_dir(p)) return std::nullopt;
  if (const PackageJson* pkg = read_package(p)) {
    std::string main;
    if (options_.browser_field && pkg->browser.is_string()) main = pkg->browser.get_string();
    if (main.empty() && options_.module_field) main = pkg->module;
    if (main.empty()) main = pkg->main;
    if (!main.empty()) {
      fs::path m = (p / main).lexically_normal();
      if (auto f = load_as_file(m)) return f;
      if (auto f = load_index(m)) return f;
    }
  }
  return load_index(p);
}

// A file of a package remapped by its "browser" object: the replacement
// path (relative to the package), "" for false, nullopt when not mapped.
std::optional<std::string> Resolution::browser_remap(const PackageJson& pkg, const fs::path& file) {
  if (!options_.browser_field || !pkg.browser.is_object()) return std::nullopt;
  std::string rel = file.lexically_relative(pkg.dir).generic_string();
  if (rel.empty() || starts_with(rel, "..")) return std::nullopt;
  const json::object& map = pkg.browser.get_object();
  // Keys name files with or without "./" and with or without the extension.
  std::vector<std::string> candidates = {rel};
  for (auto ext : {".js", ".json", ".mjs", ".cjs"})
    if (ends_with(rel, ext)) candidates.push_back(rel.substr(0, rel.size() - std::strlen(ext)));
  if (ends_with(rel, "/index.js")) candidates.push_back(rel.substr(0, rel.size() - 9));
  for (const auto& [key, value] : map) {
    std::string k(key);
    if (starts_with(k, "./")) k = k.substr(2);
    if (std::find(candidates.begin(), candidates.end(), k) == candidates.end()) continue;
    if (value.is_bool() && !value.get_bool()) return std::string();
    if (value.is_string()) return std::string(value.get_string());
  }
  return std::nullopt;
}

fs::path Resolution::package_main(const PackageJson& pkg) {
  std::vector<std::string> mains;
  if (options_.browser_field && pkg.browser.is_string())
    mains.emplace_back(pkg.browser.get_string());
  if (options_.module_field && !pkg.module.empty()) mains.push_back(pkg.module);
  if (!pkg.main.empty()) mains.push_back(pkg.main);
  // LEGACY_MAIN_RESOLVE (ESM) and LOAD_AS_DIRECTORY (require) try the same
  // files for a main: itself, with an extension, as a folder's index.
  bool esm_strict = options_.kind == Kind::import && !options_.probe;
  for (const auto& main : mains) {
    fs::path m = (pkg.dir / main).lexically_normal();
    if (esm_strict) {
      for (std::string_view suffix :
           {"", ".js", ".json", ".node", "/index.js", "/index.json", "/index.node"}) {
        fs::path c = m;
        c += std::string(suffix);
        if (is_file(c)) return c;
      }
    } else {
      if (auto f = load_as_file(m)) return *f;
      if (auto f = load_index(m)) return *f;
    }
  }
  if (esm_strict) {
    if (is_file(pkg.dir / "index.js")) return pkg.dir / "index.js";
    if (is_file(pkg.dir / "index.json")) return pkg.dir / "index.json";
    if (is_file(pkg.dir / "index.node")) return pkg.dir / "index.node";
  } else if (auto f = load_index(pkg.dir)) {
    return *f;
  }
  fail("ERR_MODULE_NOT_FOUND", "package " + qt(pkg.name) + " has no entry point (" +
                                   (mains.empty() ? std::string("no \"main\" and no index.js")
                                                  : "\"" + mains.front() + "\" does not exist") +
                                   ") in " + pkg.dir.string());
}

fs::path Resolution::no_exports_subpath(const PackageJson& pkg, std::string_view subpath) {
  if (subpath == ".") return package_main(pkg);
  fs::path p = (pkg.dir / std::string(subpath.substr(2))).lexically_normal();
  if (options_.kind == Kind::import && !options_.probe) return p;  // checked by the caller
  if (auto f = load_file_or_directory(p)) return *f;
  fail("ERR_MODULE_NOT_FOUND", std::string(subpath.substr(2)) + " does not exist in package " +
                                   qt(pkg.name) + " (" + pkg.dir.string() + ")");
}

std::optional<fs::path> Resolution::target_resolve(const PackageJson& pkg,
                                                   const json::value& target,
                                                   const std::string* pattern, bool is_imports) {
  null_ = false;
  if (target.is_string()) {
    std::string_view t = target.get_string();
    if (!starts_with(t, "./")) {
      if (!is_imports || starts_with(t, "../") || starts_with(t, "/") || is_url(t))
        fail("ERR_INVALID_PACKAGE_TARGET",
             "invalid target " + qt(t) + " in " + (pkg.dir / "package.json").string());
      // "imports" may map to another package.
      std::string spec = pattern ? replace_all(t, "*", *pattern) : std::string(t);
      return package_resolve(spec, pkg.dir);
    }
    if (has_invalid_segments(t, true))
      fail("ERR_INVALID_PACKAGE_TARGET",
           "invalid target " + qt(t) + " in " + (pkg.dir / "package.json").string());
    if (pattern) {
      if (has_invalid_segments(*pattern, false))
        fail("ERR_INVALID_MODULE_SPECIFIER",
             "the subpath " + qt(*pattern) + " is not a valid package subpath");
      return (pkg.dir / replace_all(t.substr(2), "*", *pattern)).lexically_normal();
    }
    return (pkg.dir / std::string(t.substr(2))).lexically_normal();
  }
  if (target.is_object()) {
    for (const auto& [key, value] : target.get_object()) {
      if (!condition_matches(key)) continue;
      auto resolved = target_resolve(pkg, value, pattern, is_imports);
      if (!resolved) continue;  // undefined: try the next condition
      return resolved;
    }
    null_ = false;
    return std::nullopt;
  }
  if (target.is_array()) {
    const json::array& items = target.get_array();
    if (items.empty()) {
      null_ = true;
      return fs::path();
    }
    // As Node's resolvePackageTarget: an invalid target or a null tries the
    // next item; the last of them is the answer when none resolves.
    std::optional<ResolveError> last_error;
    bool last_null = false;
    for (const auto& item : items) {
      try {
        auto resolved = target_resolve(pkg, item, pattern, is_imports);
        if (!resolved) continue;
        if (null_) {
          last_error.reset();
          last_null = true;
          continue;
        }
        return resolved;
      } catch (const ResolveError& e) {
        if (e.code != "ERR_INVALID_PACKAGE_TARGET") throw;
        last_error = e;
        last_null = false;
      }
    }
    if (last_error) throw *last_error;
    null_ = last_null;
    if (last_null) return fs::path();
    return std::nullopt;
  }
  if (target.is_null()) {
    null_ = true;
    return fs::path();
  }
  fail("ERR_INVALID_PACKAGE_TARGET", "invalid target in " + (pkg.dir / "package.json").string());
}

std::optional<fs::path> Resolution::imports_exports_resolve(std::string_view key,
                                                            const json::object& map,
                                                            const PackageJson& pkg,
                                                            bool is_imports) {
  if (key.find('*') == std::string_view::npos) {
    if (const json::value* target = map.if_contains(key)) {
      auto r = target_resolve(pkg, *target, nullptr, is_imports);
      return r ? r : std::optional<fs::path>(fs::path());
    }
  }
  std::vector<std::string_view> keys;
  for (const auto& [k, v] : map) {
    std::string_view ks = k;
    auto star = ks.find('*');
    if (star != std::string_view::npos && ks.find('*', star + 1) == std::string_view::npos)
      keys.push_back(ks);
  }
  std::stable_sort(keys.begin(), keys.end(), pattern_key_before);
  for (auto k : keys) {
    auto star = k.find('*');
    std::string_view base = k.substr(0, star), trailer = k.substr(star + 1);
    if (!starts_with(key, base) || key == base) continue;
    if (!trailer.empty() && (!ends_with(key, trailer) || key.size() < k.size())) continue;
    std::string match(key.substr(base.size(), key.size() - base.size() - trailer.size()));
    auto r = target_resolve(pkg, map.at(k), &match, is_imports);
    return r ? r : std::optional<fs::path>(fs::path());
  }
  return std::nullopt;
}

fs::path Resolution::package_exports_resolve(const PackageJson& pkg, std::string_view subpath) {
  const json::value& exports = pkg.exports;
  bool dot_keys = false, other_keys = false;
  if (exports.is_object()) {
    for (const auto& [k, v] : exports.get_object())
      (starts_with(k, ".") ? dot_keys : other_keys) = true;
    if (dot_keys && other_keys)
      fail("ERR_INVALID_PACKAGE_CONFIG", "\"exports\" of " + (pkg.dir / "package.json").string() +
                                             " mixes subpaths and conditions");
  }
  std::optional<fs::path> resolved;
  if (subpath == ".") {
    const json::value* main = nullptr;
    if (exports.is_string() || exports.is_array() || (exports.is_object() && !dot_keys))
      main = &exports;
    else if (exports.is_object())
      main = exports.get_object().if_contains(".");
    if (main) resolved = target_resolve(pkg, *main, nullptr, false);
  } else if (exports.is_object() && dot_keys) {
    resolved = imports_exports_resolve(subpath, exports.get_object(), pkg, false);
  }
  if (resolved && !resolved->empty()) return *resolved;
  std::string what = subpath == "." ? "no \".\" entry for these conditions"
                                    : "subpath " + qt(subpath) + " is not exported";
  std::string conditions;
  for (const auto& c : options_.conditions) conditions += c + ", ";
  fail("ERR_PACKAGE_PATH_NOT_EXPORTED",
       "package " + qt(pkg.name) + ": " + what +
           " by its package.json \"exports\" (conditions: " + conditions + "default)");
}

fs::path Resolution::package_imports_resolve(std::string_view specifier,
                                             const fs::path& parent_dir) {
  if (specifier == "#" || starts_with(specifier, "#/"))
    fail("ERR_INVALID_MODULE_SPECIFIER", qt(specifier) + " is not a valid import name");
  if (const PackageJson* pkg = package_scope(parent_dir)) {
    if (pkg->imports.is_object()) {
      auto r = imports_exports_resolve(specifier, pkg->imports.get_object(), *pkg, true);
      if (r && !r->empty()) return *r;
    }
    fail("ERR_PACKAGE_IMPORT_NOT_DEFINED", qt(specifier) + " is not defined in \"imports\" of " +
                                               (pkg->dir / "package.json").string());
  }
  fail("ERR_PACKAGE_IMPORT_NOT_DEFINED",
       qt(specifier) + ": no package.json above the importer to define it");
}

std::optional<fs::path> Resolution::package_self_resolve(std::string_view name,
                                                         std::string_view subpath,
                                                         const fs::path& parent_dir) {
  const PackageJson* pkg = package_scope(parent_dir);
  if (!pkg || !pkg->has_exports || pkg->name != name) return std::nullopt;
  return package_exports_resolve(*pkg, subpath);
}

fs::path Resolution::package_resolve(std::string_view specifier, const fs::path& parent_dir) {
  std::string name = package_name_of(specifier);
  if (name.empty())
    // require() has no such check: it just finds nothing.
    fail(options_.kind == Kind::require ? "ERR_MODULE_NOT_FOUND" : "ERR_INVALID_MODULE_SPECIFIER",
         qt(specifier) + " is not a valid package name");
  std::string subpath = "." + std::string(specifier.substr(name.size()));
  // The importing package's own "browser" map may replace a package.
  if (options_.browser_field) {
    if (const PackageJson* scope = package_scope(parent_dir); scope && scope->browser.is_object()) {
      if (const json::value* v = scope->browser.get_object().if_contains(specifier)) {
        if (v->is_bool() && !v->get_bool()) {
          empty_ = true;
          return {};
        }
        if (v->is_string() && std::string_view(v->get_string()) != specifier) {
          std::string_view to = v->get_string();
          if (starts_with(to, "./"))
            return (scope->dir / std::string(to.substr(2))).lexically_normal();
          return package_resolve(to, parent_dir);
        }
      }
    }
  }
  if (is_node_builtin(specifier)) {
    builtin_ = true;
    builtin_name_ = std::string(specifier);
    return fs::path("node:" + std::string(specifier));
  }
  if (auto self = package_self_resolve(name, subpath, parent_dir)) return *self;
  fs::path dir = parent_dir;
  while (true) {
    fs::path candidate = dir / "node_modules" / name;
    if (dir.filename() != "node_modules" && is_dir(candidate)) {
      const PackageJson* pkg = read_package(candidate);
      if (pkg && pkg->has_exports) return package_exports_resolve(*pkg, subpath);
      if (pkg) return no_exports_subpath(*pkg, subpath);
      // A folder without package.json: its index, or the subpath.
      PackageJson bare;
      bare.dir = candidate;
      bare.name = name;
      return no_exports_subpath(bare, subpath);
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  if (is_node_builtin(name)) {
    builtin_ = true;
    builtin_name_ = name;
    return fs::path("node:" + name);
  }
  fail("ERR_MODULE_NOT_FOUND",
       qt(name) + " not found (no node_modules/" + name + " above it; run npm install?)");
}

fs::path Resolution::esm_resolve(std::string_view specifier, const fs::path& parent_dir) {
  if (is_relative(specifier)) {
    fs::path p = specifier.front() == '/' ? fs::path(std::string(specifier))
                                          : parent_dir / std::string(specifier);
    p = p.lexically_normal();
    if (options_.probe && !is_file(p)) {
      if (auto f = load_file_or_directory(p)) return *f;
    }
    return p;
  }
  if (starts_with(specifier, "#")) return package_imports_resolve(specifier, parent_dir);
  if (starts_with(specifier, "node:")) {
    builtin_ = true;
    builtin_name_ = std::string(specifier.substr(5));
    return fs::path(std::string(specifier));
  }
  if (is_url(specifier))
    fail("ERR_UNSUPPORTED_RESOLVE_REQUEST", qt(specifier) + " is a URL, not a module path");
  return package_resolve(specifier, parent_dir);
}

fs::path Resolution::require_resolve(std::string_view specifier, const fs::path& parent_dir) {
  if (starts_with(specifier, "node:")) {
    builtin_ = true;
    builtin_name_ = std::string(specifier.substr(5));
    return fs::path(std::string(specifier));
  }
  if (is_relative(specifier)) {
    fs::path p = specifier.front() == '/' ? fs::path(std::string(specifier))
                                          : parent_dir / std::string(specifier);
    std::string s(specifier);
    p = p.lexically_normal();
    // "./dir/" names the folder only.
    bool folder = ends_with(s, "/") || s == "." || s == "..";
    if (!folder)
      if (auto f = load_as_file(p)) return *f;
    if (auto f = load_as_directory(p)) return *f;
    fail("ERR_MODULE_NOT_FOUND", "cannot find " + qt(specifier) + " (tried " + p.string() +
                                     " with .js, .json, .node and as a folder)");
  }
  if (starts_with(specifier, "#")) return package_imports_resolve(specifier, parent_dir);
  return package_resolve(specifier, parent_dir);
}

Resolved Resolution::run(std::string_view specifier, const fs::path& importer) {
  Resolved out;
  try {
    if (specifier.empty()) fail("ERR_INVALID_MODULE_SPECIFIER", "empty specifier");
    std::error_code ec;
    fs::path from = fs::weakly_canonical(importer, ec);
    if (ec) from = importer;
    fs::path parent_dir = from.parent_path();
    fs::path p = options_.kind == Kind::import ? esm_resolve(specifier, parent_dir)
                                               : require_resolve(specifier, parent_dir);
    if (builtin_) {
      out.builtin = true;
      out.path = fs::path(starts_with(p.string(), "node:") ? p.string() : "node:" + builtin_name_);
      if (options_.kind == Kind::require && !starts_with(specifier, "node:"))
        out.path = builtin_name_;
      return out;
    }
    if (empty_) {
      out.empty_module = true;
      return out;
    }
    std::string ps = p.string();
    if (ps.find("%2F") != std::string::npos || ps.find("%2f") != std::string::npos ||
        ps.find("%5C") != std::string::npos || ps.find("%5c") != std::string::npos)
      fail("ERR_INVALID_MODULE_SPECIFIER", qt(specifier) + " contains an encoded / or \\");
    if (is_dir(p))
      fail("ERR_UNSUPPORTED_DIR_IMPORT",
           qt(specifier) + " is a folder (" + p.string() + "); import a file in it");
    if (!is_file(p))
      fail("ERR_MODULE_NOT_FOUND", qt(specifier) + ": " + p.string() + " does not exist");
    fs::path real = fs::canonical(p, ec);
    if (ec) fail("ERR_MODULE_NOT_FOUND", p.string() + ": " + ec.message());
    // The package's "browser" map may replace the file itself.
    if (options_.browser_field) {
      fs::path dir = real.parent_path();
      const PackageJson* scope = package_scope(dir);
      if (scope) {
        if (auto to = browser_remap(*scope, real)) {
          if (to->empty()) {
            out.empty_module = true;
            return out;
          }
          fs::path mapped = (scope->dir / *to).lexically_normal();
          auto f = load_as_file(mapped);
          if (!f) f = load_index(mapped);
          if (!f)
            fail("ERR_MODULE_NOT_FOUND", "\"browser\" maps " + real.string() + " to " +
                                             mapped.string() + ", which does not exist");
          real = fs::canonical(*f, ec);
        }
      }
    }
    out.path = real;
  } catch (const ResolveError& e) {
    out.code = e.code;
    out.error = e.message;
    out.path.clear();
  }
  return out;
}

}  // namespace

ResolveOptions browser_options(Kind kind) {
  ResolveOptions o;
  o.kind = kind;
  o.conditions = {"browser", "development", kind == Kind::import ? "import" : "require", "module"};
  o.browser_field = true;
  o.module_field = true;
  o.probe = true;
  return o;
}

ResolveOptions node_options(Kind kind, const std::vector<std::string>& extra) {
  ResolveOptions o;
  o.kind = kind;
  o.conditions = {"node", kind == Kind::import ? "import" : "require"};
  o.conditions.insert(o.conditions.end(), extra.begin(), extra.end());
  return o;
}

Resolved Resolver::resolve(std::string_view specifier, const fs::path& importer,
                           const ResolveOptions& options) {
  return Resolution(packages_, options).run(specifier, importer);
}

const PackageJson* Resolver::package_of(const fs::path& file) {
  fs::path dir = file.parent_path();
  while (!dir.empty()) {
    if (const PackageJson* pkg = packages_.in_dir(dir);
        pkg && pkg->error.empty() && !pkg->name.empty())
      return pkg;
    if (dir.filename() == "node_modules" || dir.parent_path() == dir) return nullptr;
    dir = dir.parent_path();
  }
  return nullptr;
}

bool is_bare(std::string_view s) {
  return !s.empty() && !is_relative(s) && s.front() != '#' && !is_url(s);
}

std::string package_name_of(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.find('\\') != std::string_view::npos ||
      s.find('%') != std::string_view::npos)
    return {};
  auto slash = s.find('/');
  if (s.front() == '@') {
    if (slash == std::string_view::npos || slash == 1) return {};
    auto second = s.find('/', slash + 1);
    std::string_view name = s.substr(0, second);
    if (name.size() == slash + 1) return {};
    return std::string(name);
  }
  return std::string(s.substr(0, slash));
}

bool is_node_builtin(std::string_view name) {
  return std::find(kBuiltins.begin(), kBuiltins.end(), name) != kBuiltins.end();
}

}  // namespace hmrc::resolve
