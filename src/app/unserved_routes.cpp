// FusionAuth endpoints Latchkey does not serve, registered as explicit 501 routes.
//
// Why routes and not a rule on ids: FusionAuth itself answers [couldNotConvert]userId for a
// malformed id on a real endpoint (GET /api/user/not-a-uuid), so ids must keep matching any
// segment. What must not happen is a FusionAuth word after a known prefix (/api/user/search)
// falling into that parameter, or a method we lack on a path we serve (PUT /api/login)
// answering 405 as if FusionAuth had no such call. A literal segment wins over a parameter
// in the router, so listing the words is enough; 501 tells a FusionAuth client "not here"
// rather than "your input is wrong" or "your key is wrong".

#include "api/errors.hpp"
#include "app/routes.hpp"

#include <string_view>
#include <utility>

namespace latchkey::app {
namespace {

enum Method : unsigned { kGet = 1, kPost = 2, kPut = 4, kPatch = 8, kDelete = 16 };
constexpr unsigned kAll = kGet | kPost | kPut | kPatch | kDelete;
constexpr std::pair<Method, std::string_view> kMethodNames[] = {
    {kGet, "GET"}, {kPost, "POST"}, {kPut, "PUT"}, {kPatch, "PATCH"}, {kDelete, "DELETE"}};

struct Unserved {
  std::string_view path_template;
  unsigned methods;
};

// Paths under prefixes we serve, from FusionAuth's API reference, that would otherwise be
// taken by a {parameter} route or answered 405.
constexpr Unserved kUnserved[] = {
    // Users: /api/user/{userId} would take every one of these words.
    {"/api/user/search", kAll},
    {"/api/user/import", kAll},
    {"/api/user/bulk", kAll},
    {"/api/user/reindex", kAll},
    {"/api/user/recent-login", kAll},
    {"/api/user/forgot-password", kAll},
    {"/api/user/verify-email", kAll},
    {"/api/user/verify-email/{verificationId}", kAll},
    {"/api/user/verify-registration", kAll},
    {"/api/user/verify-registration/{verificationId}", kAll},
    {"/api/user/action", kAll},
    {"/api/user/action/{actionId}", kAll},
    {"/api/user/comment", kAll},
    {"/api/user/comment/{userId}", kAll},
    {"/api/user/consent", kAll},
    {"/api/user/consent/{userConsentId}", kAll},
    {"/api/user/family", kAll},
    {"/api/user/family/{familyId}", kAll},
    {"/api/user/two-factor", kAll},
    {"/api/user/two-factor/{userId}", kAll},
    // Served for POST only: FusionAuth's GET checks whether a password change is required.
    {"/api/user/change-password", kGet | kPut | kPatch | kDelete},
    {"/api/user/change-password/{changePasswordId}", kGet | kPut | kPatch | kDelete},
    // Login: PUT records a login instant (FusionAuth "Update Login Instant").
    {"/api/login", kPut},
    {"/api/login/{userId}", kPut},
    {"/api/login/{userId}/{applicationId}", kPut},
    // Searches under the other CRUD prefixes.
    {"/api/tenant/search", kAll},
    {"/api/application/search", kAll},
    {"/api/api-key/search", kAll},
    {"/api/key/search", kAll},
    {"/api/webhook/search", kAll},
    {"/api/identity-provider/search", kAll},
    {"/api/identity-provider/link", kAll},
    {"/api/identity-provider/start", kAll},
    // Email templates: preview renders FreeMarker, which Latchkey does not run yet.
    {"/api/email/template/preview", kAll},
};

}  // namespace

// Names the template, not the path: the path may carry a secret (a changePasswordId).
http::Response not_implemented(const std::string& method, std::string_view path_template) {
  return api::render_error(Error::general(
      HttpStatus::kNotImplemented, "[notImplemented]",
      "Latchkey does not implement " + method + " " + std::string(path_template) + "."));
}

RouteTable unserved_routes() {
  RouteTable table;
  for (const auto& entry : kUnserved) {
    for (const auto& [bit, method] : kMethodNames) {
      if ((entry.methods & bit) != 0)
        table.push_back(Route::not_implemented(method, entry.path_template));
    }
  }
  return table;
}

}  // namespace latchkey::app
