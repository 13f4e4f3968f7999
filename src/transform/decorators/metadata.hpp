// emitDecoratorMetadata without a type checker: a type annotation as the
// value tsc's isolatedModules output (ts.transpileModule) gives `design:type`
// and `design:paramtypes`.
//
//   string, "a", `t${x}`   -> String        number, 1, enum E {A} -> Number
//   boolean, true          -> Boolean       void, undefined, null, never -> void 0
//   T[], [A, B]            -> Array         () => T, new () => T -> Function
//   string | undefined     -> String        string | number, any, {}, unknown -> Object
//   Foo, Foo<T>            -> (typeof Foo === "function" ? Foo : Object)
//   ns.Foo                 -> (typeof ns !== "undefined" && typeof ns.Foo === "function" ? ns.Foo :
//   Object)
// A name that is only a type (an interface, a type alias, a type-only
// import) is then Object at run time, as in tsc: the name is not declared.
// A local enum is Number or String by its members, as tsc's checker says.
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <vector>

namespace hmrc::decorators {

struct LocalEnum {
  std::string_view name;
  bool string_valued = false;  // every member has a string initializer
  bool number_valued = true;   // no member has a string initializer
};

class TypeSerializer {
 public:
  TypeSerializer(std::string_view text, bool strict_null_checks, std::vector<LocalEnum> enums)
      : text_(text), strict_(strict_null_checks), enums_(std::move(enums)) {}

  // `annotation`: a type_annotation (or a type); null serializes to Object.
  std::string serialize(TSNode annotation) const;

  // The value names a serialized annotation refers to (`Foo`, `ns` of ns.Foo),
  // so that import elision keeps their imports.
  static void referenced_names(TSNode annotation, std::string_view text,
                               std::vector<std::string_view>& out);

 private:
  std::string one(TSNode type) const;
  std::string union_of(TSNode type, bool intersection) const;

  std::string_view text_;
  bool strict_;
  std::vector<LocalEnum> enums_;
};

}  // namespace hmrc::decorators
