#include "jose/ecdsa_signature.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "jose/jws.hpp"
#include "jose/jws_signature.hpp"
#include "jose/test_support.hpp"

namespace latchkey::jose {
namespace {

TEST(EcdsaSignature, RawRoundTripsThroughDerWithLeadingZerosKept) {
  std::string raw(64, '\0');
  raw[31] = 1;       // R = 1: its DER INTEGER is one byte long
  raw[32] = '\x80';  // S has its top bit set: DER adds a 00 sign byte
  const auto der = ecdsa_raw_to_der(raw);
  ASSERT_TRUE(der);
  EXPECT_EQ(*der, std::string("\x30\x26\x02\x01\x01\x02\x21\x00\x80", 9) + std::string(31, '\0'));
  EXPECT_EQ(ecdsa_der_to_raw(*der, 32), raw);
}

TEST(EcdsaSignature, TrailingBytesAfterTheDerSequenceAreRefused) {
  const std::string raw(64, '\x11');
  const auto der = ecdsa_raw_to_der(raw).value();
  EXPECT_EQ(ecdsa_der_to_raw(der + '\0', 32), std::nullopt);
}

TEST(EcdsaSignature, ComponentsLargerThanTheFieldAreRefused) {
  const auto der = ecdsa_raw_to_der(std::string(66, '\x7f')).value();  // 33-byte R and S
  EXPECT_EQ(ecdsa_der_to_raw(der, 32), std::nullopt);
  EXPECT_TRUE(ecdsa_der_to_raw(der, 33));
}

TEST(EcdsaSignature, MalformedInputIsRefused) {
  EXPECT_EQ(ecdsa_der_to_raw("", 32), std::nullopt);
  EXPECT_EQ(ecdsa_der_to_raw("\x30\x00", 32), std::nullopt);
  EXPECT_EQ(ecdsa_raw_to_der(""), std::nullopt);
  EXPECT_EQ(ecdsa_raw_to_der("abc"), std::nullopt);
}

}  // namespace
}  // namespace latchkey::jose

namespace latchkey::jose {
namespace {

class EcdsaLowS : public ::testing::TestWithParam<Algorithm> {};

// A token whose signature is (R, n - S): the same message, the same key, another string.
std::string with_flipped_s(const std::string& token, Algorithm algorithm) {
  const auto dot = token.rfind('.');
  const auto raw = base64::decode_url(token.substr(dot + 1)).value();
  return token.substr(0, dot + 1) + base64::encode_url(ecdsa_flip_s(raw, algorithm));
}

TEST_P(EcdsaLowS, OurSignaturesAreAlwaysLowS) {
  const Key& key = testing::shared_key(GetParam());
  for (int i = 0; i < 200; ++i) {
    const std::string signature = sign_input("a.b" + std::to_string(i), key);
    ASSERT_TRUE(ecdsa_is_low_s(signature, GetParam())) << "signature " << i;
    ASSERT_TRUE(verify_input("a.b" + std::to_string(i), signature, key));
  }
}

TEST_P(EcdsaLowS, TheHighSTwinOfAValidTokenIsRefused) {
  const Key& key = testing::shared_key(GetParam());
  const auto options = testing::at_epoch_seconds(0);
  const std::string token = sign({{"typ", "JWT"}}, {{"sub", "ann"}}, key);
  ASSERT_TRUE(verify(token, testing::resolve_to(key), options));
  const std::string twin = with_flipped_s(token, GetParam());
  ASSERT_NE(twin, token);
  // The twin is a mathematically valid ECDSA signature: accepted without the low-S rule ...
  auto lenient = options;
  lenient.require_low_s = false;
  EXPECT_TRUE(verify(twin, testing::resolve_to(key), lenient));
  // ... and refused with it, the default.
  EXPECT_EQ(verify(twin, testing::resolve_to(key), options).error(), VerifyError::kBadSignature);
}

TEST_P(EcdsaLowS, NormalisingIsIdempotentAndLandsInTheLowHalf) {
  const Key& key = testing::shared_key(GetParam());
  const std::string low = sign_input("x.y", key);
  const std::string high = ecdsa_flip_s(low, GetParam());
  EXPECT_FALSE(ecdsa_is_low_s(high, GetParam()));
  EXPECT_EQ(ecdsa_low_s(high, GetParam()), low);
  EXPECT_EQ(ecdsa_low_s(low, GetParam()), low);
  EXPECT_FALSE(ecdsa_is_low_s(low.substr(1), GetParam()));  // wrong size is never canonical
}

INSTANTIATE_TEST_SUITE_P(AllCurves, EcdsaLowS,
                         ::testing::Values(Algorithm::kES256, Algorithm::kES384, Algorithm::kES512),
                         testing::parameter_name);

}  // namespace
}  // namespace latchkey::jose
