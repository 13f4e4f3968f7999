// The compile errors that stand, by file, until the file compiles again: the
// overlay of every page shows them (one "error" message lists them all) and
// the terminal prints each once as it appears.
#pragma once

#include <map>
#include <string>

#include "server/updates/modules.hpp"

namespace hmrc::server {

class Pages;

class ErrorBoard {
 public:
  explicit ErrorBoard(Pages& pages) : pages_(pages) {}

  bool has(const std::string& file) const { return errors_.count(file) != 0; }
  const ModuleError* find(const std::string& file) const {
    auto it = errors_.find(file);
    return it == errors_.end() ? nullptr : &it->second;
  }
  bool empty() const { return errors_.empty(); }
  void set(const std::string& file, ModuleError error) { errors_[file] = std::move(error); }
  // Whether `file` had an error.
  bool erase(const std::string& file) { return errors_.erase(file) != 0; }
  void clear() { errors_.clear(); }

  // The message that shows every error on the pages' overlay.
  std::string message() const;
  // Prints every error on stderr and sends the message to every page.
  void report() const;

 private:
  Pages& pages_;
  std::map<std::string, ModuleError> errors_;
};

}  // namespace hmrc::server
