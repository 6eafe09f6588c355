// Security: each test is one way an attacker might get a token accepted.
#include <gtest/gtest.h>

#include <string>

#include "core/base64.hpp"
#include "core/json.hpp"
#include "jose/ecdsa_signature.hpp"
#include "jose/jws.hpp"
#include "jose/test_support.hpp"

namespace latchkey::jose {
namespace {

using testing::at_epoch_seconds;
using testing::forge;
using testing::resolve_to;

constexpr std::string_view kPayload = R"({"sub":"victim","admin":true})";

VerifyError error_of(std::string_view token, const Key& key) {
  const auto result = verify(token, resolve_to(key), at_epoch_seconds(1700000000));
  EXPECT_FALSE(result.has_value());
  return result ? VerifyError::kMalformed : result.error();
}

class JwsAttack : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    hmac_ = new Key(Key::generate(Algorithm::kHS256));
    rsa_ = new Key(testing::shared_key(Algorithm::kRS256));
  }
  static void TearDownTestSuite() {
    delete hmac_;
    delete rsa_;
  }
  static std::string valid_hmac_token() {
    return sign({{"typ", "JWT"}}, json::parse_object(kPayload).value(), *hmac_);
  }
  static const Key* hmac_;
  static const Key* rsa_;
};
const Key* JwsAttack::hmac_ = nullptr;
const Key* JwsAttack::rsa_ = nullptr;

