#include "services/jwt_issue_service.hpp"

#include "services/jwt_settings.hpp"

namespace latchkey::services {
namespace {

Error unauthorized(std::string detail) {
  return Error::status(HttpStatus::kUnauthorized, std::move(detail));
}

}  // namespace

Result<JwtIssueOutcome> JwtIssueService::issue(const json::object& presented_claims,
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
  const auto user_id = json::get_string(presented_claims, "sub").and_then(Uuid::parse);
  const auto exp = json::get_int(presented_claims, "exp");
  if (!user_id || !exp) return fail(unauthorized("the presented token has no sub or exp"));
  auto user = store_.find_user(*user_id);
  if (!user || !user->active) return fail(unauthorized("the token's user is gone or inactive"));

  const auto snapshot = config_.current();
  const auto* application = snapshot->find_application(*target_id);
  if (application == nullptr || application->tenant_id != user->tenant_id || !application->active) {
    return fail(Error::field(HttpStatus::kBadRequest, "applicationId", "[invalid]applicationId",
                             "The application does not exist."));
  }
  const auto* tenant = snapshot->find_tenant(user->tenant_id);
  if (tenant == nullptr) return fail(unauthorized("the token's tenant is gone"));
  const auto registration = store_.find_registration(user->id, application->id);

  const auto auth_time = json::get_int(presented_claims, "auth_time").transform([](std::int64_t s) {
    return from_epoch_ms(s * 1000);
  });
  JwtIssueOutcome outcome;
  outcome.registered = registration.has_value();
  // A refresh token for the target needs a live one for this user, refresh tokens enabled on
  // the target, and the same expiration policy on both sides (seed).
  if (refresh_token && outcome.registered &&
      json::get_bool(application->data, "loginConfiguration.generateRefreshTokens")
          .value_or(false)) {
    const auto presented = refresh_tokens_.find_by_value(*refresh_token);
    if (presented && presented->user_id == user->id &&
        refresh_tokens_.expires_at(*presented) > clock_.now()) {
      const auto* source = presented->application_id
                               ? snapshot->find_application(*presented->application_id)
                               : nullptr;
      if (jwt_settings(*tenant, source).expiration ==
          jwt_settings(*tenant, application).expiration) {
        outcome.refresh_token =
            refresh_tokens_.issue({tenant, application, &*user, json::object(), json::array(),
                                   std::nullopt, presented->start_instant, auth_time});
      }
    }
  }
  AccessTokenRequest request{
      tenant,
      application,
      &*user,
      registration ? &*registration : nullptr,
      "JWT_SSO",
      outcome.refresh_token ? std::optional(outcome.refresh_token->record.id.str()) : std::nullopt,
      auth_time,
      std::nullopt,
      from_epoch_ms(*exp * 1000)};
  LATCHKEY_TRY(outcome.token, tokens_.issue_access_token(request));
  return outcome;
}

}  // namespace latchkey::services
