#pragma once
// The Login API's rules (spec/users-registrations-login.md): credentials, every status FusionAuth
// answers with, failed-login counting and lockout, the login throttle, two-factor challenges
// (wrong codes counted, codes single-use), and what a successful login issues (access token,
// refresh token). Whether a login is prevented is login_prevention.hpp's call.
//
//   LATCHKEY_TRY(const auto outcome, login.login(caller, request));   // a LoginOutcome variant

#include <concepts>
#include <optional>
#include <string>
#include <variant>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/password_hasher.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/events.hpp"
#include "services/common/login_prevention.hpp"
#include "services/common/token_vault.hpp"
#include "services/jwt/token_service.hpp"
#include "services/refresh/refresh_token_service.hpp"
#include "services/users/login_throttle.hpp"
#include "services/users/user_service.hpp"
#include "store/password_change_store.hpp"
#include "store/registration_store.hpp"
#include "store/two_factor_store.hpp"
#include "store/unit_of_work.hpp"
#include "store/user_store.hpp"

namespace latchkey::services {

struct LoginRequest {
  std::string login_id;
  Secret password;
  std::optional<std::string> application_id;
  std::optional<std::string> ip_address;
  bool no_jwt = false;
  json::object device;  // metaData.device
  // From the Change Password API's 200: replaces loginId + password, once. Last, so the
  // positional initialisers above stay valid.
  Secret one_time_password{};
  // Whether a two-factor challenge this login starts remembers no_jwt. The OAuth password grant
  // asks for no JWT (it mints its own tokens) but sends the client on to the Two Factor Login
  // API, which must then answer with a token.
  bool second_factor_keeps_no_jwt = true;
  // The address the request came from (the socket's, or the trusted proxy's client): what the
  // login throttle counts. ip_address above is what the caller says and only counts when an API
  // key vouches for it (a backend logging its users in from one address).
  std::string client_address{};
};

struct TwoFactorLoginRequest {
  std::string two_factor_id;
  std::string code;
  std::optional<std::string> application_id;
  std::optional<std::string> ip_address;
  bool no_jwt = false;
  json::object device;
  std::string client_address{};  // as LoginRequest::client_address
};

// How the user proved who they are: the access token's authenticationType, and what the
// user.login.success event adds (identityProviderId/identityProviderName for federated logins).
struct LoginContext {
  std::string authentication_type = "PASSWORD";
  json::object event_extras;
};

// What a login led to. Each front door renders it in its own words: the Login API as
// FusionAuth's statuses (api/login_response.cpp), the OAuth password grant as OAuth errors, the
// hosted form as a page. Errors (Result's) are only bad input and failures nobody planned for.
//
//   LATCHKEY_TRY(const auto outcome, login.login(caller, request));
//   std::visit(overloaded{[](const LoggedIn& in) {...}, [](const TwoFactorRequired& t) {...}, ...},
//              outcome);

// What a successful login issued: none under noJWT; the refresh token when the application hands
// them out.
struct LoginTokens {
  std::optional<IssuedToken> access_token;
  std::optional<IssuedRefreshToken> refresh_token;
  std::optional<Instant> refresh_token_expires;
};

// The stores a login reads and writes.
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct LoginStores {
  store::UserStore& users;
  store::RegistrationStore& registrations;
  store::TwoFactorStore& two_factor;
  store::PasswordChangeStore& password_changes;
  store::UnitOfWork& unit_of_work;

  template <std::derived_from<store::UserStore> Backend>
  LoginStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : users(backend),
        registrations(backend),
        two_factor(backend),
        password_changes(backend),
        unit_of_work(backend) {}
};

// Signed in, with the tokens the request asked for (FusionAuth 200 / 202 / 212 / 213).
struct LoggedIn {
  enum class Standing {
    kRegistered,               // 200 (or no application named)
    kNotRegistered,            // 202: signed in, but not registered for the application
    kEmailNotVerified,         // 212: the tenant gates unverified email addresses
    kRegistrationNotVerified,  // 213
  };
  Standing standing = Standing::kRegistered;
  UserView user;
  LoginTokens tokens;
};

// A second factor is due (242): the login is parked behind a one-time twoFactorId.
struct TwoFactorRequired {
  std::string two_factor_id;
  json::array methods;  // the user's methods, without their secrets
};

// The user must change their password first (203): a single-use changePasswordId.
struct PasswordChangeRequired {
  std::string change_password_id;
  std::string reason;  // Administrative, Breached, Expired, Validation
};

// The user may not sign in (login_prevention.hpp's table): locked (409), expired (410), the
// application inactive (400), the user inactive or not registered where required (404).
struct LoginPrevented {
  LoginPrevention reason = LoginPrevention::kUserNotFound;
  Instant locked_until{};                        // kLocked: when the lock ends
  std::optional<std::string> lockout_action_id;  // kLocked: the tenant's User Action, if any
  std::string detail;                            // for the log
};

// No user by that login id, a wrong password, an unknown oneTimePassword, or an unknown,
// expired or spent twoFactorId (FusionAuth answers all 404, revealing no login id).
struct CredentialsRejected {
  std::string detail;  // for the log
};

// A wrong or replayed two-factor code (421); the twoFactorId lives on.
struct TwoFactorCodeRejected {
  std::string detail;  // for the log
};

// The login throttle refused the attempt before any password was checked (429).
struct LoginThrottled {
  std::chrono::seconds retry_after{1};
};

using LoginOutcome =
    std::variant<LoggedIn, TwoFactorRequired, PasswordChangeRequired, LoginPrevented,
                 CredentialsRejected, TwoFactorCodeRejected, LoginThrottled>;

class LoginService {
 public:
  LoginService(LoginStores store, const ConfigCache& config, const Clock& clock,
               const crypto::PasswordHasher& hasher, const TokenService& tokens,
               RefreshTokenService& refresh_tokens, const TokenVault& vault, UserService& users,
               EventSink& events, LoginThrottle& throttle)
      : store_(store),
        config_(config),
        clock_(clock),
        hasher_(hasher),
        tokens_(tokens),
        refresh_tokens_(refresh_tokens),
        vault_(vault),
        users_(users),
        events_(events),
        throttle_(throttle) {}

