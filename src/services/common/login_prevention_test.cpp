#include "services/common/login_prevention.hpp"

#include <gtest/gtest.h>

namespace latchkey::services {
namespace {

TEST(OAuthLoginPrevented, MapsEachStateToFusionAuthsErrorReason) {
  const auto reason = [](LoginPrevention p) {
    const Error error = oauth_login_prevented(p);
    EXPECT_EQ(error.http_status(), p == LoginPrevention::kApplicationInactive
                                       ? HttpStatus::kUnauthorized
                                       : HttpStatus::kBadRequest);
    return error.oauth_error()->reason;
  };
  EXPECT_EQ(reason(LoginPrevention::kUserNotFound), "user_not_found");
  EXPECT_EQ(reason(LoginPrevention::kUserInactive), "user_not_found");
  EXPECT_EQ(reason(LoginPrevention::kLocked), "user_locked");
  EXPECT_EQ(reason(LoginPrevention::kExpired), "user_expired");
  EXPECT_EQ(reason(LoginPrevention::kRegistrationRequired), "registration_required");
  EXPECT_EQ(reason(LoginPrevention::kApplicationInactive), "invalid_client_id");
  EXPECT_EQ(oauth_login_prevented(LoginPrevention::kLocked).oauth_error()->error, "invalid_grant");
}

}  // namespace
}  // namespace latchkey::services
