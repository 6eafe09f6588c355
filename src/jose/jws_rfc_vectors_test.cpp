// Known answers from RFC 7515 Appendix A and RFC 8037 Appendix A.
#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "jose/jwk.hpp"
#include "jose/jws.hpp"
#include "jose/jws_signature.hpp"
#include "jose/rfc7515_vectors.hpp"
#include "jose/test_support.hpp"

namespace latchkey::jose {
namespace {

using testing::at_epoch_seconds;
using testing::key_from_jwk;
using testing::public_key_from_jwk;
using testing::resolve_to;

// The examples' claims expire at 1300819380 (2011-03-22T18:43:00Z).
constexpr std::int64_t kBeforeExpiry = 1300819379;

std::string signing_input_of(std::string_view token) {
  return std::string(token.substr(0, token.rfind('.')));
}

std::string signature_of(std::string_view token) {
  return base64::decode_url(token.substr(token.rfind('.') + 1)).value();
}

TEST(Rfc7515, A1HeaderAndPayloadOctetsEncodeAsPrinted) {
  EXPECT_EQ(base64::encode_url(rfc7515::kA1HeaderJson), rfc7515::kA1HeaderB64);
  EXPECT_EQ(base64::encode_url(rfc7515::kA1PayloadJson), rfc7515::kA1PayloadB64);
}

TEST(Rfc7515, A1Hs256SigningTheExactBytesReproducesTheSignature) {
  const Key key = key_from_jwk(rfc7515::kA1Jwk, Algorithm::kHS256);
  const std::string input =
      std::string(rfc7515::kA1HeaderB64) + "." + std::string(rfc7515::kA1PayloadB64);
  EXPECT_EQ(base64::encode_url(sign_input(input, key)), rfc7515::kA1SignatureB64);
}

TEST(Rfc7515, A1Hs256TokenVerifiesWithTheGivenKey) {
  const Key key = key_from_jwk(rfc7515::kA1Jwk, Algorithm::kHS256);
  const std::string token = std::string(rfc7515::kA1HeaderB64) + "." +
                            std::string(rfc7515::kA1PayloadB64) + "." +
                            std::string(rfc7515::kA1SignatureB64);
  const auto verified = verify(token, resolve_to(key), at_epoch_seconds(kBeforeExpiry));
  ASSERT_TRUE(verified) << to_string(verified.error());
  EXPECT_EQ(verified->algorithm, Algorithm::kHS256);
  EXPECT_EQ(verified->header.at("typ"), "JWT");
  EXPECT_EQ(verified->payload.at("iss"), "joe");
  EXPECT_EQ(verified->payload.at("http://example.com/is_root"), true);
  // And the example has expired since.
  EXPECT_EQ(verify(token, resolve_to(key), at_epoch_seconds(1300819380)).error(),
            VerifyError::kExpired);
}

TEST(Rfc7515, A2Rs256SigningIsDeterministicAndReproducesTheSignature) {
  const Key key = key_from_jwk(rfc7515::kA2Jwk, Algorithm::kRS256);
  ASSERT_TRUE(key.has_private());
  EXPECT_EQ(sign_input(signing_input_of(rfc7515::kA2Token), key), signature_of(rfc7515::kA2Token));
}

TEST(Rfc7515, A2Rs256TokenVerifiesWithThePublicKey) {
  const Key key = public_key_from_jwk(rfc7515::kA2Jwk, Algorithm::kRS256);
  ASSERT_FALSE(key.has_private());
  const auto verified = verify(rfc7515::kA2Token, resolve_to(key), at_epoch_seconds(kBeforeExpiry));
  ASSERT_TRUE(verified) << to_string(verified.error());
  EXPECT_EQ(verified->payload.at("exp"), 1300819380);
}

TEST(Rfc7515, A3Es256TokenVerifiesWithThePublicKey) {
  const Key key = public_key_from_jwk(rfc7515::kA3Jwk, Algorithm::kES256);
  // The RFC's signature happens to have a high S: valid ECDSA, but not the canonical form that
  // Latchkey's own tokens must have, so only the lenient (third-party) mode accepts it.
  auto options = at_epoch_seconds(kBeforeExpiry);
  EXPECT_EQ(verify(rfc7515::kA3Token, resolve_to(key), options).error(),
            VerifyError::kBadSignature);
  options.require_low_s = false;
  const auto verified = verify(rfc7515::kA3Token, resolve_to(key), options);
  ASSERT_TRUE(verified) << to_string(verified.error());
  EXPECT_EQ(verified->payload.at("iss"), "joe");
}

TEST(Rfc7515, A3Es256OurSignatureOverTheSameInputVerifies) {
  // ECDSA is randomized, so the RFC's bytes cannot be reproduced; our signature must verify.
  const Key private_key = key_from_jwk(rfc7515::kA3Jwk, Algorithm::kES256);
  const Key public_key = public_key_from_jwk(rfc7515::kA3Jwk, Algorithm::kES256);
  const std::string input = signing_input_of(rfc7515::kA3Token);
  const std::string signature = sign_input(input, private_key);
  EXPECT_EQ(signature.size(), 64U);
  EXPECT_TRUE(verify_input(input, signature, public_key));
}

TEST(Rfc7515, A4Es512SignatureVerifies) {
  const Key key = public_key_from_jwk(rfc7515::kA4Jwk, Algorithm::kES512);
  const std::string signature = signature_of(rfc7515::kA4Token);
  EXPECT_EQ(signature.size(), 132U);  // 2 x 66 bytes for P-521
  EXPECT_TRUE(verify_input(signing_input_of(rfc7515::kA4Token), signature, key));
}

TEST(Rfc7515, A4TokenIsRefusedAsAJwtBecauseItsPayloadIsNotAJsonObject) {
  const Key key = public_key_from_jwk(rfc7515::kA4Jwk, Algorithm::kES512);
  EXPECT_EQ(verify(rfc7515::kA4Token, resolve_to(key), at_epoch_seconds(0)).error(),
            VerifyError::kMalformed);
}

// RFC 8037 Appendix A.1 (key), A.3 (thumbprint), A.4 (signature), A.5 (validation).
constexpr std::string_view kRfc8037Jwk = R"({"kty":"OKP","crv":"Ed25519",)"
                                         R"("d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",)"
                                         R"("x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})";
