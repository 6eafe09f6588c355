// TokenVault: what a stolen database row gives away (nothing usable) and what the server can
// still do with it (find the row, open the sealed copy on that row only).
#include "services/common/token_vault.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/base64.hpp"

namespace latchkey::services {
namespace {

const Secret kMasterKey(std::string(TokenVault::kMasterKeySize, 'k'));
const Secret kOtherMasterKey(std::string(TokenVault::kMasterKeySize, 'o'));
constexpr std::string_view kToken = "rt-4f9c2a1e-opaque-refresh-token";
constexpr std::string_view kRow = "6b1f4a2e-0000-4000-8000-000000000001";

TEST(TokenVault, LookupHashIsStableAndFindsOnlyItsValue) {
  const TokenVault vault(kMasterKey);
  EXPECT_EQ(vault.lookup_hash(kToken), vault.lookup_hash(kToken));
  EXPECT_EQ(TokenVault(kMasterKey).lookup_hash(kToken), vault.lookup_hash(kToken))
      << "every node sharing the key file finds the same row";
  EXPECT_NE(vault.lookup_hash(kToken), vault.lookup_hash(std::string(kToken) + "x"));
  EXPECT_NE(vault.lookup_hash(""), vault.lookup_hash(" "));
}

TEST(TokenVault, LookupHashNeverContainsTheValue) {
  const TokenVault vault(kMasterKey);
  const std::string hash = vault.lookup_hash(kToken);
  EXPECT_FALSE(hash.empty());
  EXPECT_EQ(hash.find(kToken), std::string::npos);
}

// Security: the hash is keyed, so a database alone (without the key file) cannot be searched
// for a guessed token.
TEST(TokenVault, LookupHashDependsOnTheMasterKey) {
  EXPECT_NE(TokenVault(kMasterKey).lookup_hash(kToken),
            TokenVault(kOtherMasterKey).lookup_hash(kToken));
}

TEST(TokenVault, SealedValueOpensOnItsRow) {
  const TokenVault vault(kMasterKey);
  const std::string sealed = vault.seal(kToken, kRow);
  EXPECT_EQ(sealed.find(kToken), std::string::npos) << "the sealed copy hides the value";
  EXPECT_TRUE(base64::decode(sealed).has_value()) << "stored as base64 text";
  EXPECT_EQ(vault.open(sealed, kRow), std::string(kToken));
  EXPECT_EQ(TokenVault(kMasterKey).open(sealed, kRow), std::string(kToken))
      << "another node with the same key file opens it";
}

TEST(TokenVault, SealingTwiceGivesDifferentText) {
  const TokenVault vault(kMasterKey);
  EXPECT_NE(vault.seal(kToken, kRow), vault.seal(kToken, kRow));
}

// Security: a sealed value copied onto another row (to hand one user another's token) does not
// open there.
TEST(TokenVault, SealedValueDoesNotOpenOnAnotherRow) {
  const TokenVault vault(kMasterKey);
  const std::string sealed = vault.seal(kToken, kRow);
  EXPECT_EQ(vault.open(sealed, "6b1f4a2e-0000-4000-8000-000000000002"), std::nullopt);
  EXPECT_EQ(vault.open(sealed, ""), std::nullopt);
}

TEST(TokenVault, SealedValueDoesNotOpenUnderAnotherMasterKey) {
  const std::string sealed = TokenVault(kMasterKey).seal(kToken, kRow);
  EXPECT_EQ(TokenVault(kOtherMasterKey).open(sealed, kRow), std::nullopt);
}

TEST(TokenVault, DamagedSealedValuesDoNotOpen) {
  const TokenVault vault(kMasterKey);
  const std::string sealed = vault.seal(kToken, kRow);
  EXPECT_EQ(vault.open("", kRow), std::nullopt);
  EXPECT_EQ(vault.open("!!not base64!!", kRow), std::nullopt);
  EXPECT_EQ(vault.open(sealed.substr(0, sealed.size() - 4), kRow), std::nullopt);
  std::string raw = base64::decode(sealed).value();
  raw[raw.size() / 2] = static_cast<char>(raw[raw.size() / 2] ^ 0x01);
  EXPECT_EQ(vault.open(base64::encode(raw), kRow), std::nullopt);
}

TEST(TokenVault, EmptyValueRoundTrips) {
  const TokenVault vault(kMasterKey);
  EXPECT_EQ(vault.open(vault.seal("", kRow), kRow), std::string());
}

TEST(TokenVault, MasterKeyMustBe32Bytes) {
  EXPECT_THROW(TokenVault{Secret(std::string(31, 'k'))}, std::invalid_argument);
  EXPECT_THROW(TokenVault{Secret(std::string(33, 'k'))}, std::invalid_argument);
  EXPECT_THROW(TokenVault{Secret("")}, std::invalid_argument);
  EXPECT_NO_THROW(TokenVault{Secret(std::string(32, '\0'))});
}

}  // namespace
}  // namespace latchkey::services
