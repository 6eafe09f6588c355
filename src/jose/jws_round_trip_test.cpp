// Every algorithm signs and verifies its own tokens; the header is built from the key.
#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "core/json.hpp"
#include "jose/jws.hpp"
#include "jose/jws_signature.hpp"
#include "jose/test_support.hpp"

namespace latchkey::jose {
namespace {

using testing::at_epoch_seconds;
using testing::resolve_to;

const boost::json::object kClaims = {
    {"sub", "00000000-0000-0000-0000-000000000001"}, {"iat", 1700000000}, {"exp", 1700003600}};
constexpr std::int64_t kNow = 1700000100;

class EveryAlgorithm : public ::testing::TestWithParam<Algorithm> {};

TEST_P(EveryAlgorithm, GeneratedKeySignsATokenThatVerifies) {
  const Key& key = testing::shared_key(GetParam());
  const std::string token = sign({{"typ", "JWT"}, {"kid", "k1"}}, kClaims, key);
  const auto verified = verify(token, resolve_to(key), at_epoch_seconds(kNow));
  ASSERT_TRUE(verified) << to_string(verified.error());
  EXPECT_EQ(verified->algorithm, GetParam());
  EXPECT_EQ(verified->header.at("alg").as_string(), jws_name(GetParam()));
  EXPECT_EQ(verified->payload, kClaims);
}

TEST_P(EveryAlgorithm, SignatureHasTheKeysExactSignatureSize) {
  const Key& key = testing::shared_key(GetParam());
  const std::string signature = sign_input("a.b", key);
  EXPECT_EQ(signature.size(), key.signature_size());
}

class EveryAsymmetricAlgorithm : public ::testing::TestWithParam<Algorithm> {};

TEST_P(EveryAsymmetricAlgorithm, PublicHalfAloneVerifies) {
  const Key& key = testing::shared_key(GetParam());
  const Key public_only = Key::from_pem(GetParam(), key.public_pem()).value();
  EXPECT_FALSE(public_only.can_sign());
  const std::string token = sign({}, kClaims, key);
  EXPECT_TRUE(verify(token, resolve_to(public_only), at_epoch_seconds(kNow)));
}

TEST_P(EveryAlgorithm, TamperedPayloadFailsTheSignature) {
  const Key& key = testing::shared_key(GetParam());
  const std::string token = sign({}, kClaims, key);
  const auto first = token.find('.');
  const auto second = token.rfind('.');
  boost::json::object altered = kClaims;
  altered["sub"] = "00000000-0000-0000-0000-000000000002";
  const std::string forged = token.substr(0, first + 1) +
                             base64::encode_url(json::serialize(altered)) + token.substr(second);
  EXPECT_EQ(verify(forged, resolve_to(key), at_epoch_seconds(kNow)).error(),
            VerifyError::kBadSignature);
}

INSTANTIATE_TEST_SUITE_P(Jws, EveryAlgorithm, ::testing::ValuesIn(kAllAlgorithms),
                         testing::parameter_name);
INSTANTIATE_TEST_SUITE_P(Jws, EveryAsymmetricAlgorithm,
                         ::testing::ValuesIn(testing::kAsymmetricAlgorithms),
                         testing::parameter_name);

TEST(JwsSign, HeaderAlgComesFromTheKeyNotTheCaller) {
  const Key key = Key::generate(Algorithm::kHS256);
  const std::string token = sign({{"alg", "none"}, {"typ", "JWT"}, {"kid", "abc"}}, kClaims, key);
  const auto header = decode_unverified_header(token);
  ASSERT_TRUE(header);
  EXPECT_EQ(header->algorithm, Algorithm::kHS256);
  EXPECT_EQ(header->kid, "abc");
  // FusionAuth's header order: alg first, then the extras as given; compact JSON.
  EXPECT_EQ(base64::decode_url(token.substr(0, token.find('.'))),
            R"({"alg":"HS256","typ":"JWT","kid":"abc"})");
}

TEST(JwsSign, PublicOnlyKeyCannotSign) {
  const Key key = Key::generate(Algorithm::kES256);
  const Key public_only = Key::from_pem(Algorithm::kES256, key.public_pem()).value();
  EXPECT_THROW((void)sign({}, kClaims, public_only), std::logic_error);
}

TEST(JwsPss, Ps256RoundTripsAndIsRandomized) {
  const Key key = Key::generate(Algorithm::kPS256);
  const std::string a = sign({}, kClaims, key);
  const std::string b = sign({}, kClaims, key);
  EXPECT_NE(a, b);  // PSS salts each signature
  EXPECT_TRUE(verify(a, resolve_to(key), at_epoch_seconds(kNow)));
  EXPECT_TRUE(verify(b, resolve_to(key), at_epoch_seconds(kNow)));
}

TEST(JwsPss, Ps256SignatureDoesNotVerifyAsRs256WithTheSameRsaKey) {
  const Key pss = Key::generate(Algorithm::kPS256);
  const Key pkcs1 = Key::from_pem(Algorithm::kRS256, pss.private_pem()).value();
  const std::string signature = sign_input("a.b", pss);
  EXPECT_TRUE(verify_input("a.b", signature, pss));
  EXPECT_FALSE(verify_input("a.b", signature, pkcs1));
}

TEST(JwsPss, Ps256TamperedSignatureFails) {
  const Key key = Key::generate(Algorithm::kPS256);
  std::string token = sign({}, kClaims, key);
  token[token.size() - 5] = token[token.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(verify(token, resolve_to(key), at_epoch_seconds(kNow)).error(),
            VerifyError::kBadSignature);
}

TEST(JwsVerify, ResolverSeesTheKidAndAlgorithm) {
  const Key key = Key::generate(Algorithm::kES384);
  const std::string token = sign({{"kid", "key-7"}}, kClaims, key);
  std::optional<std::string> seen_kid;
  std::optional<Algorithm> seen_alg;
  const auto verified = verify(
      token,
      [&](const DecodedHeader& header) {
        seen_kid = header.kid;
        seen_alg = header.algorithm;
        return &key;
      },
      at_epoch_seconds(kNow));
  EXPECT_TRUE(verified);
  EXPECT_EQ(seen_kid, "key-7");
  EXPECT_EQ(seen_alg, Algorithm::kES384);
}

}  // namespace
}  // namespace latchkey::jose
