// The Change Password API and the hosted change-password page.
#include "api/change_password_handlers.hpp"
#include "app/routes.hpp"
#include "web/change_password_handlers.hpp"

namespace latchkey::app {

void add_password_routes(http::Router& router, api::ApiServices& services) {
  router.add("POST", "/api/user/change-password", api_route(services, api::change_password));
  router.add("POST", "/api/user/change-password/{changePasswordId}",
             api_route(services, api::change_password));

  const auto& oauth = services.oauth;
  auto& change_password = services.change_password;
  router.add("GET", "/password/change/{changePasswordId}",
             [&oauth, &change_password](http::Request& request) {
               return web::change_password_form(request, oauth, change_password);
             });
  router.add("POST", "/password/change/{changePasswordId}",
             [&oauth, &change_password](http::Request& request) {
               return web::change_password_submit(request, oauth, change_password);
             });
}

}  // namespace latchkey::app
