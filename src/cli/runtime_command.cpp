#include "runtime_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "build.hpp"
#include "file_io.hpp"
#include "runtime/assets.hpp"

namespace hmrc::cli {

int run_runtime_command(int argc, char** argv) {
  CLI::App app("hmrc runtime: writes the HMR runtime that --dev output imports", "hmrc runtime");
  std::string output;
  bool client = false, types = false;
  app.add_option("-o,--output", output, "Output file; '-' or none writes standard output");
  auto* c = app.add_flag("--client", client, "The browser WebSocket client instead of the core");
  auto* t = app.add_flag("--types", types, "The import.meta.hot type declarations instead");
  c->excludes(t);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    fmt::print(stderr, "hmrc: error: {}\nRun 'hmrc runtime --help' for usage.\n", e.what());
    return kExitUsage;
  }
  const char* path = client  ? "/@hmrc/client.js"
                     : types ? "/@hmrc/types.d.ts"
                             : "/@hmrc/runtime.js";
  const runtime_assets::Asset* asset = runtime_assets::find(path);
  if (asset == nullptr) {
    fmt::print(stderr, "hmrc: error: internal error: {} is not embedded\n", path);
    return kExitUsage;
  }
  if (output.empty() || output == "-") {
    std::fwrite(asset->body.data(), 1, asset->body.size(), stdout);
    return std::fflush(stdout) == 0 ? kExitOk : kExitUsage;
  }
  if (IoResult r = write_atomically(output, asset->body); !r) {
    fmt::print(stderr, "hmrc: error: {}\n", *r.error);
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace hmrc::cli
