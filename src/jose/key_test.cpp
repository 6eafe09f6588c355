#include "jose/key.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

#include "core/base64.hpp"
#include "jose/certificate.hpp"
#include "jose/jws_signature.hpp"
#include "jose/test_support.hpp"

namespace latchkey::jose {
namespace {

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free_all)>;

PkeyPtr openssl_key(const char* type, const char* curve = nullptr, std::size_t bits = 0) {
  EVP_PKEY* pkey = curve != nullptr ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, curve)
                   : bits > 0       ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, bits)
                                    : EVP_PKEY_Q_keygen(nullptr, nullptr, type);
  if (pkey == nullptr) throw std::runtime_error("keygen");
  return {pkey, EVP_PKEY_free};
}

template <class Write>
std::string to_pem(Write write) {
  BioPtr bio(BIO_new(BIO_s_mem()), BIO_free_all);
  if (write(bio.get()) != 1) throw std::runtime_error("PEM write");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return {data, static_cast<std::size_t>(size)};
}

std::string private_pem_of(EVP_PKEY* pkey) {
  return to_pem([&](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
  });
}

std::string public_pem_of(EVP_PKEY* pkey) {
  return to_pem([&](BIO* bio) { return PEM_write_bio_PUBKEY(bio, pkey); });
}

class KeyGeneration : public ::testing::TestWithParam<Algorithm> {};

TEST_P(KeyGeneration, PrivatePemRoundTripsToAnEquivalentSigningKey) {
  const Key& key = testing::shared_key(GetParam());
  const std::string pem = key.private_pem();
  EXPECT_TRUE(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));  // PKCS#8
  const Key again = Key::from_pem(GetParam(), pem).value();
  EXPECT_TRUE(again.has_private());
  EXPECT_EQ(again.public_pem(), key.public_pem());
  EXPECT_TRUE(verify_input("a.b", sign_input("a.b", again), key));
}

TEST_P(KeyGeneration, PublicPemRoundTripsToAVerifyOnlyKey) {
  const Key& key = testing::shared_key(GetParam());
  const std::string pem = key.public_pem();
  EXPECT_TRUE(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
  const Key again = Key::from_pem(GetParam(), pem).value();
  EXPECT_FALSE(again.has_private());
  EXPECT_THROW((void)again.private_pem(), std::logic_error);
  EXPECT_TRUE(verify_input("a.b", sign_input("a.b", key), again));
}

TEST_P(KeyGeneration, InferredAlgorithmIsTheFamilyDefault) {
  const Key& key = testing::shared_key(GetParam());
  const Algorithm expected = is_rsa(GetParam()) ? Algorithm::kRS256 : GetParam();
  EXPECT_EQ(infer_algorithm_from_pem(key.private_pem()), expected);
  EXPECT_EQ(infer_algorithm_from_pem(key.public_pem()), expected);
}

INSTANTIATE_TEST_SUITE_P(Jose, KeyGeneration, ::testing::ValuesIn(testing::kAsymmetricAlgorithms),
                         testing::parameter_name);

TEST(Key, GeneratedKeysReportTheirSizeAndCurve) {
  EXPECT_EQ(testing::shared_key(Algorithm::kRS256).bits(), 2048);
  EXPECT_EQ(Key::generate(Algorithm::kRS512, 3072).bits(), 3072);
  EXPECT_EQ(Key::generate(Algorithm::kES256).bits(), 256);
  EXPECT_EQ(Key::generate(Algorithm::kES384).curve_name(), "P-384");
  const Key p521 = Key::generate(Algorithm::kES512);
  EXPECT_EQ(p521.bits(), 521);
  EXPECT_EQ(p521.curve_name(), "P-521");
  EXPECT_EQ(p521.signature_size(), 132U);
  EXPECT_EQ(Key::generate(Algorithm::kEdDSA).curve_name(), "Ed25519");
  EXPECT_EQ(testing::shared_key(Algorithm::kRS256).curve_name(), std::nullopt);
}

TEST(Key, GeneratedHmacSecretIsBase64OfHashSizeRandomBytes) {
  for (const auto& [algorithm, bytes] :
       {std::pair{Algorithm::kHS256, 32U}, std::pair{Algorithm::kHS384, 48U},
        std::pair{Algorithm::kHS512, 64U}}) {
    const Key key = Key::generate(algorithm);
    const auto decoded = base64::decode(key.secret().reveal());
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->size(), bytes);
    EXPECT_NE(key.secret().reveal(), Key::generate(algorithm).secret().reveal());
  }
}

TEST(Key, RsaGenerationAcceptsOnlyFusionAuthLengths) {
  EXPECT_THROW((void)Key::generate(Algorithm::kRS256, 1024), std::invalid_argument);
  EXPECT_THROW((void)Key::generate(Algorithm::kRS256, 2047), std::invalid_argument);
}

TEST(Key, HmacNeedsAnHmacAlgorithmAndANonEmptySecret) {
  EXPECT_EQ(Key::hmac(Algorithm::kRS256, "secret").error(), KeyError::kAlgorithmMismatch);
  EXPECT_EQ(Key::hmac(Algorithm::kHS256, "").error(), KeyError::kEmptySecret);
  const Key key = Key::hmac(Algorithm::kHS384, "secret").value();
  EXPECT_EQ(key.signature_size(), 48U);
  EXPECT_THROW((void)key.public_pem(), std::logic_error);
}

