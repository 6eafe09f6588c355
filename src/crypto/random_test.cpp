#include "crypto/random.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/base64.hpp"

namespace latchkey::crypto {
namespace {

TEST(RandomBytes, ReturnsExactlyTheRequestedLength) {
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(1).size(), 1u);
  EXPECT_EQ(random_bytes(1000).size(), 1000u);
}

TEST(RandomBytes, TwoDrawsDiffer) { EXPECT_NE(random_bytes(32), random_bytes(32)); }

TEST(RandomToken, Is43UnpaddedBase64UrlCharactersFor32Bytes) {
  const std::string token = random_token();
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  const auto decoded = base64::decode_url(token);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->size(), 32u);
}

TEST(RandomToken, ThousandTokensAreAllDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(random_token());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RandomUuid, IsVersion4WithTheRfcVariant) {
  const Uuid id = random_uuid();
  const std::string& text = id.str();
  ASSERT_EQ(text.size(), 36u);
  EXPECT_EQ(text[14], '4');
  EXPECT_NE(std::string("89ab").find(text[19]), std::string::npos);
  EXPECT_TRUE(Uuid::parse(text).has_value());
  EXPECT_NE(random_uuid(), id);
}

TEST(RandomAlphanumeric, UsesOnlyLettersAndDigits) {
  const std::string value = random_alphanumeric(500);
  EXPECT_EQ(value.size(), 500u);
  EXPECT_EQ(
      value.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
      std::string::npos);
}

TEST(RandomAlphanumeric, EveryCharacterAppearsAndNoneDominates) {
  // 62,000 draws: each character is expected ~1000 times (sd ~31). Biased modulo would give the
  // first eight characters ~25% more; the bound below catches that and practically never
  // fails by chance (more than 6 sd).
  const std::string value = random_alphanumeric(62'000);
  std::array<int, 256> counts{};
  for (const char c : value) ++counts[static_cast<unsigned char>(c)];
  for (const char c :
       std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")) {
    const int n = counts[static_cast<unsigned char>(c)];
    EXPECT_GT(n, 800) << c;
    EXPECT_LT(n, 1200) << c;
  }
}

TEST(RandomAlphanumeric, ZeroLengthIsEmpty) { EXPECT_EQ(random_alphanumeric(0), ""); }

}  // namespace
}  // namespace latchkey::crypto
