#pragma once
// FusionAuth ids are UUIDs in canonical lower-case form. A Uuid can only hold a valid one;
// generating a fresh one needs randomness and lives in crypto/random.hpp.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace latchkey {

class Uuid {
 public:
  // Accepts the 8-4-4-4-12 hex form in either case; answers nothing for anything else.
  static std::optional<Uuid> parse(std::string_view text);
  // Formats 16 raw bytes, setting the RFC 9562 version 4 and variant bits.
  static Uuid from_random_bytes(const unsigned char (&bytes)[16]);

  [[nodiscard]] const std::string& str() const { return text_; }
  auto operator<=>(const Uuid&) const = default;

 private:
  explicit Uuid(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

}  // namespace latchkey