TEST(Key, EcCurveMustMatchTheAlgorithm) {
  const std::string p256 = Key::generate(Algorithm::kES256).private_pem();
  EXPECT_EQ(Key::from_pem(Algorithm::kES384, p256).error(), KeyError::kCurveMismatch);
  EXPECT_EQ(Key::from_pem(Algorithm::kES512, p256).error(), KeyError::kCurveMismatch);
  const std::string p521 = Key::generate(Algorithm::kES512).public_pem();
  EXPECT_EQ(Key::from_pem(Algorithm::kES256, p521).error(), KeyError::kCurveMismatch);
}

TEST(Key, UnnamedOrOtherCurvesAreUnsupported) {
  const auto k1 = openssl_key("EC", "secp256k1");
  EXPECT_EQ(Key::from_pem(Algorithm::kES256, private_pem_of(k1.get())).error(),
            KeyError::kUnsupportedKeyType);
  EXPECT_EQ(infer_algorithm_from_pem(public_pem_of(k1.get())), std::nullopt);
}

TEST(Key, KeyTypeMustMatchTheAlgorithmFamily) {
  const std::string rsa = testing::shared_key(Algorithm::kRS256).public_pem();
  const std::string ec = Key::generate(Algorithm::kES256).public_pem();
  const std::string ed = Key::generate(Algorithm::kEdDSA).public_pem();
  EXPECT_EQ(Key::from_pem(Algorithm::kES256, rsa).error(), KeyError::kAlgorithmMismatch);
  EXPECT_EQ(Key::from_pem(Algorithm::kRS256, ec).error(), KeyError::kAlgorithmMismatch);
  EXPECT_EQ(Key::from_pem(Algorithm::kEdDSA, ec).error(), KeyError::kAlgorithmMismatch);
  EXPECT_EQ(Key::from_pem(Algorithm::kPS256, ed).error(), KeyError::kAlgorithmMismatch);
  EXPECT_EQ(Key::from_pem(Algorithm::kHS256, rsa).error(), KeyError::kAlgorithmMismatch);
  const auto x25519 = openssl_key("X25519");
  EXPECT_EQ(Key::from_pem(Algorithm::kEdDSA, public_pem_of(x25519.get())).error(),
            KeyError::kUnsupportedKeyType);
}

TEST(Key, Rsa1024IsRefusedForSigningButAcceptedForVerifying) {
  const auto rsa1024 = openssl_key("RSA", nullptr, 1024);
  EXPECT_EQ(Key::from_pem(Algorithm::kRS256, private_pem_of(rsa1024.get())).error(),
            KeyError::kBadKeySize);
  const auto verify_only = Key::from_pem(Algorithm::kRS256, public_pem_of(rsa1024.get()));
  ASSERT_TRUE(verify_only);
  EXPECT_EQ(verify_only->bits(), 1024);
}

TEST(Key, TraditionalRsaPrivateKeyPemIsAccepted) {
  const Key& rsa = testing::shared_key(Algorithm::kRS256);
  const std::string pkcs1 = to_pem([&](BIO* bio) {
    return PEM_write_bio_PrivateKey_traditional(bio, rsa.evp(), nullptr, nullptr, 0, nullptr,
                                                nullptr);
  });
  ASSERT_TRUE(pkcs1.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
  EXPECT_TRUE(Key::from_pem(Algorithm::kRS256, pkcs1).value().has_private());
}

TEST(Key, EncryptedPrivateKeyIsRefusedWithoutPrompting) {
  const Key key = Key::generate(Algorithm::kES256);
  const std::string encrypted = to_pem([&](BIO* bio) {
    return PEM_write_bio_PKCS8PrivateKey(bio, key.evp(), EVP_aes_256_cbc(), "pw", 2, nullptr,
                                         nullptr);
  });
  ASSERT_TRUE(encrypted.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
  EXPECT_EQ(Key::from_pem(Algorithm::kES256, encrypted).error(), KeyError::kInvalidPem);
}

TEST(Key, GarbageIsInvalidPem) {
  EXPECT_EQ(Key::from_pem(Algorithm::kRS256, "").error(), KeyError::kInvalidPem);
  EXPECT_EQ(Key::from_pem(Algorithm::kRS256,
                          "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
                .error(),
            KeyError::kInvalidPem);
  EXPECT_EQ(infer_algorithm_from_pem("not a pem"), std::nullopt);
}

TEST(Key, CertificatePemYieldsItsPublicKey) {
  const Key key = Key::generate(Algorithm::kES384);
  const std::string certificate = self_signed_certificate_pem(
      key, "acme.com", Instant(std::chrono::seconds(1700000000)), std::chrono::days(365));
  const Key from_certificate = Key::from_pem(Algorithm::kES384, certificate).value();
  EXPECT_FALSE(from_certificate.has_private());
  EXPECT_EQ(from_certificate.public_pem(), key.public_pem());
  EXPECT_EQ(infer_algorithm_from_pem(certificate), Algorithm::kES384);
}

TEST(Key, CopiesShareTheKeyAndStayUsable) {
  std::optional<Key> original = Key::generate(Algorithm::kEdDSA);
  const Key copy = *original;
  const std::string signature = sign_input("a.b", *original);
  original.reset();
  EXPECT_TRUE(verify_input("a.b", signature, copy));
  Key assigned = Key::generate(Algorithm::kHS256);
  assigned = copy;
  EXPECT_EQ(assigned.algorithm(), Algorithm::kEdDSA);
  EXPECT_EQ(assigned.public_pem(), copy.public_pem());
}

}  // namespace
}  // namespace latchkey::jose
