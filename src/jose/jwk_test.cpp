#include "jose/jwk.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "core/json.hpp"
#include "jose/certificate.hpp"
#include "jose/jws.hpp"
#include "jose/rfc7515_vectors.hpp"
#include "jose/test_support.hpp"

namespace latchkey::jose {
namespace {

using testing::key_from_jwk;
using testing::public_key_from_jwk;

// RFC 7638 §3.1.
constexpr std::string_view kRfc7638Jwk =
    R"({"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"})";

boost::json::object parse(std::string_view text) { return json::parse_object(text).value(); }

TEST(JwkThumbprint, Rfc7638ExampleKeyGivesTheKnownAnswer) {
  EXPECT_EQ(jwk_thumbprint(key_from_jwk(kRfc7638Jwk, Algorithm::kRS256)),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

TEST(JwkThumbprint, IsTheSameForPrivateAndPublicHalvesAndAnyRsaAlgorithm) {
  const Key& key = testing::shared_key(Algorithm::kRS256);
  const Key public_ps = Key::from_pem(Algorithm::kPS384, key.public_pem()).value();
  EXPECT_EQ(jwk_thumbprint(key), jwk_thumbprint(public_ps));
  EXPECT_EQ(jwk_thumbprint(key).size(), 43U);
}

TEST(JwkThumbprint, HmacKeysHaveNone) {
  EXPECT_THROW((void)jwk_thumbprint(Key::generate(Algorithm::kHS256)), std::logic_error);
}

TEST(JwkExport, RsaPublishesNAndEOnly) {
  const Key key = key_from_jwk(rfc7515::kA2Jwk, Algorithm::kRS256);
  const auto jwk = to_jwk(key, "kid-1", std::nullopt);
  const auto original = parse(rfc7515::kA2Jwk);
  EXPECT_EQ(jwk.at("kty"), "RSA");
  EXPECT_EQ(jwk.at("use"), "sig");
  EXPECT_EQ(jwk.at("alg"), "RS256");
  EXPECT_EQ(jwk.at("kid"), "kid-1");
  EXPECT_EQ(jwk.at("n"), original.at("n"));
  EXPECT_EQ(jwk.at("e"), "AQAB");
  EXPECT_EQ(jwk.size(), 6U);  // no d, p, q, dp, dq, qi
}

TEST(JwkExport, EcPublishesPaddedCoordinates) {
  const Key rfc_key = key_from_jwk(rfc7515::kA4Jwk, Algorithm::kES512);
  const auto jwk = to_jwk(rfc_key, "k", std::nullopt);
  const auto original = parse(rfc7515::kA4Jwk);
  EXPECT_EQ(jwk.at("kty"), "EC");
  EXPECT_EQ(jwk.at("crv"), "P-521");
  EXPECT_EQ(jwk.at("x"), original.at("x"));  // starts with a zero-valued high byte
  EXPECT_EQ(jwk.at("y"), original.at("y"));
  EXPECT_FALSE(jwk.contains("d"));
  for (const auto& [algorithm, size] :
       {std::pair{Algorithm::kES256, 32U}, std::pair{Algorithm::kES384, 48U},
        std::pair{Algorithm::kES512, 66U}}) {
    for (int i = 0; i < 8; ++i) {  // a short coordinate turns up 1 time in 256 without padding
      const auto generated = to_jwk(Key::generate(algorithm), "k", std::nullopt);
      EXPECT_EQ(base64::decode_url(generated.at("x").as_string()).value().size(), size);
      EXPECT_EQ(base64::decode_url(generated.at("y").as_string()).value().size(), size);
    }
  }
}

TEST(JwkExport, Ed25519PublishesOkpWithEdDSAAlg) {
  const Key key = Key::generate(Algorithm::kEdDSA);
  const auto jwk = to_jwk(key, "k", std::nullopt);
  EXPECT_EQ(jwk.at("kty"), "OKP");
  EXPECT_EQ(jwk.at("crv"), "Ed25519");
  EXPECT_EQ(jwk.at("alg"), "EdDSA");
  EXPECT_EQ(base64::decode_url(jwk.at("x").as_string()).value().size(), 32U);
  EXPECT_FALSE(jwk.contains("y"));
  EXPECT_FALSE(jwk.contains("d"));
}

TEST(JwkExport, CertificateAddsX5cX5tAndX5tS256) {
  const Key& key = testing::shared_key(Algorithm::kRS256);
  const auto info = certificate_info(self_signed_certificate_pem(
                                         key, "acme.com", Instant(std::chrono::seconds(1700000000)),
                                         std::chrono::days(3650)))
                        .value();
  const auto jwk = to_jwk(key, info.sha1Thumbprint, info.der_base64);
  ASSERT_TRUE(jwk.at("x5c").is_array());
  EXPECT_EQ(jwk.at("x5c").as_array().at(0).as_string(), info.der_base64);
  EXPECT_EQ(jwk.at("x5t").as_string(), info.sha1Thumbprint);
  EXPECT_EQ(jwk.at("x5t#S256").as_string(), info.sha256Thumbprint);
  EXPECT_EQ(jwk.at("kid").as_string(), info.sha1Thumbprint);
}

TEST(JwkExport, HmacKeysAreNeverPublished) {
  EXPECT_THROW((void)to_jwk(Key::generate(Algorithm::kHS512), "k", std::nullopt), std::logic_error);
}

class JwkRoundTrip : public ::testing::TestWithParam<Algorithm> {};

TEST_P(JwkRoundTrip, ExportedJwkImportsAsAKeyThatVerifies) {
  const Key& key = testing::shared_key(GetParam());
  const auto imported = from_jwk(to_jwk(key, "k", std::nullopt), GetParam());
  ASSERT_TRUE(imported) << to_string(imported.error());
  EXPECT_FALSE(imported->has_private());
  EXPECT_EQ(imported->public_pem(), key.public_pem());
  const std::string token = sign({}, {{"sub", "x"}}, key);
  EXPECT_TRUE(verify(token, testing::resolve_to(*imported), testing::at_epoch_seconds(0)));
}

INSTANTIATE_TEST_SUITE_P(Jose, JwkRoundTrip, ::testing::ValuesIn(testing::kAsymmetricAlgorithms),
                         testing::parameter_name);

TEST(JwkImport, OctKeyBecomesAnHmacKey) {
  const Key key = key_from_jwk(rfc7515::kA1Jwk, Algorithm::kHS256);
  EXPECT_TRUE(key.is_hmac());
  EXPECT_EQ(key.bits(), 512);
}

TEST(JwkImport, KtyMustFitTheAlgorithm) {
  EXPECT_EQ(from_jwk(parse(rfc7515::kA3Jwk), Algorithm::kRS256).error(),
            KeyError::kAlgorithmMismatch);
  EXPECT_EQ(from_jwk(parse(rfc7515::kA1Jwk), Algorithm::kES256).error(),
            KeyError::kAlgorithmMismatch);
  EXPECT_EQ(from_jwk(parse(R"({"kty":"DSA"})"), Algorithm::kES256).error(),
            KeyError::kUnsupportedKeyType);
  EXPECT_EQ(from_jwk(parse(R"({"n":"AQAB"})"), Algorithm::kRS256).error(), KeyError::kInvalidJwk);
}

TEST(JwkImport, DeclaredAlgMustBeTheRequestedOne) {
  EXPECT_EQ(from_jwk(parse(kRfc7638Jwk), Algorithm::kRS384).error(), KeyError::kAlgorithmMismatch);
  EXPECT_TRUE(from_jwk(parse(kRfc7638Jwk), Algorithm::kRS256));
}

TEST(JwkImport, EncryptionKeysAreRefused) {
  auto jwk = parse(kRfc7638Jwk);
  jwk["use"] = "enc";
  EXPECT_EQ(from_jwk(jwk, Algorithm::kRS256).error(), KeyError::kInvalidJwk);
}

TEST(JwkImport, EcCurveMustMatchAndCoordinatesMustBeFullLength) {
  EXPECT_EQ(from_jwk(parse(rfc7515::kA3Jwk), Algorithm::kES384).error(), KeyError::kCurveMismatch);
  auto short_x = parse(rfc7515::kA3Jwk);
  short_x.erase("d");
  short_x["x"] =
      base64::encode_url(base64::decode_url(short_x.at("x").as_string()).value().substr(1));
  EXPECT_EQ(from_jwk(short_x, Algorithm::kES256).error(), KeyError::kInvalidJwk);
}

TEST(JwkImport, PointOffTheCurveIsRefused) {
  auto jwk = parse(rfc7515::kA3Jwk);
  jwk.erase("d");
  std::string y = base64::decode_url(jwk.at("y").as_string()).value();
  y.back() = static_cast<char>(y.back() ^ 1);
  jwk["y"] = base64::encode_url(y);
  EXPECT_EQ(from_jwk(jwk, Algorithm::kES256).error(), KeyError::kInvalidJwk);
}

TEST(JwkImport, PrivatePartMustMatchThePublicPart) {
  auto ec = parse(rfc7515::kA3Jwk);
  ec["d"] = parse(rfc7515::kA4Jwk).at("d").as_string().subview(0, 43);  // another scalar
  EXPECT_EQ(from_jwk(ec, Algorithm::kES256).error(), KeyError::kInvalidJwk);

  auto okp = parse(R"({"kty":"OKP","crv":"Ed25519",)"
                   R"("d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",)"
                   R"("x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})");
  EXPECT_TRUE(from_jwk(okp, Algorithm::kEdDSA));
  okp["x"] = to_jwk(Key::generate(Algorithm::kEdDSA), "k", std::nullopt).at("x");
  EXPECT_EQ(from_jwk(okp, Algorithm::kEdDSA).error(), KeyError::kInvalidJwk);

  auto rsa = parse(rfc7515::kA2Jwk);
  rsa.erase("qi");
  EXPECT_EQ(from_jwk(rsa, Algorithm::kRS256).error(), KeyError::kInvalidJwk);
}

TEST(JwkImport, NonBase64UrlMembersAreRefused) {
  auto jwk = parse(kRfc7638Jwk);
  jwk["e"] = "AQAB=";
  EXPECT_EQ(from_jwk(jwk, Algorithm::kRS256).error(), KeyError::kInvalidJwk);
}

}  // namespace
}  // namespace latchkey::jose
