// `hmrc resolve SPECIFIER FROM`: prints the file an import of SPECIFIER from
// the file FROM resolves to, as the dev server resolves it (browser
// conditions and package.json fields) or, with --node, as Node does. The node
// tests compare it with Node's import.meta.resolve and require.resolve.
#pragma once

namespace hmrc::cli {

int run_resolve_command(int argc, char** argv);

}  // namespace hmrc::cli
