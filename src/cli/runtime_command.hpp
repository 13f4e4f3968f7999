// `hmrc runtime [-o FILE] [--client | --types]`: writes an embedded runtime
// file, for pages and tests that load it without `hmrc serve`.
#pragma once

namespace hmrc::cli {

// argv[0] is "runtime".
int run_runtime_command(int argc, char** argv);

}  // namespace hmrc::cli
