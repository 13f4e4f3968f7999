// The dependency bundler (see bundle.hpp): a worklist over the files an
// entry reaches (no recursion), each scanned once (scan.hpp), then one pass
// writing each file's text with its edits into the registry.
#include "deps/bundle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "deps/scan.hpp"

namespace hmrc::deps {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// A file this large in a package is not a module meant for a browser.
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

// The registry every bundle carries. __hmrc_require runs a module once
// (cycles get the exports object as it is, as in Node); __hmrc_import is
// the ES view: an ES module's exports object (getters, live), or for
// CommonJS an object with its keys and `default` = module.exports (or
// exports.default when __esModule is set).
constexpr std::string_view kRuntime = R"JS(var __hmrc_cache = [];
var __hmrc_ns = [];
function __hmrc_require(id) {
  if (typeof id !== "number") throw new Error("hmrc: require(" + JSON.stringify(id) + ") was not resolved when this dependency was bundled");
  var m = __hmrc_cache[id];
  if (m) return m.exports;
  m = __hmrc_cache[id] = { id: id, exports: {}, loaded: false };
  __hmrc_defs[id].call(m.exports, m, m.exports, __hmrc_require);
  m.loaded = true;
  return m.exports;
}
function __hmrc_import(id) {
  if (__hmrc_ns[id]) return __hmrc_ns[id];
  var e = __hmrc_require(id);
  if (__hmrc_ns[id]) return __hmrc_ns[id];
  if (e && e.__esModule) return e;
  var ns = { default: e };
  if (e && (typeof e === "object" || typeof e === "function"))
    Object.keys(e).forEach(function (k) { if (k !== "default") Object.defineProperty(ns, k, { enumerable: true, get: function () { return e[k]; } }); });
  return ns;
}
function __hmrc_esm(id, exports, getters) {
  Object.defineProperty(exports, "__esModule", { value: true });
  for (var k in getters) Object.defineProperty(exports, k, { enumerable: true, get: getters[k] });
  __hmrc_ns[id] = exports;
}
var __hmrc_sync = function () {};
function __hmrc_w(value) { __hmrc_sync(); return value; }
function __hmrc_star(exports, from) {
  Object.keys(from).forEach(function (k) {
    if (k !== "default" && k !== "__hmrc_cjs" && !Object.prototype.hasOwnProperty.call(exports, k))
      Object.defineProperty(exports, k, { enumerable: true, get: function () { return from[k]; } });
  });
}
)JS";

bool read_file(const fs::path& path, std::string& out, std::string& error) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) {
    error = ec.message();
    return false;
  }
  if (size > kMaxFileBytes) {
    error = "larger than 64 MiB";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot be opened";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  static const std::set<std::string_view> reserved = {
      "break",     "case",      "catch",    "class", "const",  "continue",   "debugger",
      "default",   "delete",    "do",       "else",  "export", "extends",    "false",
      "finally",   "for",       "function", "if",    "import", "in",         "instanceof",
      "new",       "null",      "return",   "super", "switch", "this",       "throw",
      "true",      "try",       "typeof",   "var",   "void",   "while",      "with",
      "yield",     "let",       "static",   "enum",  "await",  "implements", "package",
      "protected", "interface", "private",  "public"};
  return reserved.count(s) == 0;
}

std::string js_string(std::string_view s) { return json::serialize(json::string(s)); }

// `.name` or `["name"]`.
std::string member(std::string_view name) {
  return is_identifier(name) ? "." + std::string(name) : "[" + js_string(name) + "]";
}

// An export name: plain when an identifier, a string otherwise (ES2022).
std::string export_name(std::string_view name) {
  return is_identifier(name) || name == "default" ? std::string(name) : js_string(name);
}

struct Module {
  fs::path path;
  enum class Kind { js, json, empty, missing, external } kind = Kind::js;
  std::string source;
  ScannedModule scan;
  std::string message;  // missing: why
  int external = -1;    // external: index into Bundle::externals
  // Resolved targets: of scan.requires_ and scan.imports (-1: not followed).
  std::vector<int> require_ids;
  std::vector<int> import_ids;
};

