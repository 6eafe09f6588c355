#pragma once
// POST /oauth2/token's parameters, which the token endpoint and each of its grants read.

#include <optional>
#include <string>

namespace latchkey::services {

// POST /oauth2/token, parsed from the form and the Authorization header.
struct OAuthTokenRequest {
  std::optional<std::string> authorization;  // the raw Authorization header, if any
  std::optional<std::string> grant_type;
  std::optional<std::string> client_id;
  std::optional<std::string> client_secret;
  std::optional<std::string> code;
  std::optional<std::string> redirect_uri;
  std::optional<std::string> code_verifier;
  std::optional<std::string> login_id;  // the seed's loginId, or RFC 6749's username
  std::optional<std::string> password;
  std::optional<std::string> scope;
  std::optional<std::string> refresh_token;
  std::optional<std::string> device;
  std::optional<std::string> ip_address;
};

}  // namespace latchkey::services
