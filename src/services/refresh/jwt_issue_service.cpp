#include "services/refresh/jwt_issue_service.hpp"

namespace latchkey::services {
namespace {

Error unauthorized(std::string detail) {
  return Error::status(HttpStatus::kUnauthorized, std::move(detail));
}

}  // namespace

Result<JwtIssueOutcome> JwtIssueService::issue(const AuthenticatedToken& presented,
                                               const std::optional<std::string>& application_id,
                                               const std::optional<std::string>& refresh_token) {
  if (!application_id || application_id->empty()) {
    return fail(Error::field(HttpStatus::kBadRequest, "applicationId", "[missing]applicationId",
                             "You must specify the [applicationId] parameter."));
  }
  const auto target_id = Uuid::parse(*application_id);
  if (!target_id) {
    return fail(Error::field(HttpStatus::kBadRequest, "applicationId",
                             "[couldNotConvert]applicationId",
                             "The [applicationId] is not a valid UUID."));
  }
  // validate() demands an integer exp within range, so this cannot overflow.
  const auto exp = numeric_date_claim(presented.claims, "exp");
  if (!exp) return fail(unauthorized("the presented token has no usable exp"));
  const domain::User* user = &presented.user;

  const auto snapshot = config_.current();
  const auto* application = snapshot->find_application(*target_id);
  if (application == nullptr || application->tenant_id != user->tenant_id || !application->active) {
    return fail(Error::field(HttpStatus::kBadRequest, "applicationId", "[invalid]applicationId",
                             "The application does not exist."));
  }
  const auto* tenant = snapshot->find_tenant(user->tenant_id);
  if (tenant == nullptr) return fail(unauthorized("the token's tenant is gone"));
  const auto registration = store_.find_registration(user->id, application->id);

  // An auth_time that is no integer NumericDate in range is dropped (the new token then says
  // now), never multiplied into an overflow.
  const auto auth_time = numeric_date_claim(presented.claims, "auth_time");
  JwtIssueOutcome outcome;
  outcome.registered = registration.has_value();
  // A refresh token for the target needs a live one for this user, refresh tokens enabled on
  // the target, and the same expiration policy on both sides (seed).
  if (refresh_token && outcome.registered &&
      snapshot->settings(*application)->login.generate_refresh_tokens) {
    const auto live = refresh_tokens_.find_by_value(*refresh_token);
    if (live && live->user_id == user->id && refresh_tokens_.expires_at(*live) > clock_.now()) {
      const auto* source =
          live->application_id ? snapshot->find_application(*live->application_id) : nullptr;
      if (snapshot->jwt_settings(*tenant, source).expiration ==
          snapshot->jwt_settings(*tenant, application).expiration) {
        outcome.refresh_token =
            refresh_tokens_.issue({tenant, application, user, json::object(), json::array(),
                                   std::nullopt, live->start_instant, auth_time});
      }
    }
  }
  AccessTokenRequest request{
      tenant,
      application,
      user,
      registration ? &*registration : nullptr,
      "JWT_SSO",
      outcome.refresh_token ? std::optional(outcome.refresh_token->record.id.str()) : std::nullopt,
      auth_time,
      std::nullopt,
      *exp};
  LATCHKEY_TRY(outcome.token, tokens_.issue_access_token(request));
  return outcome;
}

}  // namespace latchkey::services