class Builder {
 public:
  Builder(const fs::path& entry, resolve::Resolver& resolver, const UrlOf& url_of)
      : resolver_(resolver), url_of_(url_of) {
    const resolve::PackageJson* pkg = resolver_.package_of(entry);
    package_dir_ = pkg ? pkg->dir : entry.parent_path();
    std::error_code ec;
    auto canonical = fs::canonical(package_dir_, ec);
    if (!ec) package_dir_ = canonical;
    add_file(entry);
  }

  Bundle run() {
    for (std::size_t i = 0; i < modules_.size(); ++i) load(static_cast<int>(i));
    if (modules_[0].kind == Module::Kind::missing) {
      out_.error = modules_[0].message;
      return std::move(out_);
    }
    emit();
    return std::move(out_);
  }

 private:
  int add_file(const fs::path& path) {
    auto key = path.string();
    if (auto it = by_path_.find(key); it != by_path_.end()) return it->second;
    Module m;
    m.path = path;
    modules_.push_back(std::move(m));
    int id = static_cast<int>(modules_.size() - 1);
    by_path_[key] = id;
    return id;
  }

  int add_special(Module::Kind kind, std::string message) {
    auto key = fmt::format("\x01{}\x01{}", static_cast<int>(kind), message);
    if (auto it = by_path_.find(key); it != by_path_.end()) return it->second;
    Module m;
    m.kind = kind;
    m.message = std::move(message);
    modules_.push_back(std::move(m));
    int id = static_cast<int>(modules_.size() - 1);
    by_path_[key] = id;
    return id;
  }

  int add_external(const fs::path& entry) {
    auto key = "\x02" + entry.string();
    if (auto it = by_path_.find(key); it != by_path_.end()) return it->second;
    Module m;
    m.kind = Module::Kind::external;
    m.path = entry;
    m.external = static_cast<int>(out_.externals.size());
    out_.externals.push_back(entry);
    modules_.push_back(std::move(m));
    int id = static_cast<int>(modules_.size() - 1);
    by_path_[key] = id;
    return id;
  }

  bool inside_package(const fs::path& file) {
    const resolve::PackageJson* pkg = resolver_.package_of(file);
    if (!pkg) return false;
    std::error_code ec;
    fs::path dir = fs::canonical(pkg->dir, ec);
    return !ec && dir == package_dir_;
  }

  // The module id a specifier of module `from` means; -1 when not followed.
  int target(int from, const std::string& specifier, resolve::Kind kind) {
    fs::path importer = modules_[from].path;
    auto r = resolver_.resolve(specifier, importer, resolve::browser_options(kind));
    if (!r.ok() && kind == resolve::Kind::import && !resolve::is_bare(specifier)) {
      // Some packages import "./x" from ES modules as bundlers allow.
      r = resolver_.resolve(specifier, importer, resolve::browser_options(resolve::Kind::require));
    }
    std::string where = importer.lexically_relative(package_dir_.parent_path()).generic_string();
    if (!r.ok()) {
      out_.warnings.push_back(
          fmt::format("{}: cannot resolve \"{}\": {}", where, specifier, r.error));
      return add_special(
          Module::Kind::missing,
          fmt::format("\"{}\" (from {}) could not be resolved: {}", specifier, where, r.error));
    }
    if (r.builtin) {
      out_.warnings.push_back(fmt::format(
          "{}: \"{}\" is a Node builtin, not available in the browser", where, specifier));
      return add_special(
          Module::Kind::missing,
          fmt::format("\"{}\" (from {}) is a Node builtin module, not available in the browser",
                      specifier, where));
    }
    if (r.empty_module) return add_special(Module::Kind::empty, "");
    // Another package, or this one by its name: the shared bundle of that entry.
    if (resolve::is_bare(specifier) || !inside_package(r.path)) return add_external(r.path);
    return add_file(r.path);
  }