TEST_F(JwsAttack, AlgNoneIsRejectedInAnyCase) {
  for (const char* alg : {"none", "None", "NONE", "nOnE"}) {
    const std::string header = std::string(R"({"alg":")") + alg + R"("})";
    const std::string token = base64::encode_url(header) + "." + base64::encode_url(kPayload) + ".";
    EXPECT_EQ(error_of(token, *hmac_), VerifyError::kUnsupportedAlgorithm) << alg;
  }
}

TEST_F(JwsAttack, AlgNoneWithASignatureIsStillRejected) {
  const std::string token = forge(R"({"alg":"none"})", kPayload, *hmac_);
  EXPECT_EQ(error_of(token, *hmac_), VerifyError::kUnsupportedAlgorithm);
}

TEST_F(JwsAttack, UnknownOrMiscasedAlgIsUnsupported) {
  EXPECT_EQ(error_of(forge(R"({"alg":"hs256"})", kPayload, *hmac_), *hmac_),
            VerifyError::kUnsupportedAlgorithm);
  EXPECT_EQ(error_of(forge(R"({"alg":"HS1"})", kPayload, *hmac_), *hmac_),
            VerifyError::kUnsupportedAlgorithm);
}

TEST_F(JwsAttack, MissingOrNonStringAlgIsMalformed) {
  EXPECT_EQ(error_of(forge(R"({"typ":"JWT"})", kPayload, *hmac_), *hmac_), VerifyError::kMalformed);
  EXPECT_EQ(error_of(forge(R"({"alg":256})", kPayload, *hmac_), *hmac_), VerifyError::kMalformed);
}

TEST_F(JwsAttack, HmacTokenKeyedWithTheRsaPublicPemIsRejectedByTheRsaKey) {
  // The classic confusion: the attacker uses the (public) RSA PEM as an HMAC secret.
  const Key confused = Key::hmac(Algorithm::kHS256, rsa_->public_pem()).value();
  const std::string token = forge(R"({"alg":"HS256"})", kPayload, confused);
  EXPECT_EQ(error_of(token, *rsa_), VerifyError::kAlgorithmMismatch);
}

TEST_F(JwsAttack, AlgSwappedWithinTheRsaFamilyIsRejected) {
  const Key rs384 = Key::from_pem(Algorithm::kRS384, rsa_->private_pem()).value();
  const std::string token = sign({}, json::parse_object(kPayload).value(), *rsa_);  // RS256
  EXPECT_EQ(error_of(token, rs384), VerifyError::kAlgorithmMismatch);
}

TEST_F(JwsAttack, Rs256TokenIsNotCheckedAsPs256) {
  const Key ps256 = Key::from_pem(Algorithm::kPS256, rsa_->private_pem()).value();
  const std::string token = sign({}, json::parse_object(kPayload).value(), *rsa_);
  EXPECT_EQ(error_of(token, ps256), VerifyError::kAlgorithmMismatch);
}

TEST_F(JwsAttack, UnknownKeyIsReported) {
  const auto result = verify(
      valid_hmac_token(), [](const DecodedHeader&) -> const Key* { return nullptr; },
      at_epoch_seconds(0));
  EXPECT_EQ(result.error(), VerifyError::kUnknownKey);
  EXPECT_EQ(verify(valid_hmac_token(), KeyResolver{}, at_epoch_seconds(0)).error(),
            VerifyError::kUnknownKey);
}

TEST_F(JwsAttack, WrongHmacSecretFails) {
  const Key other = Key::generate(Algorithm::kHS256);
  EXPECT_EQ(error_of(valid_hmac_token(), other), VerifyError::kBadSignature);
}

// The token with its signature bytes replaced, correctly encoded, so only the length is wrong.
std::string with_signature(std::string_view token, std::string_view signature) {
  return std::string(token.substr(0, token.rfind('.') + 1)) + base64::encode_url(signature);
}

std::string signature_bytes(std::string_view token) {
  return base64::decode_url(token.substr(token.rfind('.') + 1)).value();
}

TEST_F(JwsAttack, TruncatedSignatureIsRejected) {
  const std::string token = valid_hmac_token();
  const std::string signature = signature_bytes(token);
  EXPECT_EQ(error_of(with_signature(token, signature.substr(0, 31)), *hmac_),
            VerifyError::kBadSignature);
  EXPECT_EQ(error_of(with_signature(token, signature.substr(0, 16)), *hmac_),
            VerifyError::kBadSignature);
}

TEST_F(JwsAttack, ExtendedSignatureIsRejected) {
  const std::string token = valid_hmac_token();
  const std::string signature = signature_bytes(token);
  EXPECT_EQ(error_of(with_signature(token, signature + '\0'), *hmac_), VerifyError::kBadSignature);
  EXPECT_EQ(error_of(with_signature(token, signature + signature), *hmac_),
            VerifyError::kBadSignature);
}

TEST_F(JwsAttack, TruncatedRsaAndEcdsaSignaturesAreRejected) {
  for (const Algorithm algorithm : {Algorithm::kRS256, Algorithm::kES256, Algorithm::kEdDSA}) {
    const Key& key = testing::shared_key(algorithm);
    const std::string token = sign({}, json::parse_object(kPayload).value(), key);
    const std::string signature = signature_bytes(token);
    EXPECT_EQ(error_of(with_signature(token, signature.substr(1)), key),
              VerifyError::kBadSignature);
    EXPECT_EQ(error_of(with_signature(token, signature + '\0'), key), VerifyError::kBadSignature);
    // A leading zero byte keeps RSA's and ECDSA's numeric value but not the exact length.
    EXPECT_EQ(error_of(with_signature(token, '\0' + signature), key), VerifyError::kBadSignature);
  }
}

TEST_F(JwsAttack, EmptySignatureIsRejected) {
  const std::string token = valid_hmac_token();
  EXPECT_EQ(error_of(token.substr(0, token.rfind('.') + 1), *hmac_), VerifyError::kBadSignature);
}

TEST_F(JwsAttack, EcdsaSignatureInDerFormIsRejected) {
  // RFC 7518 §3.4: only raw R || S; a DER signature has the wrong length.
  const Key ec = Key::generate(Algorithm::kES256);
  const std::string token = sign({}, json::parse_object(kPayload).value(), ec);
  const auto dot = token.rfind('.');
  const std::string raw = base64::decode_url(token.substr(dot + 1)).value();
  const std::string der = ecdsa_raw_to_der(raw).value();
  EXPECT_EQ(error_of(token.substr(0, dot + 1) + base64::encode_url(der), ec),
            VerifyError::kBadSignature);
}

TEST_F(JwsAttack, FourSegmentsAreMalformed) {
  EXPECT_EQ(error_of(valid_hmac_token() + ".e30", *hmac_), VerifyError::kMalformed);
}

TEST_F(JwsAttack, TwoSegmentsAreMalformed) {
  const std::string token = valid_hmac_token();
  EXPECT_EQ(error_of(token.substr(0, token.rfind('.')), *hmac_), VerifyError::kMalformed);
  EXPECT_EQ(error_of("", *hmac_), VerifyError::kMalformed);
}

TEST_F(JwsAttack, NonBase64UrlCharactersAreMalformed) {
  const std::string token = valid_hmac_token();
  const auto first = token.find('.');
  // '+' and '/' belong to standard base64, not base64url; whitespace to neither.
  for (const char bad : {'+', '/', ' ', '\n', '*'}) {
    std::string in_header = token;
    in_header.insert(1, 1, bad);
    EXPECT_EQ(error_of(in_header, *hmac_), VerifyError::kMalformed) << "header " << bad;
    std::string in_payload = token;
    in_payload.insert(first + 2, 1, bad);
    EXPECT_EQ(error_of(in_payload, *hmac_), VerifyError::kMalformed) << "payload " << bad;
    std::string in_signature = token;
    in_signature.insert(token.rfind('.') + 2, 1, bad);
    EXPECT_EQ(error_of(in_signature, *hmac_), VerifyError::kMalformed) << "signature " << bad;
  }
}

TEST_F(JwsAttack, PaddingCharactersAreMalformed) {
  // Each of these segments would carry '=' padding in standard base64 (22, 29 and 32 bytes);
  // JWS forbids it (RFC 7515 §2).
  const std::string header = base64::encode_url(R"({"alg":"HS256","kk":1})");
  const std::string body = base64::encode_url(kPayload);
  const std::string signature = base64::encode_url(sign_input(header + "." + body, *hmac_));
  EXPECT_TRUE(
      verify(header + "." + body + "." + signature, resolve_to(*hmac_), at_epoch_seconds(0)));
  EXPECT_EQ(error_of(header + "==." + body + "." + signature, *hmac_), VerifyError::kMalformed);
  EXPECT_EQ(error_of(header + "." + body + "=." + signature, *hmac_), VerifyError::kMalformed);
  EXPECT_EQ(error_of(header + "." + body + "." + signature + "=", *hmac_), VerifyError::kMalformed);
}

TEST_F(JwsAttack, NonZeroTrailingBitsAreMalformed) {
  // 43 characters carry 258 bits for a 256-bit tag; the last two must be zero, otherwise one
  // signature would have several spellings.
  const std::string token = valid_hmac_token();
  std::string altered = token;
  char& last = altered.back();
  last = last == 'A' ? 'B' : static_cast<char>(last + 1);
  EXPECT_EQ(error_of(altered, *hmac_), VerifyError::kMalformed);
}

TEST_F(JwsAttack, CritHeaderIsRejected) {
  EXPECT_EQ(error_of(forge(R"({"alg":"HS256","crit":["exp"],"exp":1})", kPayload, *hmac_), *hmac_),
            VerifyError::kMalformed);
  EXPECT_EQ(error_of(forge(R"({"alg":"HS256","crit":[]})", kPayload, *hmac_), *hmac_),
            VerifyError::kMalformed);
}

TEST_F(JwsAttack, HeaderThatIsNotAJsonObjectIsMalformed) {
  EXPECT_EQ(error_of(forge(R"(["HS256"])", kPayload, *hmac_), *hmac_), VerifyError::kMalformed);
  EXPECT_EQ(error_of(forge(R"({"alg":"HS256")", kPayload, *hmac_), *hmac_),
            VerifyError::kMalformed);
}

TEST_F(JwsAttack, PayloadThatIsNotAJsonObjectIsMalformed) {
  EXPECT_EQ(error_of(forge(R"({"alg":"HS256"})", "[1,2]", *hmac_), *hmac_),
            VerifyError::kMalformed);
  EXPECT_EQ(error_of(forge(R"({"alg":"HS256"})", "\"sub\"", *hmac_), *hmac_),
            VerifyError::kMalformed);
}

TEST_F(JwsAttack, DeeplyNestedJsonIsMalformed) {
  const std::string deep = R"({"a":)" + std::string(200, '[') + std::string(200, ']') + "}";
  EXPECT_EQ(error_of(forge(R"({"alg":"HS256"})", deep, *hmac_), *hmac_), VerifyError::kMalformed);
}

TEST_F(JwsAttack, NonStringKidIsMalformed) {
  EXPECT_EQ(error_of(forge(R"({"alg":"HS256","kid":7})", kPayload, *hmac_), *hmac_),
            VerifyError::kMalformed);
}

TEST_F(JwsAttack, OversizedTokenIsMalformedBeforeAnyWork) {
  boost::json::object claims;
  claims["filler"] = std::string(kMaxTokenSize, 'x');
  const std::string token = sign({}, claims, *hmac_);
  ASSERT_GT(token.size(), kMaxTokenSize);
  EXPECT_EQ(error_of(token, *hmac_), VerifyError::kMalformed);
  EXPECT_EQ(decode_unverified_header(token).error(), VerifyError::kMalformed);
}

TEST_F(JwsAttack, DecodeUnverifiedHeaderAppliesTheSameHeaderRules) {
  const std::string none = base64::encode_url(R"({"alg":"none"})") + ".e30.";
  EXPECT_EQ(decode_unverified_header(none).error(), VerifyError::kUnsupportedAlgorithm);
  const std::string crit = base64::encode_url(R"({"alg":"HS256","crit":["b64"]})") + ".e30.";
  EXPECT_EQ(decode_unverified_header(crit).error(), VerifyError::kMalformed);
  EXPECT_EQ(decode_unverified_header("a.b").error(), VerifyError::kMalformed);
}

TEST_F(JwsAttack, DuplicateAlgMemberUsesTheLastOneAsRfc7515Allows) {
  // A verifier that read the first `alg` while we read the last could be fooled; here the last
  // ("none") wins and the token is refused.
  const std::string token = forge(R"({"alg":"HS256","alg":"none"})", kPayload, *hmac_);
  EXPECT_EQ(error_of(token, *hmac_), VerifyError::kUnsupportedAlgorithm);
}

}  // namespace
}  // namespace latchkey::jose
