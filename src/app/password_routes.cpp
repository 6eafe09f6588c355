// The Change Password API and the hosted change-password page.
#include "api/change_password_handlers.hpp"
#include "app/routes.hpp"
#include "web/change_password_handlers.hpp"

namespace latchkey::app {

RouteTable password_routes() {
  return {
      {"POST", "/api/user/change-password", Auth::kApiKeyOrChangePasswordId, api::change_password},
      {"POST", "/api/user/change-password/{changePasswordId}", Auth::kApiKeyOrChangePasswordId,
       api::change_password},
      // The changePasswordId in the path is the page's credential; the service checks it.
      {"GET", "/password/change/{changePasswordId}", Auth::kAnonymous, web::change_password_form},
      {"POST", "/password/change/{changePasswordId}", Auth::kAnonymous,
       web::change_password_submit},
  };
}

}  // namespace latchkey::app