  void load(int id) {
    Module& m = modules_[id];
    if (m.kind != Module::Kind::js) return;
    std::string error;
    if (!read_file(m.path, m.source, error)) {
      m.kind = Module::Kind::missing;
      m.message = fmt::format("{}: {}", m.path.string(), error);
      out_.warnings.push_back(m.message);
      return;
    }
    ++out_.files;
    if (m.path.extension() == ".json") {
      m.kind = Module::Kind::json;
      return;
    }
    m.scan = scan_module(m.source);
    if (m.scan.syntax_errors)
      out_.warnings.push_back(
          fmt::format("{}: the parser reported syntax errors; bundled as it is", m.path.string()));
    // modules_ may grow below: no references into it across target().
    std::vector<int> requires_ids, import_ids;
    ScannedModule& scan = modules_[id].scan;
    std::vector<std::pair<std::string, resolve::Kind>> wanted;
    for (const auto& d : scan.requires_)
      wanted.emplace_back(d.dead ? std::string() : d.specifier,
                          d.is_require ? resolve::Kind::require : resolve::Kind::import);
    std::vector<std::string> imports;
    for (const auto& imp : scan.imports) imports.push_back(imp.specifier);
    for (const auto& [spec, kind] : wanted)
      requires_ids.push_back(spec.empty() ? -1 : target(id, spec, kind));
    for (const auto& spec : imports) import_ids.push_back(target(id, spec, resolve::Kind::import));
    modules_[id].require_ids = std::move(requires_ids);
    modules_[id].import_ids = std::move(import_ids);
  }

  // The expression an import binding reads: __hmrc_i<k>.name.
  static std::string import_expr(int k, std::string_view imported) {
    if (imported == "*") return fmt::format("__hmrc_i{}", k);
    return fmt::format("__hmrc_i{}{}", k, member(imported));
  }

  std::string module_text(int id) {
    Module& m = modules_[id];
    switch (m.kind) {
      case Module::Kind::json:
        return "module.exports = " + m.source + ";";
      case Module::Kind::empty:
        return "";
      case Module::Kind::missing:
        return "throw new Error(" + js_string("hmrc: " + m.message) + ");";
      case Module::Kind::external:
        return fmt::format("module.exports = __hmrc_x{}.__hmrc_cjs;", m.external);
      case Module::Kind::js:
        break;
    }
    const ScannedModule& scan = m.scan;
    std::vector<Replacement> edits = scan.edits;
    for (std::size_t i = 0; i < scan.requires_.size(); ++i) {
      const Dependency& d = scan.requires_[i];
      int t = m.require_ids[i];
      if (t < 0) continue;
      if (d.is_require) {
        edits.push_back({d.literal.begin, d.literal.end, std::to_string(t)});
      } else if (modules_[t].kind == Module::Kind::external) {
        edits.push_back({d.literal.begin, d.literal.end, js_string(url_of_(modules_[t].path))});
      } else {
        edits.push_back(
            {d.call.begin, d.call.end,
             fmt::format("Promise.resolve().then(function () {{ return __hmrc_import({}); }})",
                         t)});
      }
    }
    std::string head;
    if (scan.esm) {
      // Which import each local binding reads.
      std::map<std::string, std::string> locals;
      for (std::size_t k = 0; k < scan.imports.size(); ++k)
        for (const auto& b : scan.imports[k].bindings)
          locals[b.local] = import_expr(static_cast<int>(k), b.imported);
      for (const auto& use : scan.import_uses) {
        auto it = locals.find(use.name);
        if (it == locals.end()) continue;
        edits.push_back({use.span.begin, use.span.end,
                         use.shorthand ? use.name + ": " + it->second : it->second});
      }
      std::string getters;
      std::set<std::string> seen;
      for (const auto& e : scan.exports) {
        if (!seen.insert(e.exported).second) continue;
        std::string expr;
        if (e.import_index >= 0)
          expr = import_expr(e.import_index, e.imported);
        else if (auto it = locals.find(e.local); it != locals.end())
          expr = it->second;
        else
          expr = e.local;
        getters += fmt::format("{}: function () {{ return {}; }}, ", js_string(e.exported), expr);
      }
      head += fmt::format("__hmrc_esm({}, exports, {{ {}}});\n", id, getters);
      for (std::size_t k = 0; k < scan.imports.size(); ++k)
        head += fmt::format("var __hmrc_i{} = __hmrc_import({});\n", k, m.import_ids[k]);
      for (int k : scan.star_exports) head += fmt::format("__hmrc_star(exports, __hmrc_i{});\n", k);
      // `count++` -> `__hmrc_w(count++)`: the entry's exports are read again.
      for (const auto& w : scan.export_writes) {
        edits.push_back({w.begin, w.begin, "__hmrc_w("});
        edits.push_back({w.end, w.end, ")"});
      }
      for (const auto& name : scan.shadowed)
        if (auto it = locals.find(name); it != locals.end())
          head += fmt::format("var {} = {};\n", name, it->second);
    }
    // By position; at one position, insertions before the replacement there.
    std::stable_sort(edits.begin(), edits.end(), [](const Replacement& a, const Replacement& b) {
      if (a.begin != b.begin) return a.begin < b.begin;
      return (a.end == a.begin) && (b.end != b.begin);
    });
    std::string body = head;
    body.reserve(head.size() + m.source.size() + 64);
    uint32_t pos = 0;
    for (const auto& e : edits) {
      if (e.begin < pos) continue;  // overlaps an earlier edit: keep that one
      body.append(m.source, pos, e.begin - pos);
      body += e.text;
      pos = e.end;
    }
    body.append(m.source, pos, std::string::npos);
    return body;
  }

