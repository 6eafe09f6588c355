#include "crypto/totp.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace latchkey::crypto {
namespace {

using std::chrono::seconds;

Instant at(std::int64_t unix_seconds) { return from_epoch_ms(unix_seconds * 1000); }

// RFC 6238 Appendix B: the seed is the ASCII digits, repeated to the digest's length.
const std::string kSeedSha1 = "12345678901234567890";
const std::string kSeedSha256 = "12345678901234567890123456789012";
const std::string kSeedSha512 = "1234567890123456789012345678901234567890123456789012345678901234";

struct Vector {
  std::int64_t time;
  const char* sha1;
  const char* sha256;
  const char* sha512;
};

constexpr Vector kAppendixB[] = {
    {59, "94287082", "46119246", "90693936"},
    {1111111109, "07081804", "68084774", "25091201"},
    {1111111111, "14050471", "67062674", "99943326"},
    {1234567890, "89005924", "91819424", "93441116"},
    {2000000000, "69279037", "90698825", "38618901"},
    {20000000000, "65353130", "77737706", "47863826"},
};

TEST(Totp, MatchesRfc6238AppendixBForSha1Sha256AndSha512) {
  for (const Vector& v : kAppendixB) {
    EXPECT_EQ(totp(kSeedSha1, at(v.time), 8, seconds(30), TotpAlgorithm::kSha1), v.sha1);
    EXPECT_EQ(totp(kSeedSha256, at(v.time), 8, seconds(30), TotpAlgorithm::kSha256), v.sha256);
    EXPECT_EQ(totp(kSeedSha512, at(v.time), 8, seconds(30), TotpAlgorithm::kSha512), v.sha512);
  }
}

TEST(Totp, SixDigitsAreTheLowDigitsOfTheTruncatedValue) {
  EXPECT_EQ(totp(kSeedSha1, at(59)), "287082");
  EXPECT_EQ(totp(kSeedSha1, at(1111111109)), "081804");  // keeps the leading zero
}

TEST(VerifyTotp, AcceptsTheCurrentStepAndOneStepEitherSide) {
  const Instant now = at(1111111111);
  EXPECT_TRUE(verify_totp(kSeedSha1, totp(kSeedSha1, now), now));
  EXPECT_TRUE(verify_totp(kSeedSha1, totp(kSeedSha1, now - seconds(30)), now));
  EXPECT_TRUE(verify_totp(kSeedSha1, totp(kSeedSha1, now + seconds(30)), now));
}

TEST(MatchTotp, AnswersTheStartOfTheMatchedTimeStep) {
  const Instant now = at(1111111111);  // step 37037037 starts at 1111111110
  EXPECT_EQ(match_totp(kSeedSha1, totp(kSeedSha1, now), now), at(1111111110));
  EXPECT_EQ(match_totp(kSeedSha1, totp(kSeedSha1, now - seconds(30)), now), at(1111111080));
  EXPECT_EQ(match_totp(kSeedSha1, totp(kSeedSha1, now + seconds(30)), now), at(1111111140));
  EXPECT_EQ(match_totp(kSeedSha1, totp(kSeedSha1, now - seconds(60)), now), std::nullopt);
  EXPECT_EQ(match_totp(kSeedSha1, "12345", now), std::nullopt);
}

TEST(VerifyTotp, RejectsCodesOutsideTheWindow) {
  const Instant now = at(1111111111);
  EXPECT_FALSE(verify_totp(kSeedSha1, totp(kSeedSha1, now - seconds(60)), now));
  EXPECT_FALSE(verify_totp(kSeedSha1, totp(kSeedSha1, now + seconds(60)), now));
  EXPECT_FALSE(verify_totp(kSeedSha1, totp(kSeedSha1, now - seconds(30)), now, /*window=*/0));
}

TEST(VerifyTotp, RejectsWrongCodesAndWrongLengths) {
  const Instant now = at(1234567890);
  const std::string code = totp(kSeedSha1, now);
  std::string wrong = code;
  wrong[5] = wrong[5] == '0' ? '1' : '0';
  EXPECT_FALSE(verify_totp(kSeedSha1, wrong, now));
  EXPECT_FALSE(verify_totp(kSeedSha1, code.substr(0, 5), now));
  EXPECT_FALSE(verify_totp(kSeedSha1, code + "0", now));
  EXPECT_FALSE(verify_totp(kSeedSha1, "", now));
  EXPECT_FALSE(verify_totp("another secret", code, now));
}

TEST(VerifyTotp, HonoursAlgorithmDigitsAndStep) {
  const Instant now = at(1234567890);
  EXPECT_TRUE(verify_totp(kSeedSha256, "91819424", now, 1, 8, seconds(30), TotpAlgorithm::kSha256));
  EXPECT_FALSE(verify_totp(kSeedSha256, "91819424", now, 1, 8, seconds(30), TotpAlgorithm::kSha1));
  // A 60-second step at t uses counter floor(t / 60), as a 30-second step does at 30 * that.
  const std::int64_t t = 1234567890;
  const std::string minute_code = totp(kSeedSha1, at(t), 6, seconds(60));
  EXPECT_EQ(minute_code, totp(kSeedSha1, at(30 * (t / 60)), 6, seconds(30)));
  EXPECT_TRUE(verify_totp(kSeedSha1, minute_code, at(t), 0, 6, seconds(60)));
}

TEST(VerifyTotp, StepsBeforeTheEpochAreSkipped) {
  EXPECT_TRUE(verify_totp(kSeedSha1, totp(kSeedSha1, at(0)), at(10)));
}

TEST(Totp, NonsenseParametersAreCallerBugs) {
  EXPECT_THROW(static_cast<void>(totp(kSeedSha1, at(59), 5)), std::invalid_argument);
  EXPECT_THROW(static_cast<void>(totp(kSeedSha1, at(59), 11)), std::invalid_argument);
  EXPECT_THROW(static_cast<void>(totp(kSeedSha1, at(59), 6, seconds(0))), std::invalid_argument);
}

TEST(ParseTotpAlgorithm, AcceptsFusionAuthNames) {
  EXPECT_EQ(parse_totp_algorithm("HmacSHA1"), TotpAlgorithm::kSha1);
  EXPECT_EQ(parse_totp_algorithm("HmacSHA256"), TotpAlgorithm::kSha256);
  EXPECT_EQ(parse_totp_algorithm("HmacSHA512"), TotpAlgorithm::kSha512);
  EXPECT_EQ(parse_totp_algorithm("SHA1"), std::nullopt);
}

}  // namespace
}  // namespace latchkey::crypto
