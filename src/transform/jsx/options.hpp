// How JSX compiles; part of CompileOptions (see jsx.hpp for the pass).
#pragma once

#include <string>

namespace hmrc {

enum class JsxMode { automatic, classic, preserve };

struct JsxOptions {
  JsxMode mode = JsxMode::automatic;
  bool dev = false;                             // jsxDEV with source information; set by compile()
  std::string factory = "React.createElement";  // classic
  std::string fragment = "React.Fragment";      // classic
  std::string import_source = "react";          // automatic
  std::string file_name = "<stdin>";            // jsxDEV's fileName: the input as given
};

}  // namespace hmrc
