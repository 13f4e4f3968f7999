// `hmrc serve [DIR] [--port N] [--host H]`: parsed here so the compiler's
// command line stays as it is; src/cli/main.cpp hands over argv after "serve".
#pragma once

namespace hmrc::server {

int serve_main(int argc, char** argv);

}  // namespace hmrc::server
