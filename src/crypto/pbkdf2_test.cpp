#include "crypto/pbkdf2.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <stdexcept>

#include "crypto/digest.hpp"
#include "crypto/test_hex.hpp"

namespace latchkey::crypto {
namespace {

using testing::from_hex;

// RFC 7914 §11 (PBKDF2-HMAC-SHA256 vectors).
TEST(Pbkdf2, MatchesRfc7914Section11OneIteration) {
  EXPECT_EQ(to_hex(pbkdf2_hmac("SHA256", "passwd", "salt", 1, 64)),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
            "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
}

TEST(Pbkdf2, MatchesRfc7914Section11EightyThousandIterations) {
  EXPECT_EQ(to_hex(pbkdf2_hmac("SHA256", "Password", "NaCl", 80000, 64)),
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
            "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

// RFC 6070 §2 (PBKDF2-HMAC-SHA1 vectors).
TEST(Pbkdf2, MatchesRfc6070Sha1Vectors) {
  EXPECT_EQ(to_hex(pbkdf2_hmac("SHA1", "password", "salt", 1, 20)),
            "0c60c80f961f0e71f3a9b524af6012062fe037a6");
  EXPECT_EQ(to_hex(pbkdf2_hmac("SHA1", "password", "salt", 4096, 20)),
            "4b007901b765489abead49d926f721d065a429c1");
  EXPECT_EQ(
      to_hex(pbkdf2_hmac("SHA1", std::string("pass\0word", 9), std::string("sa\0lt", 5), 4096, 16)),
      "56fa6aa75548099dcc37d7f03425e0c3");
}

std::string reference(const char* digest, std::string_view password, std::string_view salt,
                      int iterations, std::size_t length) {
  std::string out(length, '\0');
  const int rc =
      PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_get_digestbyname(digest),
                        static_cast<int>(length), reinterpret_cast<unsigned char*>(out.data()));
  EXPECT_EQ(rc, 1);
  return out;
}

// The precomputed-pad implementation must be indistinguishable from OpenSSL's own.
TEST(Pbkdf2, EqualsPkcs5Pbkdf2HmacForManyInputs) {
  struct Case {
    const char* digest;
    std::string password;
    std::string salt;
    int iterations;
    std::size_t length;
  };
  const Case cases[] = {
      {"SHA256", "password", "salt", 2, 32},
      {"SHA256", "", "", 10, 32},                       // empty password and salt
      {"SHA256", std::string(64, 'p'), "s", 100, 32},   // key exactly one block
      {"SHA256", std::string(65, 'p'), "s", 100, 32},   // key longer than a block: hashed
      {"SHA256", "pw", std::string(200, 's'), 7, 100},  // long salt, several output blocks
      {"SHA256", "pw", "salt", 24000, 32},              // FusionAuth's default factor
      {"SHA512", "password", "salt", 1000, 64},
      {"SHA512", std::string(129, 'p'), "salt", 10, 130},  // SHA-512 long key, 3 blocks
      {"SHA512", "p\xc3\xa4ssw\xc3\xb6rd", "\x00\x01\x02", 33, 64},
      {"SHA1", "password", "salt", 50, 45},
      {"SHA384", "password", "salt", 50, 48},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(pbkdf2_hmac(c.digest, c.password, c.salt, c.iterations, c.length),
              reference(c.digest, c.password, c.salt, c.iterations, c.length))
        << c.digest << " " << c.password.size() << " " << c.iterations << " " << c.length;
  }
}

TEST(Pbkdf2, NonsenseParametersAreCallerBugs) {
  EXPECT_THROW(static_cast<void>(pbkdf2_hmac("SHA256", "p", "s", 0, 32)), std::invalid_argument);
  EXPECT_THROW(static_cast<void>(pbkdf2_hmac("SHA256", "p", "s", 1, 0)), std::invalid_argument);
  EXPECT_THROW(static_cast<void>(pbkdf2_hmac("WHIRLPOOL", "p", "s", 1, 32)), std::invalid_argument);
}

}  // namespace
}  // namespace latchkey::crypto
