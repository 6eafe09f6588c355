#include "api/login_handlers.hpp"

namespace latchkey::api {

Result<http::Response> login(http::Request&, ApiServices&) {
  return fail(Error::status(HttpStatus::kNotFound));
}

Result<http::Response> two_factor_login(http::Request&, ApiServices&) {
  return fail(Error::status(HttpStatus::kNotFound));
}

}  // namespace latchkey::api
