#include "core/base64.hpp"

#include <gtest/gtest.h>

namespace latchkey::base64 {
namespace {

// RFC 4648 §10 test vectors.
TEST(Base64, EncodesRfc4648Vectors) {
  EXPECT_EQ(encode(""), "");
  EXPECT_EQ(encode("f"), "Zg==");
  EXPECT_EQ(encode("fo"), "Zm8=");
  EXPECT_EQ(encode("foo"), "Zm9v");
  EXPECT_EQ(encode("foob"), "Zm9vYg==");
  EXPECT_EQ(encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, DecodesRfc4648Vectors) {
  EXPECT_EQ(decode("Zg=="), "f");
  EXPECT_EQ(decode("Zm8="), "fo");
  EXPECT_EQ(decode("Zm9vYmFy"), "foobar");
}

TEST(Base64, RejectsMalformedInput) {
  EXPECT_FALSE(decode("Zg="));   // wrong length
  EXPECT_FALSE(decode("Zh=="));  // non-zero trailing bits
  EXPECT_FALSE(decode("Z===").has_value());
  EXPECT_FALSE(decode("Zm9v!mFy"));
}

TEST(Base64Url, RoundTripsBinaryWithoutPadding) {
  const std::string bytes("\xfb\xff\x00\x3e\x3f", 5);
  const std::string encoded = encode_url(bytes);
  EXPECT_EQ(encoded, "-_8APj8");
  EXPECT_EQ(decode_url(encoded), bytes);
}

TEST(Base64Url, RejectsPaddingAndStandardAlphabet) {
  EXPECT_FALSE(decode_url("Zg=="));
  EXPECT_FALSE(decode_url("+/8A"));
  EXPECT_FALSE(decode_url("Z"));  // one leftover character can never be valid
}

}  // namespace
}  // namespace latchkey::base64
