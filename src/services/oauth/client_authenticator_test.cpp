// Client authentication at the token endpoint.
#include <gtest/gtest.h>

#include "oauth_test_fixture.hpp"

namespace latchkey::services {
namespace {

TEST_F(OAuthTest, WrongSecretIsA401) {
  const auto code = code_for();
  secret += "x";
  const auto refused = exchange(code);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_EQ(refused.error().oauth_error()->reason, "invalid_client_authentication");
}

}  // namespace
}  // namespace latchkey::services
