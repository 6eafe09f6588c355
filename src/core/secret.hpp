#pragma once
// A string that must never reach a log or an error message: passwords, API keys, tokens.
// It prints as *** and has to be revealed explicitly where the value is really needed.

#include <ostream>
#include <string>
#include <utility>

namespace latchkey {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}

  [[nodiscard]] const std::string& reveal() const { return value_; }
  [[nodiscard]] bool empty() const { return value_.empty(); }

  friend std::ostream& operator<<(std::ostream& out, const Secret&) { return out << "***"; }

 private:
  std::string value_;
};

}  // namespace latchkey
