// Every diagnostic code hmrc reports, in one table. A code is stable once
// released: docs/diagnostics.md explains each one, and tools match on them.
// The letter says which stage reports it.
#pragma once

#include <string_view>

namespace hmrc::codes {

// Input (compile.cpp, check_input): the bytes are not a source file.
inline constexpr std::string_view kNulByte = "I001";
inline constexpr std::string_view kInvalidUtf8 = "I002";
inline constexpr std::string_view kInputTooLarge = "I003";

// Syntax (parser/syntax_errors.cpp).
inline constexpr std::string_view kUnexpectedSyntax = "S001";
inline constexpr std::string_view kMissingToken = "S002";
inline constexpr std::string_view kTooManyErrors = "S003";

// import.meta.hot (transform/hot/uses.cpp).
inline constexpr std::string_view kHotEscapes = "HMR001";
inline constexpr std::string_view kHotAliasedMeta = "HMR002";
inline constexpr std::string_view kHotNotCalled = "HMR003";
inline constexpr std::string_view kHotUnknownMember = "HMR004";
inline constexpr std::string_view kHotAssigned = "HMR005";
inline constexpr std::string_view kHotDependencyNotLiteral = "HMR006";
inline constexpr std::string_view kHotUnknownDependency = "HMR007";
inline constexpr std::string_view kHotMetaEscapes = "HMR008";
inline constexpr std::string_view kHotTooDeep = "HMR009";

// TypeScript (transform/typescript/).
inline constexpr std::string_view kTsImportRequire = "TS001";
inline constexpr std::string_view kTsExportAssignment = "TS002";
inline constexpr std::string_view kTsDecorator = "TS003";
inline constexpr std::string_view kTsNamespaceValues = "TS004";
inline constexpr std::string_view kTsUnreadableTypeArguments = "TS005";
inline constexpr std::string_view kTsUnreadableQualifiedType = "TS006";
// Decorators and class fields (transform/decorators/).
inline constexpr std::string_view kTsFieldNotAssignable = "TS007";

// tsconfig.json (src/config).
inline constexpr std::string_view kTsConfigSyntax = "TSC001";
inline constexpr std::string_view kTsConfigExtends = "TSC002";
inline constexpr std::string_view kTsConfigValue = "TSC003";

// JSX (transform/jsx/jsx.cpp).
inline constexpr std::string_view kJsxKeyShorthand = "J001";
inline constexpr std::string_view kJsxBadExpression = "J002";
inline constexpr std::string_view kJsxBadPragma = "J003";
inline constexpr std::string_view kJsxPragmaIgnored = "J004";

// The dev server: imports of files that are not there (server/updates/
// missing_imports.cpp), npm packages that do not resolve (server/npm/packages.cpp).
inline constexpr std::string_view kImportedFileMissing = "IMP001";
inline constexpr std::string_view kDepNotResolved = "DEP001";

// hmrc itself: a bug, never the input's fault (compile.cpp).
inline constexpr std::string_view kInternalError = "X001";

// The CLI (cli/build.cpp): a file could not be read or written.
inline constexpr std::string_view kIo = "IO";

}  // namespace hmrc::codes
