#include "resolve/package_json.hpp"

#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>
#include <system_error>

namespace hmrc::resolve {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// package.json files over this size are not package manifests worth reading
// (and a 1 GB file must not be slurped by an import).
constexpr std::uintmax_t kMaxBytes = 16u << 20;

std::string string_field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

const PackageJson* PackageJsonCache::in_dir(const fs::path& dir) {
  std::string key = dir.string();
  if (auto it = cache_.find(key); it != cache_.end()) return it->second.get();
  fs::path file = dir / "package.json";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    cache_.emplace(key, nullptr);
    return nullptr;
  }
  auto pkg = std::make_unique<PackageJson>();
  pkg->dir = dir;
  auto size = fs::file_size(file, ec);
  std::string text;
  if (ec || size > kMaxBytes) {
    pkg->error = ec ? ec.message() : "larger than 16 MiB";
  } else {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (!in && !in.eof()) pkg->error = "cannot be read";
    text = buffer.str();
  }
  if (pkg->error.empty()) {
    boost::system::error_code jec;
    json::value root = json::parse(text, jec);
    if (jec) {
      pkg->error = "invalid JSON: " + jec.message();
    } else if (!root.is_object()) {
      pkg->error = "not a JSON object";
    } else {
      const json::object& o = root.get_object();
      pkg->name = string_field(o, "name");
      pkg->version = string_field(o, "version");
      pkg->type = string_field(o, "type");
      pkg->main = string_field(o, "main");
      pkg->module = string_field(o, "module");
      if (const json::value* v = o.if_contains("exports")) {
        pkg->exports = *v;
        pkg->has_exports = !v->is_null();
      }
      if (const json::value* v = o.if_contains("imports")) pkg->imports = *v;
      if (const json::value* v = o.if_contains("browser"))
        if (v->is_string() || v->is_object()) pkg->browser = *v;
    }
  }
  const PackageJson* out = pkg.get();
  cache_.emplace(key, std::move(pkg));
  return out;
}

}  // namespace hmrc::resolve
