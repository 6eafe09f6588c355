// grant_type=authorization_code through the token endpoint.
#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "crypto/digest.hpp"
#include "oauth_test_fixture.hpp"

namespace latchkey::services {
namespace {

TEST_F(OAuthTest, CodeExchangesOnceAndReplayRevokesItsRefreshToken) {
  const auto code = code_for();
  const auto first = exchange(code);
  ASSERT_TRUE(first) << first.error().log_detail();
  const std::string refresh = std::string(first->at("refresh_token").as_string());
  EXPECT_TRUE(f.refresh_tokens.find_by_value(refresh));

  const auto replay = exchange(code);
  EXPECT_EQ(reason(replay), "auth_code_not_found");
  // RFC 6749 §4.1.2: what the first exchange issued is revoked.
  EXPECT_FALSE(f.refresh_tokens.find_by_value(refresh));
}

TEST_F(OAuthTest, ExpiredCodeIsRefused) {
  const auto code = code_for();
  f.clock.advance(std::chrono::seconds(31));
  EXPECT_EQ(reason(exchange(code)), "auth_code_not_found");
}

TEST_F(OAuthTest, PkceVerifierIsChecked) {
  const auto challenge = base64::encode_url(crypto::sha256(kVerifier));
  const auto code = code_for(challenge);
  EXPECT_EQ(reason(exchange(code)), "missing_code_verifier");
  EXPECT_EQ(reason(exchange(code, std::string(43, 'a'))), "invalid_pkce_code_verifier");
  EXPECT_TRUE(exchange(code, std::string(kVerifier)));
}

}  // namespace
}  // namespace latchkey::services
