#include "services/jwt/token_type.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace latchkey::services {
namespace {

constexpr std::string_view kAccessTokenTyp = "JWT";

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

json::object token_header(TokenType type, std::string_view kid) {
  switch (type) {
    case TokenType::kAccess:
      return json::object{{"typ", kAccessTokenTyp}, {"kid", kid}};
    case TokenType::kId:
    case TokenType::kWebhookSignature:
      // Security: no `typ`, so neither can pass is_access_token_header (see the header comment).
      return json::object{{"kid", kid}};
  }
  throw std::logic_error("unknown token type");
}

bool is_access_token_header(const json::object& header) {
  const auto* typ = header.if_contains("typ");
  if (typ == nullptr || !typ->is_string()) return false;
  std::string_view value = typ->as_string();
  // RFC 7515 §4.1.9: "application/" may be omitted, so "application/JWT" is the same type.
  constexpr std::string_view kPrefix = "application/";
  if (value.size() > kPrefix.size() && iequals(value.substr(0, kPrefix.size()), kPrefix)) {
    value.remove_prefix(kPrefix.size());
  }
  return iequals(value, kAccessTokenTyp);
}

}  // namespace latchkey::services
