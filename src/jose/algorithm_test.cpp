#include "jose/algorithm.hpp"

#include <gtest/gtest.h>

namespace latchkey::jose {
namespace {

TEST(Algorithm, EveryJwsNameParsesBackToItsAlgorithm) {
  for (const Algorithm algorithm : kAllAlgorithms) {
    EXPECT_EQ(parse_jws_name(jws_name(algorithm)), algorithm) << jws_name(algorithm);
    EXPECT_EQ(parse_fusionauth_name(fusionauth_name(algorithm)), algorithm);
  }
}

TEST(Algorithm, Ed25519IsEdDSAInJwsAndEd25519InFusionAuth) {
  EXPECT_EQ(jws_name(Algorithm::kEdDSA), "EdDSA");
  EXPECT_EQ(fusionauth_name(Algorithm::kEdDSA), "Ed25519");
  EXPECT_EQ(parse_fusionauth_name("Ed25519"), Algorithm::kEdDSA);
  EXPECT_EQ(parse_fusionauth_name("EdDSA"), std::nullopt);
  EXPECT_EQ(parse_jws_name("Ed25519"), Algorithm::kEdDSA);  // RFC 9864 fully-specified name
}

TEST(Algorithm, NamesAreCaseSensitiveAndNoneIsNotAnAlgorithm) {
  EXPECT_EQ(parse_jws_name("hs256"), std::nullopt);
  EXPECT_EQ(parse_jws_name("none"), std::nullopt);
  EXPECT_EQ(parse_jws_name("None"), std::nullopt);
  EXPECT_EQ(parse_fusionauth_name("None"), std::nullopt);
  EXPECT_EQ(parse_jws_name(""), std::nullopt);
  EXPECT_EQ(parse_jws_name("Ed448"), std::nullopt);
}

TEST(Algorithm, FamiliesHashesAndCurves) {
  EXPECT_EQ(family_of(Algorithm::kHS384), Family::kHmac);
  EXPECT_EQ(family_of(Algorithm::kRS512), Family::kRsa);
  EXPECT_EQ(family_of(Algorithm::kPS256), Family::kRsaPss);
  EXPECT_EQ(family_of(Algorithm::kES384), Family::kEcdsa);
  EXPECT_EQ(family_of(Algorithm::kEdDSA), Family::kEdDSA);
  EXPECT_TRUE(is_rsa(Algorithm::kPS512));
  EXPECT_FALSE(is_rsa(Algorithm::kES256));
  EXPECT_EQ(hash_size(Algorithm::kPS384), 48U);
  EXPECT_EQ(hash_size(Algorithm::kEdDSA), 0U);
  EXPECT_EQ(curve_of(Algorithm::kES512), "P-521");
  EXPECT_EQ(ec_field_size(Algorithm::kES512), 66U);
  EXPECT_EQ(curve_of(Algorithm::kRS256), std::nullopt);
}

}  // namespace
}  // namespace latchkey::jose
