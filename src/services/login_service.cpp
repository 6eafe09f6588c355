#include "services/login_service.hpp"

namespace latchkey::services {

Result<LoginOutcome> LoginService::login(const Caller&, const LoginRequest&) {
  return fail(Error::status(HttpStatus::kNotFound));
}

Result<LoginOutcome> LoginService::two_factor_login(const TwoFactorLoginRequest&) {
  return fail(Error::status(HttpStatus::kNotFound));
}

bool LoginService::requires_api_key(const Caller&, const std::optional<std::string>&) const {
  return true;
}

}  // namespace latchkey::services
