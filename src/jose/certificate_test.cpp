#include "jose/certificate.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "core/base64.hpp"
#include "jose/jwk.hpp"
#include "jose/test_support.hpp"

namespace latchkey::jose {
namespace {

using std::chrono::days;
using std::chrono::seconds;

// FusionAuth's documented Ed25519 key response (fusionauth-site json/keys/eddsa-response.json):
// its certificate and the certificateInformation FusionAuth reported for it.
constexpr std::string_view kFusionAuthCertificate =
    "-----BEGIN CERTIFICATE-----\n"
    "MIHsMIGfoAMCAQECEQDqdRGGNnhIwI8IEfDjwZN7MAUGAytlcDAYMRYwFAYDVQQD\n"
    "Ew1mdXNpb25hdXRoLmlvMB4XDTI1MTIxODE2MDUyNVoXDTM1MTIxODE2MDUyNVow\n"
    "GDEWMBQGA1UEAxMNZnVzaW9uYXV0aC5pbzAqMAUGAytlcAMhAI+wTC3wU30tqiGR\n"
    "8RsFrAYl++dNZTRIdwUqPmMv3xeqMAUGAytlcANBANiOCGE+XoUorYo13gor1PWM\n"
    "6sL7j2oDBbSExzThihvYXyO7Lx7s8ZCgJ8rIcxgDQRJbhq1n5oxMAvGnzezDMwQ=\n"
    "-----END CERTIFICATE-----";

TEST(CertificateInfo, MatchesWhatFusionAuthReportsForItsCertificate) {
  const auto info = certificate_info(kFusionAuthCertificate);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->issuer, "CN=fusionauth.io");
  EXPECT_EQ(info->subject, "CN=fusionauth.io");
  EXPECT_EQ(info->serialNumber, "00:EA:75:11:86:36:78:48:C0:8F:08:11:F0:E3:C1:93:7B");
  EXPECT_EQ(info->md5Fingerprint, "74:19:09:95:D9:6F:52:D9:83:D5:CD:48:D2:26:34:A2");
  EXPECT_EQ(info->sha1Fingerprint, "AB:6D:71:A6:B6:36:BA:D3:00:7D:1D:E8:CB:08:25:6F:46:13:EF:51");
  EXPECT_EQ(info->sha1Thumbprint, "q21xprY2utMAfR3oywglb0YT71E");
  EXPECT_EQ(info->sha256Fingerprint,
            "1A:BE:72:43:9A:B6:06:D5:08:32:06:28:A8:1B:DF:73:A2:99:5E:82:FF:C4:A3:FD:F3:9B:5F:5F:"
            "80:4A:27:D4");
  EXPECT_EQ(info->sha256Thumbprint, "Gr5yQ5q2BtUIMgYoqBvfc6KZXoL_xKP985tfX4BKJ9Q");
  // FusionAuth reports the key's insert instant (…573 ms); the certificate holds whole seconds.
  EXPECT_EQ(to_epoch_ms(info->validFrom), 1766073925000);
  EXPECT_EQ(to_epoch_ms(info->validTo), 2081606725000);
}

TEST(CertificateInfo, X5tIsTheKidFusionAuthUses) {
  const auto der = certificate_der(kFusionAuthCertificate).value();
  EXPECT_EQ(x5t(der), "q21xprY2utMAfR3oywglb0YT71E");
  EXPECT_EQ(x5t(der).size(), 27U);
  EXPECT_EQ(x5t_s256(der), "Gr5yQ5q2BtUIMgYoqBvfc6KZXoL_xKP985tfX4BKJ9Q");
}

TEST(CertificateInfo, PublicKeyIsDerivedFromTheCertificate) {
  EXPECT_EQ(certificate_public_key_pem(kFusionAuthCertificate),
            "-----BEGIN PUBLIC KEY-----\n"
            "MCowBQYDK2VwAyEAj7BMLfBTfS2qIZHxGwWsBiX7501lNEh3BSo+Yy/fF6o=\n"
            "-----END PUBLIC KEY-----\n");
}

TEST(CertificateInfo, NonCertificatesGiveNothing) {
  EXPECT_EQ(certificate_info("garbage"), std::nullopt);
  EXPECT_EQ(certificate_info(Key::generate(Algorithm::kES256).public_pem()), std::nullopt);
  EXPECT_EQ(certificate_der(""), std::nullopt);
}

class SelfSigned : public ::testing::TestWithParam<Algorithm> {};

TEST_P(SelfSigned, CertificateCarriesTheIssuerValidityAndKey) {
  const Key& key = testing::shared_key(GetParam());
  const Instant now = Instant(seconds(1700000000)) + std::chrono::milliseconds(789);
  const std::string pem = self_signed_certificate_pem(key, "acme.com", now, days(3650));
  ASSERT_TRUE(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
  const auto info = certificate_info(pem).value();
  EXPECT_EQ(info.issuer, "CN=acme.com");
  EXPECT_EQ(info.subject, "CN=acme.com");
  EXPECT_EQ(info.validFrom, Instant(seconds(1700000000)));
  EXPECT_EQ(info.validTo, Instant(seconds(1700000000)) + days(3650));
  EXPECT_EQ(info.sha1Thumbprint.size(), 27U);
  EXPECT_EQ(info.sha1Thumbprint, x5t(certificate_der(pem).value()));
  EXPECT_TRUE(info.serialNumber.size() >= 47U);  // 16 bytes "XX:" joined, maybe a 00 sign byte
  EXPECT_TRUE(certificate_matches_key(pem, key));
  EXPECT_FALSE(certificate_matches_key(pem, Key::generate(Algorithm::kEdDSA)));
  EXPECT_FALSE(certificate_matches_key(pem, Key::generate(Algorithm::kES256)));
  EXPECT_EQ(certificate_public_key_pem(pem), key.public_pem());
}

TEST_P(SelfSigned, SerialNumbersDiffer) {
  const Key& key = testing::shared_key(GetParam());
  const Instant now = Instant(seconds(1700000000));
  EXPECT_NE(certificate_info(self_signed_certificate_pem(key, "a", now, days(1)))->serialNumber,
            certificate_info(self_signed_certificate_pem(key, "a", now, days(1)))->serialNumber);
}

INSTANTIATE_TEST_SUITE_P(Jose, SelfSigned,
                         ::testing::Values(Algorithm::kRS256, Algorithm::kRS384, Algorithm::kPS256,
                                           Algorithm::kES256, Algorithm::kES384, Algorithm::kES512,
                                           Algorithm::kEdDSA),
                         testing::parameter_name);

TEST(SelfSigned, ValidityBeyond2049UsesGeneralizedTime) {
  const Key key = Key::generate(Algorithm::kES256);
  const Instant now = Instant(seconds(2500000000));  // 2049-03-22
  const auto info =
      certificate_info(self_signed_certificate_pem(key, "acme.com", now, days(3650))).value();
  EXPECT_EQ(info.validTo, Instant(seconds(2500000000)) + days(3650));
}

TEST(SelfSigned, NeedsAnAsymmetricPrivateKey) {
  const Instant now = Instant(seconds(1700000000));
  EXPECT_THROW(
      (void)self_signed_certificate_pem(Key::generate(Algorithm::kHS256), "a", now, days(1)),
      std::logic_error);
  const Key public_only =
      Key::from_pem(Algorithm::kES256, Key::generate(Algorithm::kES256).public_pem()).value();
  EXPECT_THROW((void)self_signed_certificate_pem(public_only, "a", now, days(1)), std::logic_error);
}

}  // namespace
}  // namespace latchkey::jose