  // The names of module `id` as its importers see them, following
  // re-exports inside the bundle (a worklist; `export * from` another
  // package becomes `export *` in the entry).
  std::vector<std::string> entry_names(std::vector<std::string>& star_urls) {
    std::vector<std::string> names;
    std::set<std::string> seen_names;
    std::set<int> visited;
    std::vector<std::pair<int, bool>> work = {{0, true}};  // (module, whole: default too)
    while (!work.empty()) {
      auto [id, whole] = work.back();
      work.pop_back();
      if (!visited.insert(id).second) continue;
      const Module& m = modules_[id];
      auto add = [&](const std::string& n) {
        if (n == "__esModule" || (!whole && n == "default")) return;
        if (seen_names.insert(n).second) names.push_back(n);
      };
      if (m.kind == Module::Kind::external) {
        star_urls.push_back(url_of_(m.path));
        continue;
      }
      if (m.kind != Module::Kind::js) continue;
      if (m.scan.esm) {
        for (const auto& e : m.scan.exports) add(e.exported);
        for (int k : m.scan.star_exports) work.push_back({m.import_ids[k], false});
      } else {
        for (const auto& n : m.scan.cjs_exports) add(n);
        for (const auto& spec : m.scan.cjs_reexports)
          for (std::size_t i = 0; i < m.scan.requires_.size(); ++i)
            if (m.scan.requires_[i].specifier == spec && m.require_ids[i] >= 0)
              work.push_back({m.require_ids[i], true});
      }
    }
    return names;
  }

