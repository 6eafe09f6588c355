// RFC 7519 §4.1.4 / §4.1.5: exp and nbf against an injected clock, with leeway.
#include <gtest/gtest.h>

#include <chrono>

#include "jose/jws.hpp"
#include "jose/test_support.hpp"

namespace latchkey::jose {
namespace {

using namespace std::chrono_literals;
using testing::forge;
using testing::resolve_to;

constexpr std::int64_t kExp = 1700003600;
constexpr std::int64_t kNbf = 1700000000;

class JwsTime : public ::testing::Test {
 protected:
  std::expected<VerifiedJws, VerifyError> verify_at(const boost::json::object& claims, Instant now,
                                                    std::chrono::seconds leeway = 0s,
                                                    bool require_exp = false) const {
    return verify(sign({}, claims, key_), resolve_to(key_),
                  {.now = now, .leeway = leeway, .require_exp = require_exp});
  }
  static Instant at(std::int64_t seconds) { return Instant(std::chrono::seconds(seconds)); }

  Key key_ = Key::generate(Algorithm::kHS256);
  boost::json::object claims_ = {{"exp", kExp}, {"nbf", kNbf}};
};

TEST_F(JwsTime, ValidBetweenNbfAndExp) { EXPECT_TRUE(verify_at(claims_, at(kNbf + 10))); }

TEST_F(JwsTime, ExpiredAfterExp) {
  EXPECT_EQ(verify_at(claims_, at(kExp + 1)).error(), VerifyError::kExpired);
}

TEST_F(JwsTime, ExpiredExactlyAtExp) {
  EXPECT_EQ(verify_at(claims_, at(kExp)).error(), VerifyError::kExpired);
}

TEST_F(JwsTime, ValidOneMillisecondBeforeExp) { EXPECT_TRUE(verify_at(claims_, at(kExp) - 1ms)); }

TEST_F(JwsTime, NotYetValidBeforeNbf) {
  EXPECT_EQ(verify_at(claims_, at(kNbf) - 1ms).error(), VerifyError::kNotYetValid);
}

TEST_F(JwsTime, ValidExactlyAtNbf) { EXPECT_TRUE(verify_at(claims_, at(kNbf))); }

TEST_F(JwsTime, LeewayExtendsExpByItsLengthAndNoMore) {
  EXPECT_TRUE(verify_at(claims_, at(kExp + 29), 30s));
  EXPECT_EQ(verify_at(claims_, at(kExp + 30), 30s).error(), VerifyError::kExpired);
}

TEST_F(JwsTime, LeewayAdvancesNbfByItsLength) {
  EXPECT_TRUE(verify_at(claims_, at(kNbf - 30), 30s));
  EXPECT_EQ(verify_at(claims_, at(kNbf - 31), 30s).error(), VerifyError::kNotYetValid);
}

TEST_F(JwsTime, FractionalExpIsHonoured) {
  const boost::json::object claims = {{"exp", 1700003600.5}};
  EXPECT_TRUE(verify_at(claims, at(kExp) + 499ms));
  EXPECT_EQ(verify_at(claims, at(kExp) + 500ms).error(), VerifyError::kExpired);
}

TEST_F(JwsTime, NonNumericExpOrNbfIsMalformed) {
  EXPECT_EQ(verify_at({{"exp", "1700003600"}}, at(0)).error(), VerifyError::kMalformed);
  EXPECT_EQ(verify_at({{"nbf", true}}, at(0)).error(), VerifyError::kMalformed);
  EXPECT_EQ(verify_at({{"exp", nullptr}}, at(0)).error(), VerifyError::kMalformed);
}

TEST_F(JwsTime, InfiniteExpIsMalformed) {
  const std::string token = forge(R"({"alg":"HS256"})", R"({"exp":1e400})", key_);
  EXPECT_EQ(verify(token, resolve_to(key_), {.now = at(0)}).error(), VerifyError::kMalformed);
}

TEST_F(JwsTime, MissingExpIsAcceptedUnlessRequired) {
  EXPECT_TRUE(verify_at({{"sub", "x"}}, at(kExp)));
  EXPECT_EQ(verify_at({{"sub", "x"}}, at(kExp), 0s, true).error(), VerifyError::kMalformed);
}

TEST_F(JwsTime, SignatureIsCheckedBeforeTimes) {
  // An expired token with a bad signature reports the signature, not the expiry.
  const Key other = Key::generate(Algorithm::kHS256);
  const std::string token = sign({}, claims_, other);
  EXPECT_EQ(verify(token, resolve_to(key_), {.now = at(kExp + 1)}).error(),
            VerifyError::kBadSignature);
}

}  // namespace
}  // namespace latchkey::jose
