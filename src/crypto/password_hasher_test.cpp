#include "crypto/password_hasher.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/base64.hpp"

namespace latchkey::crypto {
namespace {

const PasswordHasher kHasher;

PasswordHash stored(std::string scheme, std::string hash, std::string salt, int factor) {
  return PasswordHash{std::move(scheme), std::move(hash), std::move(salt), factor};
}

// Published by FusionAuth: fusionauth-example-password-encryptor,
// ExamplePBDKF2HMACSHA256Keylength512PasswordHasherTest.java (factor 27500). The same algorithm
// is FusionAuth's built-in salted-pbkdf2-hmac-sha256-512.
TEST(PasswordHasher, VerifiesFusionAuthPublishedPbkdf2Sha256KeyLength512Hashes) {
  EXPECT_TRUE(
      kHasher.verify(Secret("password"), stored("salted-pbkdf2-hmac-sha256-512",
                                                "LjFqvhPuUHJdQvWIwVQfqxjeujAWqG/DVQRFoOv62/"
                                                "cTznl9ob4jwWwY6i1RrwGviu5iNPU5VIp03SxDyetyfw==",
                                                "jVqbuA9k2Mlo37OWXBMKLw==", 27500)));
  EXPECT_TRUE(
      kHasher.verify(Secret("password"), stored("salted-pbkdf2-hmac-sha256-512",
                                                "OFb32+cOm0sgtEcmNiGC83A27Sk1gb0fynv0RUXBfFXEJ/"
                                                "EieUPlx4uDAGA/q0/FkX2iHO45qqoIqBesiYMIUg==",
                                                "XnYZtiSCmFE5HF/ZplNCow==", 27500)));
}

// No published 256-bit example was found; these expected values were computed from the
// documented definition (PBKDF2 over the base64-DECODED salt, output base64) with Python's
// hashlib.pbkdf2_hmac, an implementation independent of this one.
TEST(PasswordHasher, VerifiesFusionAuthFormatPbkdf2Hashes) {
  EXPECT_TRUE(kHasher.verify(
      Secret("password"),
      stored("salted-pbkdf2-hmac-sha256",
             "v1KoLCCdyQK9UC6/VLYfK5jAbjUYumxQbaUMZ2Zq9Ww=", "jVqbuA9k2Mlo37OWXBMKLw==", 24000)));
  EXPECT_TRUE(kHasher.verify(Secret("password"),
                             stored("salted-pbkdf2-hmac-sha512-512",
                                    "qfBU5xLDl97vjWWR4nOLohGge4sO0W/"
                                    "lE4nDAY4f8kL6vvo2llsW3PBk9NnoYIevYHUTYlg9uekLGY29b8HW8g==",
                                    "jVqbuA9k2Mlo37OWXBMKLw==", 24000)));
}

TEST(PasswordHasher, Pbkdf2UsesTheDecodedSaltNotItsBase64Text) {
  // The same hash stored with the salt's text bytes base64-encoded again must not verify.
  const std::string salt_as_text = base64::encode("jVqbuA9k2Mlo37OWXBMKLw==");
  EXPECT_FALSE(
      kHasher.verify(Secret("password"),
                     stored("salted-pbkdf2-hmac-sha256",
                            "v1KoLCCdyQK9UC6/VLYfK5jAbjUYumxQbaUMZ2Zq9Ww=", salt_as_text, 24000)));
}

// Openwall crypt_blowfish vector "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
// split the way FusionAuth imports bcrypt: salt = 22 characters, password = the last 31.
TEST(PasswordHasher, VerifiesBcryptStoredInFusionAuthSplitForm) {
  const PasswordHash hash =
      stored("bcrypt", "E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "CCCCCCCCCCCCCCCCCCCCC.", 5);
  EXPECT_TRUE(kHasher.verify(Secret("U*U"), hash));
  EXPECT_FALSE(kHasher.verify(Secret("U*U*"), hash));
}

// Computed from the documented definition with Python hashlib: r = password ‖ base64-decoded
// salt, then factor x SHA-256 (or MD5); HMAC-SHA256 keyed by the decoded salt. The salt is the
// one in FusionAuth/fusionauth-import-scripts generic/exampleData/faUsers.json.
constexpr const char* kImportSalt = "MmE5M2Y2NzQtYjQ0ZS00Yzk5LWIxZDQtMjA4MTE3ZGQwMTM0";

TEST(PasswordHasher, SaltedSha256IsPasswordThenSaltHashedFactorTimes) {
  EXPECT_TRUE(kHasher.verify(
      Secret("password"),
      stored("salted-sha256", "q+sEQnwhZD6Kn4B+yf/EtWkRhuv9ZhFOKZU/XvvS31s=", kImportSalt, 20000)));
  EXPECT_TRUE(kHasher.verify(
      Secret("password"),
      stored("salted-sha256", "nJ43zBy1X0bV/vas1SZQ/OQ8fVGY10HeNHuoxWdOT+8=", kImportSalt, 1)));
}

TEST(PasswordHasher, SaltedMd5IsPasswordThenSaltHashedFactorTimes) {
  EXPECT_TRUE(kHasher.verify(Secret("password"),
                             stored("salted-md5", "uTz04XxqDJmoFqy7lkmR6Q==", kImportSalt, 3)));
  EXPECT_FALSE(kHasher.verify(Secret("password"),
                              stored("salted-md5", "uTz04XxqDJmoFqy7lkmR6Q==", kImportSalt, 2)));
}

TEST(PasswordHasher, SaltedHmacSha256IsKeyedByTheDecodedSaltAndIgnoresTheFactor) {
  for (const int factor : {0, 1, 24000}) {
    EXPECT_TRUE(kHasher.verify(
        Secret("password"),
        stored("salted-hmac-sha256", "d8rx0bquapxlbH9u1OE/lfHBEkejVvZqzrGAg9NMmwA=", kImportSalt,
               factor)));
  }
}

class RoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTrip, HashThenVerifyAcceptsOnlyThePassword) {
  // Small factors keep the test fast; defaults are covered by DefaultFactors.
  const int factor = GetParam() == "bcrypt" ? 4 : 50;
  const PasswordHash hash = kHasher.hash(GetParam(), Secret("correct horse \xe2\x9c\x93"), factor);
  EXPECT_EQ(hash.scheme, GetParam());
  EXPECT_EQ(hash.factor, factor);
  EXPECT_TRUE(kHasher.verify(Secret("correct horse \xe2\x9c\x93"), hash));
  EXPECT_FALSE(kHasher.verify(Secret("correct horse"), hash));
  EXPECT_FALSE(kHasher.verify(Secret(""), hash));
}

TEST_P(RoundTrip, EachHashGetsAFreshSalt) {
  const int factor = GetParam() == "bcrypt" ? 4 : 2;
  const PasswordHash a = kHasher.hash(GetParam(), Secret("same"), factor);
  const PasswordHash b = kHasher.hash(GetParam(), Secret("same"), factor);
  EXPECT_NE(a.salt, b.salt);
  EXPECT_NE(a.hash, b.hash);
}

INSTANTIATE_TEST_SUITE_P(AllSchemes, RoundTrip,
                         ::testing::Values("salted-pbkdf2-hmac-sha256",
                                           "salted-pbkdf2-hmac-sha256-512",
                                           "salted-pbkdf2-hmac-sha512-512", "bcrypt",
                                           "salted-sha256", "salted-hmac-sha256", "salted-md5"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

TEST(PasswordHasher, SaltsAreEncodedAsFusionAuthStoresThem) {
  const PasswordHash pbkdf2 = kHasher.hash("salted-pbkdf2-hmac-sha256", Secret("pw"), 10);
  ASSERT_TRUE(base64::decode(pbkdf2.salt).has_value());
  EXPECT_EQ(base64::decode(pbkdf2.salt)->size(), 32u);
  EXPECT_EQ(base64::decode(pbkdf2.hash)->size(), 32u);
  const PasswordHash bcrypt = kHasher.hash("bcrypt", Secret("pw"), 4);
  EXPECT_EQ(bcrypt.salt.size(), 22u);
  EXPECT_EQ(bcrypt.hash.size(), 31u);
}

TEST(PasswordHasher, DefaultFactors) {
  EXPECT_EQ(PasswordHasher::default_factor("salted-pbkdf2-hmac-sha256"), 24000);
  EXPECT_EQ(PasswordHasher::default_factor("bcrypt"), 10);
  EXPECT_EQ(PasswordHasher::default_factor("salted-sha256"), 1);
  EXPECT_EQ(PasswordHasher::default_factor("salted-md5"), 1);
  const PasswordHash hash = kHasher.hash("salted-pbkdf2-hmac-sha256", Secret("pw"), 0);
  EXPECT_EQ(hash.factor, 24000);
  EXPECT_TRUE(kHasher.verify(Secret("pw"), hash));
}

TEST(PasswordHasher, KnowsExactlyTheBuiltInSchemes) {
  EXPECT_TRUE(PasswordHasher::is_supported("salted-pbkdf2-hmac-sha256"));
  EXPECT_TRUE(PasswordHasher::is_supported("bcrypt"));
  EXPECT_FALSE(PasswordHasher::is_supported("phpass-md5"));
  EXPECT_FALSE(PasswordHasher::is_supported("BCRYPT"));
  EXPECT_FALSE(PasswordHasher::is_supported(""));
}

TEST(PasswordHasher, UnknownSchemeNeverVerifies) {
  EXPECT_FALSE(kHasher.verify(Secret("pw"), stored("argon2id", "x", "y", 1)));
  EXPECT_FALSE(kHasher.verify(Secret("pw"), stored("", "", "", 0)));
  EXPECT_THROW(static_cast<void>(kHasher.hash("argon2id", Secret("pw"), 1)), std::invalid_argument);
}

TEST(PasswordHasher, MalformedStoredValuesNeverVerify) {
  const PasswordHash good = kHasher.hash("salted-sha256", Secret("pw"), 1);
  PasswordHash bad_salt = good;
  bad_salt.salt = "!!not base64!!";
  EXPECT_FALSE(kHasher.verify(Secret("pw"), bad_salt));
  PasswordHash empty_hash = good;
  empty_hash.hash = "";
  EXPECT_FALSE(kHasher.verify(Secret("pw"), empty_hash));
  EXPECT_FALSE(kHasher.verify(Secret("pw"), stored("bcrypt", "short", "alsoshort", 10)));
}

TEST(PasswordHasher, SaltWithoutBase64PaddingIsAccepted) {
  EXPECT_TRUE(kHasher.verify(
      Secret("password"),
      stored("salted-pbkdf2-hmac-sha256",
             "v1KoLCCdyQK9UC6/VLYfK5jAbjUYumxQbaUMZ2Zq9Ww=", "jVqbuA9k2Mlo37OWXBMKLw", 24000)));
}

TEST(PasswordHasher, AbsurdFactorsAreRefused) {
  EXPECT_FALSE(kHasher.verify(
      Secret("pw"), stored("salted-pbkdf2-hmac-sha256", "x", "AAAA", kMaxIterations + 1)));
  EXPECT_FALSE(kHasher.verify(Secret("pw"), stored("salted-sha256", "x", "AAAA", -5)));
  EXPECT_FALSE(kHasher.verify(Secret("U*U"), stored("bcrypt", "E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
                                                    "CCCCCCCCCCCCCCCCCCCCC.", 3)));
  EXPECT_FALSE(kHasher.verify(Secret("U*U"), stored("bcrypt", "E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
                                                    "CCCCCCCCCCCCCCCCCCCCC.", 32)));
  EXPECT_THROW(static_cast<void>(
                   kHasher.hash("salted-pbkdf2-hmac-sha256", Secret("pw"), kMaxIterations + 1)),
               std::invalid_argument);
  EXPECT_THROW(static_cast<void>(kHasher.hash("bcrypt", Secret("pw"), 32)), std::invalid_argument);
}

TEST(PasswordHasher, BcryptRefusesPasswordsContainingNul) {
  EXPECT_THROW(static_cast<void>(kHasher.hash("bcrypt", Secret(std::string("a\0b", 3)), 4)),
               std::invalid_argument);
}

// The dummy verify for an unknown login id must cost what a real one costs: the same scheme
// at the same factor, run to the end (a derivation that bails out early would be fast).
TEST(PasswordHasher, BurnEquivalentWorkHashesUnderTheGivenSchemeAndFactor) {
  for (const auto& [scheme, factor] : {std::pair{"salted-pbkdf2-hmac-sha256", 50},
                                       {"salted-pbkdf2-hmac-sha256-512", 50},
                                       {"salted-pbkdf2-hmac-sha512-512", 50},
                                       {"bcrypt", 4},
                                       {"salted-sha256", 10},
                                       {"salted-hmac-sha256", 1},
                                       {"salted-md5", 3}}) {
    const auto work = kHasher.burn_equivalent_work(scheme, factor);
    EXPECT_EQ(work.scheme, scheme);
    EXPECT_EQ(work.factor, factor) << scheme;
    EXPECT_TRUE(work.derived) << scheme;
  }
}

TEST(PasswordHasher, BurnEquivalentWorkFallsBackToDefaultsWithoutThrowing) {
  // An unknown scheme is replaced by the default one; a factor it can take is kept.
  const auto unknown = kHasher.burn_equivalent_work("no-such-scheme", 10);
  EXPECT_EQ(unknown.scheme, "salted-pbkdf2-hmac-sha256");
  EXPECT_EQ(unknown.factor, 10);
  EXPECT_TRUE(unknown.derived);
  const auto unknown_no_factor = kHasher.burn_equivalent_work("no-such-scheme", 0);
  EXPECT_EQ(unknown_no_factor.scheme, "salted-pbkdf2-hmac-sha256");
  EXPECT_EQ(unknown_no_factor.factor, 24000);
  EXPECT_TRUE(unknown_no_factor.derived);
  const auto no_factor = kHasher.burn_equivalent_work("salted-sha256", 0);
  EXPECT_EQ(no_factor.scheme, "salted-sha256");
  EXPECT_EQ(no_factor.factor, PasswordHasher::default_factor("salted-sha256"));
  EXPECT_TRUE(no_factor.derived);
  const auto too_costly = kHasher.burn_equivalent_work("bcrypt", 99);
  EXPECT_EQ(too_costly.scheme, "bcrypt");
  EXPECT_EQ(too_costly.factor, 10);
  EXPECT_TRUE(too_costly.derived);
}

}  // namespace
}  // namespace latchkey::crypto