  void emit() {
    std::string code = "// hmrc: pre-bundled dependency " + modules_[0].path.string() + "\n";
    for (std::size_t k = 0; k < out_.externals.size(); ++k)
      code += fmt::format("import * as __hmrc_x{} from {};\n", k,
                          js_string(url_of_(out_.externals[k])));
    bool uses_process = false, uses_global = false;
    for (const auto& m : modules_) {
      uses_process |= m.scan.uses_process;
      uses_global |= m.scan.uses_global;
    }
    if (uses_global) code += "var global = globalThis;\n";
    if (uses_process)
      code +=
          "var process = globalThis.process || { env: { NODE_ENV: \"development\" }, browser: "
          "true, "
          "argv: [], version: \"\", versions: {}, platform: \"browser\", cwd: function () { return "
          "\"/\"; }, "
          "nextTick: function (f) { var a = [].slice.call(arguments, 1); queueMicrotask(function "
          "() { "
          "f.apply(null, a); }); } };\n";
    code += kRuntime;
    code += "var __hmrc_defs = [\n";
    for (std::size_t i = 0; i < modules_.size(); ++i) {
      const Module& m = modules_[i];
      std::string where =
          m.path.empty() ? ""
                         : m.path.lexically_relative(package_dir_.parent_path()).generic_string();
      code += fmt::format("// {}\nfunction (module, exports, require) {{\n", where);
      code += module_text(static_cast<int>(i));
      code += "\n},\n";
    }
    code += "];\n";
    // External ES namespaces are the ES view of those modules.
    for (std::size_t i = 0; i < modules_.size(); ++i)
      if (modules_[i].kind == Module::Kind::external)
        code += fmt::format("__hmrc_ns[{}] = __hmrc_x{};\n", i, modules_[i].external);

    const Module& entry = modules_[0];
    out_.esm = entry.kind == Module::Kind::js && entry.scan.esm;
    std::vector<std::string> star_urls;
    std::vector<std::string> names = entry_names(star_urls);
    out_.names = names;
    code += "var __hmrc_entry = __hmrc_require(0);\n";
    code += "export { __hmrc_entry as __hmrc_cjs };\n";
    bool has_default = std::find(names.begin(), names.end(), "default") != names.end();
    if (out_.esm) {
      if (has_default)
        code +=
            "var __hmrc_default = __hmrc_entry.default;\nexport { __hmrc_default as default };\n";
    } else {
      // CommonJS: module.exports, or exports.default when __esModule (as esbuild).
      code +=
          "export default (__hmrc_entry && __hmrc_entry.__esModule ? __hmrc_entry.default : "
          "__hmrc_entry);\n";
    }
    std::string list;
    int n = 0;
    for (const auto& name : names) {
      if (name == "default" || name == "__hmrc_cjs") continue;
      code += fmt::format("var __hmrc_e{} = __hmrc_entry{};\n", n, member(name));
      list += fmt::format("__hmrc_e{} as {}, ", n, export_name(name));
      ++n;
    }
    if (!list.empty()) code += "export { " + list.substr(0, list.size() - 2) + " };\n";
    if (out_.esm) {
      // ES exports stay live: a write to an exported `let` in the package
      // (wrapped in __hmrc_w) reads them again into these bindings.
      std::string sync = has_default ? "__hmrc_default = __hmrc_entry.default; " : "";
      n = 0;
      for (const auto& name : names) {
        if (name == "default" || name == "__hmrc_cjs") continue;
        sync += fmt::format("__hmrc_e{} = __hmrc_entry{}; ", n, member(name));
        ++n;
      }
      code += "__hmrc_sync = function () { " + sync + "};\n";
    }
    for (const auto& url : star_urls) code += "export * from " + js_string(url) + ";\n";
    out_.code = std::move(code);
  }

  resolve::Resolver& resolver_;
  const UrlOf& url_of_;
  fs::path package_dir_;
  std::vector<Module> modules_;
  std::map<std::string, int> by_path_;
  Bundle out_;
};

}  // namespace

Bundle build_bundle(const fs::path& entry, resolve::Resolver& resolver, const UrlOf& url_of) {
  std::error_code ec;
  fs::path real = fs::canonical(entry, ec);
  if (ec) {
    Bundle b;
    b.error = entry.string() + ": " + ec.message();
    return b;
  }
  return Builder(real, resolver, url_of).run();
}

}  // namespace hmrc::deps
