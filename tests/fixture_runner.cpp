// Snapshot tests over tests/fixtures/<group>/<case>/. A case holds one
// `input.<ext>` and the expectations it produces:
//   dev.js / prod.js              output of --dev / --prod, when it compiles
//   diagnostics.txt               diagnostics as printed (both modes agree)
//   prod-diagnostics.txt          only where prod's differ from dev's
// and optionally a tsconfig.json whose compilerOptions the case compiles with.
// Lines `// prints: TEXT` at the end of the input are what running prod.js
// in Node prints (tests/node/hot_api.test.mjs checks them, dev output too).
// An expectation the case does not produce, or an unknown file, is a failure.
//   fixture-runner [--update] [--filter SUBSTRING] [--fixtures DIR]
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "config/tsconfig.hpp"
#include "diagnostics/render.hpp"
#include "transform/compile.hpp"

namespace fs = std::filesystem;
using namespace hmrc;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, std::string_view contents) {
  std::ofstream(p, std::ios::binary) << contents;
}

std::string render_all(const CompileResult& r, std::string_view name, std::string_view source) {
  LineIndex lines(source);
  std::string out;
  for (const auto& d : r.diagnostics) out += render_text(d, {name, source, lines}, false);
  return out;
}

// What a case produces: expectation file name -> contents.
std::map<std::string, std::string> produce(const fs::path& input) {
  std::string source = read_file(input);
  std::string name = input.filename().string();
  CompileOptions options;
  options.loader = loader_for_path(name).value_or(Loader::ts);
  options.jsx.file_name = name;
  std::map<std::string, std::string> out;
  if (fs::path tsconfig = input.parent_path() / "tsconfig.json"; fs::exists(tsconfig)) {
    config::LoadResult loaded = config::load_tsconfig(tsconfig);
    if (auto* e = std::get_if<config::TsConfigError>(&loaded)) {
      out["diagnostics.txt"] = e->render();
      return out;
    }
    config::apply_tsconfig(std::get<config::TsConfig>(loaded).options, {}, options);
  }

  options.mode = Mode::dev;
  CompileResult dev = compile(source, options);
  options.mode = Mode::prod;
  CompileResult prod = compile(source, options);

  if (dev.ok()) out["dev.js"] = dev.code;
  if (prod.ok()) out["prod.js"] = prod.code;
  std::string dev_diagnostics = render_all(dev, name, source);
  std::string prod_diagnostics = render_all(prod, name, source);
  if (!dev_diagnostics.empty()) out["diagnostics.txt"] = dev_diagnostics;
  if (prod_diagnostics != dev_diagnostics) out["prod-diagnostics.txt"] = prod_diagnostics;
  return out;
}

// The first differing line, to make a failure readable without a diff tool.
std::string first_difference(std::string_view expected, std::string_view actual) {
  std::size_t line = 1, i = 0;
  for (; i < expected.size() && i < actual.size() && expected[i] == actual[i]; ++i) {
    if (expected[i] == '\n') ++line;
  }
  auto line_at = [](std::string_view s, std::size_t at) {
    std::size_t begin = s.rfind('\n', at == 0 ? 0 : at - 1);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    std::size_t end = s.find('\n', at);
    return s.substr(begin, end == std::string_view::npos ? s.size() - begin : end - begin);
  };
  return fmt::format("line {}:\n      expected: {}\n      actual:   {}", line, line_at(expected, i),
                     line_at(actual, i));
}

struct Counts {
  int passed = 0, failed = 0;
};

void run_case(const fs::path& dir, const std::string& id, bool update, Counts& counts) {
  std::vector<fs::path> inputs, others;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename() == "tsconfig.json") continue;
    (entry.path().stem() == "input" ? inputs : others).push_back(entry.path());
  }
  std::vector<std::string> failures;
  if (inputs.size() != 1) {
    failures.push_back(fmt::format("needs exactly one input.<ext>, has {}", inputs.size()));
  } else {
    auto produced = produce(inputs.front());
    for (const auto& file : others) {
      std::string name = file.filename().string();
      if (produced.count(name)) continue;
      if (update && (name == "dev.js" || name == "prod.js" || name.ends_with("diagnostics.txt"))) {
        fs::remove(file);
      } else {
        failures.push_back(fmt::format("{}: expectation not produced by this case", name));
      }
    }
    for (const auto& [name, actual] : produced) {
      fs::path expected_path = dir / name;
      bool exists = fs::exists(expected_path);
      std::string expected = exists ? read_file(expected_path) : "";
      if (exists && expected == actual) continue;
      if (update) {
        write_file(expected_path, actual);
      } else if (!exists) {
        failures.push_back(fmt::format("{}: produced but not expected (run with --update)", name));
      } else {
        failures.push_back(
            fmt::format("{}: differs at {}", name, first_difference(expected, actual)));
      }
    }
  }
  if (failures.empty()) {
    ++counts.passed;
    return;
  }
  ++counts.failed;
  fmt::print("FAIL {}\n", id);
  for (const auto& f : failures) fmt::print("    {}\n", f);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path root = FIXTURES_DIR;
  std::string filter;
  bool update = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--update") {
      update = true;
    } else if (arg == "--filter" && i + 1 < argc) {
      filter = argv[++i];
    } else if (arg == "--fixtures" && i + 1 < argc) {
      root = argv[++i];
    } else {
      fmt::print(stderr,
                 "usage: fixture-runner [--update] [--filter SUBSTRING] [--fixtures DIR]\n");
      return 2;
    }
  }
  std::vector<fs::path> cases;
  for (const auto& group : fs::directory_iterator(root)) {
    if (!group.is_directory()) continue;
    for (const auto& c : fs::directory_iterator(group.path())) {
      if (c.is_directory()) cases.push_back(c.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  Counts counts;
  for (const auto& dir : cases) {
    std::string id = dir.lexically_relative(root).generic_string();
    if (id.find(filter) == std::string::npos) continue;
    run_case(dir, id, update, counts);
  }
  fmt::print("fixtures: {} passed, {} failed\n", counts.passed, counts.failed);
  return counts.failed ? 1 : 0;
}
