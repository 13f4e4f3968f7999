#include "emit/edit_buffer.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace hmrc;

namespace {

template <typename F>
std::string edited(std::string_view original, F&& edit) {
  EditBuffer buffer(original);
  edit(buffer);
  return EditBuffer::join(buffer.pieces(), original);
}

}  // namespace

TEST_CASE("edits apply on the original text") {
  CHECK(edited("let a: T = 1;", [](auto& b) { b.remove(5, 8); }) == "let a = 1;");
  CHECK(edited("abc", [](auto& b) { b.replace(1, 2, "XYZ"); }) == "aXYZc");
  CHECK(edited("abc", [](auto& b) { b.insert_left(3, "!"); }) == "abc!");
  CHECK(edited("abc", [](auto& b) { b.insert_right(0, "^"); }) == "^abc");
  CHECK(edited("", [](auto& b) { b.insert_left(0, "x"); }) == "x");
}

TEST_CASE("insertions keep their side when a neighbour is replaced") {
  // Left stays with what precedes pos, right with what follows, then the replacement.
  CHECK(edited("abcd", [](auto& b) {
          b.replace(1, 3, "_");
          b.insert_left(1, "<");
          b.insert_right(1, ">");
          b.insert_left(3, "]");
        }) == "a<>_]d");
  CHECK(edited("ab", [](auto& b) {
          b.insert_left(1, "1");
          b.insert_left(1, "2");
        }) == "a12b");
}

TEST_CASE("adjacent edits are fine") {
  CHECK(edited("abcd", [](auto& b) {
          b.replace(0, 2, "X");
          b.replace(2, 4, "Y");
        }) == "XY");
}

TEST_CASE("overlapping edits are an internal error, never dropped") {
  EditBuffer b("abcdef");
  b.replace(1, 4, "x");
  b.remove(3, 5);
  CHECK_THROWS_AS(b.pieces(), OverlappingEdits);

  EditBuffer inside("abcdef");
  inside.remove(1, 4);
  inside.insert_left(2, "y");
  CHECK_THROWS_AS(inside.pieces(), OverlappingEdits);

  EditBuffer outside("abc");
  CHECK_THROWS_AS(outside.replace(2, 9, ""), OverlappingEdits);
}

TEST_CASE("move: a range and the edits inside it go to a later point") {
  // key={a as T} -> ..., a   (the TypeScript pass edits inside the moved key)
  CHECK(edited("k={a as T} />", [](auto& b) {
          b.remove(0, 3);
          b.remove(4, 9);
          b.move(3, 9, 13);
          b.remove(9, 10);
          b.replace(11, 13, "}");
          b.insert_left(13, ", ");
        }) == " }a, ");
  // At the anchor, insertions and the moved text keep call order.
  CHECK(edited("ab|", [](auto& b) {
          b.insert_left(3, "(");
          b.move(0, 2, 3);
          b.insert_left(3, ")");
        }) == "|(ab)");
  // Insertions at the range's edges travel with it.
  CHECK(edited("xaby", [](auto& b) {
          b.insert_right(1, "<");
          b.insert_left(3, ">");
          b.move(1, 3, 4);
        }) == "xy<ab>");
  // Moves nest: the inner one lands inside the outer one.
  CHECK(edited("0123456789", [](auto& b) {
          b.move(2, 3, 5);
          b.move(1, 6, 9);
        }) == "0678134259");
}

TEST_CASE("move: crossing edits and backward moves are internal errors") {
  EditBuffer crossing("abcdef");
  crossing.move(1, 3, 5);
  crossing.replace(2, 4, "x");
  CHECK_THROWS_AS(crossing.pieces(), OverlappingEdits);
  EditBuffer backward("abcdef");
  CHECK_THROWS_AS(backward.move(2, 4, 1), OverlappingEdits);
}