constexpr std::string_view kRfc8037SigningInput =
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
constexpr std::string_view kRfc8037Signature =
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

TEST(Rfc8037, Ed25519SigningReproducesTheSignature) {
  const Key key = key_from_jwk(kRfc8037Jwk, Algorithm::kEdDSA);
  EXPECT_EQ(base64::encode_url(sign_input(kRfc8037SigningInput, key)), kRfc8037Signature);
}

TEST(Rfc8037, Ed25519SignatureVerifiesWithThePublicKey) {
  const Key key = public_key_from_jwk(kRfc8037Jwk, Algorithm::kEdDSA);
  const std::string signature = base64::decode_url(kRfc8037Signature).value();
  EXPECT_TRUE(verify_input(kRfc8037SigningInput, signature, key));
  EXPECT_FALSE(verify_input(std::string(kRfc8037SigningInput) + "x", signature, key));
}

TEST(Rfc8037, Ed25519ThumbprintIsTheKnownAnswer) {
  EXPECT_EQ(jwk_thumbprint(public_key_from_jwk(kRfc8037Jwk, Algorithm::kEdDSA)),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
}

TEST(Rfc8037, Ed25519HeaderNamesTheAlgorithmEdDSA) {
  const auto header = decode_unverified_header(std::string(kRfc8037SigningInput) + "." +
                                               std::string(kRfc8037Signature));
  ASSERT_TRUE(header);
  EXPECT_EQ(header->algorithm, Algorithm::kEdDSA);
}

}  // namespace
}  // namespace latchkey::jose
