#pragma once
// GET/POST /oauth2/userinfo (OpenID Connect Core §5.3; seed Table 22): the claims of the user an
// access token names, by the application's scopeHandlingPolicy.
//
//   LATCHKEY_TRY(const auto body, userinfo.userinfo(bearer));

#include <optional>
#include <string>

#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/jwt/token_service.hpp"

namespace latchkey::services {

class Userinfo {
 public:
  Userinfo(const ConfigCache& config, const TokenService& tokens)
      : config_(config), tokens_(tokens) {}

  // The bearer token of the request, if it sent one.
  Result<json::object> userinfo(const std::optional<std::string>& bearer) const;

 private:
  const ConfigCache& config_;
  const TokenService& tokens_;
};

}  // namespace latchkey::services
