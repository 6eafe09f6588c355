#include "jose/ecdsa_signature.hpp"

#include <gtest/gtest.h>

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
