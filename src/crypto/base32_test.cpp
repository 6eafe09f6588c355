#include "crypto/base32.hpp"

#include <gtest/gtest.h>

namespace latchkey::crypto {
namespace {

// RFC 4648 §10.
TEST(Base32, EncodesRfc4648Vectors) {
  EXPECT_EQ(base32_encode(""), "");
  EXPECT_EQ(base32_encode("f"), "MY======");
  EXPECT_EQ(base32_encode("fo"), "MZXQ====");
  EXPECT_EQ(base32_encode("foo"), "MZXW6===");
  EXPECT_EQ(base32_encode("foob"), "MZXW6YQ=");
  EXPECT_EQ(base32_encode("fooba"), "MZXW6YTB");
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI======");
}

TEST(Base32, DecodesRfc4648Vectors) {
  for (const std::string plain : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(base32_decode(base32_encode(plain)), std::optional<std::string>(plain)) << plain;
  }
}

TEST(Base32, PaddingIsOptionalAndCaseIsIgnored) {
  EXPECT_EQ(base32_encode("foobar", false), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("MZXW6YTBOI"), std::optional<std::string>("foobar"));
  EXPECT_EQ(base32_decode("mzxw6ytboi======"), std::optional<std::string>("foobar"));
}

TEST(Base32, RoundTripsEveryByteValue) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  EXPECT_EQ(base32_decode(base32_encode(all)), std::optional<std::string>(all));
}

TEST(Base32, RejectsMalformedInput) {
  EXPECT_EQ(base32_decode("MZXW6YTB1"), std::nullopt);         // '1' is not in the alphabet
  EXPECT_EQ(base32_decode("M"), std::nullopt);                 // 1 leftover character
  EXPECT_EQ(base32_decode("MZX"), std::nullopt);               // 3 leftover characters
  EXPECT_EQ(base32_decode("MZXW6Y"), std::nullopt);            // 6 leftover characters
  EXPECT_EQ(base32_decode("MY=====M"), std::nullopt);          // padding in the middle
  EXPECT_EQ(base32_decode("MY====="), std::nullopt);           // padding not to 8
  EXPECT_EQ(base32_decode("MZ"), std::nullopt);                // non-zero unused bits
  EXPECT_EQ(base32_decode("MZXW6YTB========"), std::nullopt);  // a whole group of padding
  EXPECT_EQ(base32_decode("MZXW6YTB OI"), std::nullopt);
}

}  // namespace
}  // namespace latchkey::crypto
