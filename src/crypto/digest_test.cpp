#include "crypto/digest.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "crypto/random.hpp"
#include "crypto/test_hex.hpp"

namespace latchkey::crypto {
namespace {

// FIPS 180-2 Appendix B / RFC 1321 §A.5 "abc" vectors.
TEST(Digest, MatchesPublishedAbcVectors) {
  EXPECT_EQ(to_hex(sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(to_hex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(sha384("abc")),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
            "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
  EXPECT_EQ(to_hex(sha512("abc")),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  EXPECT_EQ(to_hex(md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
}

// RFC 4231 §4.3, test case 2.
TEST(Hmac, MatchesRfc4231TestCase2) {
  EXPECT_EQ(to_hex(hmac("SHA256", "Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(to_hex(hmac("SHA512", "Jefe", "what do ya want for nothing?")),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
}

// RFC 4231 §4.7, test case 6: a key longer than the block is hashed first.
TEST(Hmac, HashesKeysLongerThanTheBlock) {
  EXPECT_EQ(to_hex(hmac("SHA-256", std::string(131, '\xaa'),
                        "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Hmac, EmptyKeyAndMessageIsValid) {
  EXPECT_EQ(to_hex(hmac("sha256", "", "")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(Hmac, UnknownAlgorithmIsACallerBug) {
  EXPECT_THROW(static_cast<void>(hmac("SHA3-999", "k", "d")), std::invalid_argument);
  EXPECT_THROW(static_cast<void>(hmac("MD5", "k", "d")), std::invalid_argument);
}

TEST(KeyedHasher, IsDeterministicHmacSha256) {
  const std::string key(32, 'k');
  const KeyedHasher hex(Secret(key), KeyedHasher::Encoding::kHex);
  EXPECT_EQ(hex.hash("token"), to_hex(hmac("SHA256", key, "token")));
  EXPECT_EQ(hex.hash("token").size(), 64u);
  const KeyedHasher url{Secret(key)};
  EXPECT_EQ(url.hash("token").size(), 43u);
  EXPECT_EQ(url.hash("token"), url.hash("token"));
  EXPECT_NE(url.hash("token"), url.hash("token2"));
}

TEST(KeyedHasher, DifferentKeysGiveDifferentHashes) {
  const KeyedHasher a{Secret(random_bytes(32))};
  const KeyedHasher b{Secret(random_bytes(32))};
  EXPECT_NE(a.hash("token"), b.hash("token"));
}

TEST(KeyedHasher, RefusesKeysThatAreNot32Bytes) {
  EXPECT_THROW(KeyedHasher(Secret(std::string(16, 'k'))), std::invalid_argument);
  EXPECT_THROW(KeyedHasher(Secret("")), std::invalid_argument);
}

}  // namespace
}  // namespace latchkey::crypto
