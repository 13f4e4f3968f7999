#include "tsconfig.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/stream_parser.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <fstream>
#include <sstream>

namespace hmrc::config {
namespace fs = std::filesystem;
namespace json = boost::json;
namespace {

constexpr int kMaxChain = 32;  // extends deeper than this is a cycle in practice

struct Position {
  uint32_t line = 1, column = 1;
};

// 1-based line and column (code points) of a byte offset.
Position position_of(std::string_view text, std::size_t offset) {
  Position p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

TsConfigError error_at(std::string_view code, const fs::path& file, std::string_view text,
                       std::size_t offset, std::string message) {
  Position p = position_of(text, offset);
  return {code, file, p.line, p.column, std::move(message)};
}

// Boost.JSON keeps no positions for values: a bad value is blamed on the
// first place its key is written, which is where the reader looks.
std::size_t key_offset(std::string_view text, std::string_view key) {
  std::size_t at = text.find(fmt::format("\"{}\"", key));
  return at == std::string_view::npos ? 0 : at;
}

struct Parsed {
  json::value value;
  std::optional<TsConfigError> error;
};

Parsed parse_json(const fs::path& file, std::string_view text) {
  json::parse_options options;
  options.allow_comments = true;
  options.allow_trailing_commas = true;
  json::stream_parser parser({}, options);
  boost::system::error_code ec;
  // A UTF-8 byte order mark is allowed, as tsc allows it.
  std::size_t skip = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  std::size_t used = parser.write(text.data() + skip, text.size() - skip, ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    std::size_t at = std::min(text.size(), skip + used);
    return {{},
            error_at(codes::kTsConfigSyntax, file, text, at,
                     fmt::format("invalid JSON: {}", ec.message()))};
  }
  return {parser.release(), std::nullopt};
}

bool read_text(const fs::path& file, std::string& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// tsc's rules: a relative or absolute path, `.json` added when missing;
// otherwise a package in node_modules (a file in it, or its package.json's
// "tsconfig", or its tsconfig.json), looked up from the config's folder up.
std::optional<fs::path> resolve_extends(const fs::path& from_dir, const std::string& spec) {
  auto with_json = [](const fs::path& p) -> std::optional<fs::path> {
    if (is_file(p)) return p;
    if (p.extension() != ".json") {
      fs::path q = p;
      q += ".json";
      if (is_file(q)) return q;
    }
    return std::nullopt;
  };
  fs::path as_path(spec);
  if (spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == ".." ||
      as_path.is_absolute()) {
    return with_json((from_dir / as_path).lexically_normal());
  }
  for (fs::path dir = from_dir;; dir = dir.parent_path()) {
    fs::path candidate = dir / "node_modules" / as_path;
    if (auto f = with_json(candidate)) return f;
    std::error_code ec;
    if (fs::is_directory(candidate, ec)) {
      std::string pkg;
      if (read_text(candidate / "package.json", pkg)) {
        json::error_code jec;
        json::value v = json::parse(pkg, jec);
        if (!jec && v.is_object()) {
          if (const json::value* t = v.as_object().if_contains("tsconfig"); t && t->is_string()) {
            if (auto f = with_json(candidate / std::string(t->as_string()))) return f;
          }
        }
      }
      if (is_file(candidate / "tsconfig.json")) return candidate / "tsconfig.json";
    }
    if (dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

class Loader {
 public:
  std::optional<TsConfigError> load(const fs::path& file, CompilerOptions& into,
                                    std::vector<fs::path>& files, int depth) {
    fs::path normal = fs::absolute(file).lexically_normal();
    if (depth > kMaxChain || std::find(stack_.begin(), stack_.end(), normal) != stack_.end()) {
      return TsConfigError{codes::kTsConfigExtends, normal, 0, 0, "circular `extends`"};
    }
    files.push_back(normal);
    std::string text;
    if (!read_text(normal, text))
      return TsConfigError{codes::kTsConfigExtends, normal, 0, 0, "cannot read this file"};
    Parsed parsed = parse_json(normal, text);
    if (parsed.error) return parsed.error;
    if (!parsed.value.is_object())
      return error_at(codes::kTsConfigValue, normal, text, 0, "a tsconfig must be a JSON object");
    const json::object& root = parsed.value.as_object();

    stack_.push_back(normal);
    if (const json::value* ext = root.if_contains("extends")) {
      std::vector<std::string> bases;
      if (ext->is_string()) {
        bases.emplace_back(ext->as_string());
      } else if (ext->is_array()) {
        for (const json::value& v : ext->as_array()) {
          if (!v.is_string())
            return error_at(codes::kTsConfigValue, normal, text, key_offset(text, "extends"),
                            "`extends` must be a string or an array of strings");
          bases.emplace_back(v.as_string());
        }
      } else {
        return error_at(codes::kTsConfigValue, normal, text, key_offset(text, "extends"),
                        "`extends` must be a string or an array of strings");
      }
      // Later bases override earlier ones; the file's own options override all.
      for (const std::string& base : bases) {
        auto resolved = resolve_extends(normal.parent_path(), base);
        if (!resolved) {
          return error_at(codes::kTsConfigExtends, normal, text, key_offset(text, "extends"),
                          fmt::format("`extends`: cannot find '{}'", base));
        }
        if (auto e = load(*resolved, into, files, depth + 1)) return e;
      }
    }
    stack_.pop_back();

    const json::value* co = root.if_contains("compilerOptions");
    if (!co || co->is_null()) return std::nullopt;
    if (!co->is_object())
      return error_at(codes::kTsConfigValue, normal, text, key_offset(text, "compilerOptions"),
                      "`compilerOptions` must be an object");
    return read_options(co->as_object(), normal, text, into);
  }

 private:
  std::optional<TsConfigError> read_options(const json::object& o, const fs::path& file,
                                            std::string_view text, CompilerOptions& into) {
    std::optional<TsConfigError> error;
    auto flag = [&](std::string_view key, std::optional<bool>& out) {
      const json::value* v = o.if_contains(key);
      if (!v || error) return;
      if (v->is_bool()) {
        out = v->as_bool();
      } else if (!v->is_null()) {
        error = error_at(codes::kTsConfigValue, file, text, key_offset(text, key),
                         fmt::format("`{}` must be true or false", key));
      }
    };
    auto string = [&](std::string_view key, std::optional<std::string>& out) {
      const json::value* v = o.if_contains(key);
      if (!v || error) return;
      if (v->is_string()) {
        out = std::string(v->as_string());
      } else if (!v->is_null()) {
        error = error_at(codes::kTsConfigValue, file, text, key_offset(text, key),
                         fmt::format("`{}` must be a string", key));
      }
    };
    flag("experimentalDecorators", into.experimental_decorators);
    flag("emitDecoratorMetadata", into.emit_decorator_metadata);
    flag("useDefineForClassFields", into.use_define_for_class_fields);
    flag("verbatimModuleSyntax", into.verbatim_module_syntax);
    flag("preserveValueImports", into.preserve_value_imports);
    flag("strict", into.strict);
    flag("strictNullChecks", into.strict_null_checks);
    string("importsNotUsedAsValues", into.imports_not_used_as_values);
    string("target", into.target);
    string("jsx", into.jsx);
    string("jsxFactory", into.jsx_factory);
    string("jsxFragmentFactory", into.jsx_fragment_factory);
    string("jsxImportSource", into.jsx_import_source);
    if (error) return error;
    auto one_of = [&](std::string_view key, const std::optional<std::string>& value,
                      std::initializer_list<std::string_view> allowed) {
      if (!value || error) return;
      std::string lower = *value;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (std::find(allowed.begin(), allowed.end(), lower) != allowed.end()) return;
      std::string list;
      for (auto a : allowed) list += fmt::format("{}'{}'", list.empty() ? "" : ", ", a);
      error = error_at(codes::kTsConfigValue, file, text, key_offset(text, key),
                       fmt::format("`{}`: '{}' is not one of {}", key, *value, list));
    };
    one_of("jsx", into.jsx, {"preserve", "react", "react-jsx", "react-jsxdev", "react-native"});
    one_of("importsNotUsedAsValues", into.imports_not_used_as_values,
           {"remove", "preserve", "error"});
    return error;
  }

  std::vector<fs::path> stack_;
};

// ES3, ES5 and ES2015-ES2021 define class fields by assignment in tsc. A
// target hmrc does not know ("es2O22", a newer year) counts as ESNext, hmrc's
// own output: the year is read with from_chars, since std::stoi throws on
// "esxxxx" (found by tests/fuzz, tsconfig).
bool target_defines_fields(std::string target) {
  std::transform(target.begin(), target.end(), target.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (target == "es3" || target == "es5" || target == "es6") return false;
  if (target.size() != 6 || !target.starts_with("es")) return true;
  int year = 0;
  const char* end = target.data() + target.size();
  auto [ptr, ec] = std::from_chars(target.data() + 2, end, year);
  return ec != std::errc() || ptr != end || year >= 2022;
}

}  // namespace

std::string TsConfigError::render() const {
  if (line == 0) return fmt::format("{}: error: {} [{}]\n", file.string(), message, code);
  return fmt::format("{}:{}:{}: error: {} [{}]\n", file.string(), line, column, message, code);
}

std::optional<fs::path> find_tsconfig(const fs::path& input) {
  fs::path dir = fs::absolute(input).lexically_normal().parent_path();
  for (;;) {
    fs::path candidate = dir / "tsconfig.json";
    if (is_file(candidate)) return candidate;
    if (dir == dir.parent_path()) return std::nullopt;
    dir = dir.parent_path();
  }
}

LoadResult load_tsconfig(const fs::path& file) {
  TsConfig config;
  config.file = fs::absolute(file).lexically_normal();
  if (auto error = Loader().load(file, config.options, config.files, 0)) return *error;
  return config;
}

void apply_tsconfig(const CompilerOptions& c, const ExplicitFlags& flags, CompileOptions& o) {
  o.ts.experimental_decorators = c.experimental_decorators.value_or(false);
  o.ts.emit_decorator_metadata = c.emit_decorator_metadata.value_or(false);
  o.ts.strict_null_checks = c.strict_null_checks.value_or(c.strict.value_or(false));
  // No target: hmrc's output is ESNext, and esbuild then defines too.
  o.ts.use_define_for_class_fields =
      c.use_define_for_class_fields.value_or(c.target ? target_defines_fields(*c.target) : true);
  o.ts.keep_value_imports =
      c.verbatim_module_syntax.value_or(false) || c.preserve_value_imports.value_or(false);
  std::string unused = c.imports_not_used_as_values.value_or("remove");
  o.ts.keep_side_effect_imports =
      c.verbatim_module_syntax.value_or(false) || unused == "preserve" || unused == "error";
  if (c.jsx && !flags.jsx) {
    std::string mode = *c.jsx;
    std::transform(mode.begin(), mode.end(), mode.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    o.jsx.mode = mode == "react"                                ? JsxMode::classic
                 : mode == "preserve" || mode == "react-native" ? JsxMode::preserve
                                                                : JsxMode::automatic;
  }
  if (c.jsx_factory && !flags.jsx_factory) o.jsx.factory = *c.jsx_factory;
  if (c.jsx_fragment_factory && !flags.jsx_fragment) o.jsx.fragment = *c.jsx_fragment_factory;
  if (c.jsx_import_source && !flags.jsx_import_source) o.jsx.import_source = *c.jsx_import_source;
}

}  // namespace hmrc::config