  // The caller is authenticated (or anonymous) already; whether this login needed an API key
  // is answered by requires_api_key.
  Result<LoginOutcome> login(const Caller& caller, const LoginRequest& request);
  Result<LoginOutcome> two_factor_login(const TwoFactorLoginRequest& request);
  // loginConfiguration.requireAuthentication of the application (or of the tenant when the
  // request names no application).
  bool requires_api_key(const Caller& caller,
                        const std::optional<std::string>& application_id) const;

  // Finishes a login whose credentials were checked elsewhere (POST /api/jwt/reconcile): the
  // same gates and outcomes as the Login API after a correct password — prevented (locked,
  // inactive, expired), a second factor, a password change, then signed in with the tokens.
  Result<LoginOutcome> complete_verified_login(const domain::Tenant& tenant,
                                               const domain::Application* application,
                                               domain::User user, const LoginRequest& request,
                                               const LoginContext& context);

 private:
  Result<LoginOutcome> second_factor_or_complete(const domain::Tenant& tenant,
                                                 const domain::Application* application,
                                                 domain::User user, const LoginRequest& request,
                                                 const LoginContext& context);
  // The refresh token (a store write, inside the login's transaction) and the access token
  // (a signature, after the commit) into `outcome`.
  void issue_refresh_token(const domain::Tenant& tenant, const domain::Application* application,
                           const domain::User& user,
                           const std::optional<domain::Registration>& registration,
                           const LoginRequest& request, Instant now, LoginTokens& outcome);
  Status issue_access_token(const domain::Tenant& tenant, const domain::Application* application,
                            const domain::User& user,
                            const std::optional<domain::Registration>& registration,
                            const LoginRequest& request, const std::string& authentication_type,
                            Instant now, LoginTokens& outcome);
  Result<LoginOutcome> complete(const domain::Tenant& tenant,
                                const domain::Application* application, domain::User user,
                                const LoginRequest& request, const LoginContext& context);
  // A wrong password or second factor: the tenant's lockout count and the throttle.
  void count_failure(const domain::Tenant& tenant, const domain::User& user,
                     std::string_view throttle_key, std::string_view address, Instant now);

  LoginStores store_;
  const ConfigCache& config_;
  const Clock& clock_;
  const crypto::PasswordHasher& hasher_;
  const TokenService& tokens_;
  RefreshTokenService& refresh_tokens_;
  const TokenVault& vault_;
  UserService& users_;
  EventSink& events_;
  LoginThrottle& throttle_;
};

// Wrong codes one twoFactorId survives: FusionAuth documents no limit, so Latchkey picks 5
// (RFC 4226 §7.3 asks for one). The 5th wrong code kills the id: it then answers 404 as an
// unknown id does, and the user must sign in with the password again.
inline constexpr int kMaxTwoFactorFailures = 5;

}  // namespace latchkey::services
