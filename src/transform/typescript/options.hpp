// What tsconfig.json's compilerOptions change in how a file compiles; part of
// CompileOptions. src/config/tsconfig.hpp reads them; the CLI and the dev
// server fill them in, flags given on the command line winning.
#pragma once

namespace hmrc {

struct TsOptions {
  // Decorators: false lowers TC39 (TypeScript 5) decorators; true compiles
  // them as tsc's experimentalDecorators (__decorate, __param).
  bool experimental_decorators = false;
  bool emit_decorator_metadata = false;  // design:type, design:paramtypes, design:returntype
  bool strict_null_checks = false;       // `T | null` is then Object in metadata, as in tsc
  // Class fields are [[Define]]d (true) or assigned in the constructor (false).
  bool use_define_for_class_fields = true;
  // Import elision: verbatimModuleSyntax and preserveValueImports keep every
  // import that is not written `type`; importsNotUsedAsValues "preserve" (or
  // "error") keeps `import "x"` for an import whose bindings all went.
  bool keep_value_imports = false;
  bool keep_side_effect_imports = false;
};

}  // namespace hmrc
