// Key Master lifecycle (spec/keys-apikeys.md): first-start keys, what a key document shows and
// never shows, import, rename, deletion rules, and the public-key and JWKS views.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "jose/key.hpp"
#include "service_fixture.hpp"
#include "services/keys/key_service.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class KeyLifecycleTest : public ::testing::Test {
 protected:
  std::size_t count_role(const std::string& role) const {
    const auto keys = f.keys.list();
    return static_cast<std::size_t>(std::count_if(
        keys.begin(), keys.end(), [&](const domain::SigningKey& key) { return key.role == role; }));
  }
  domain::SigningKey default_signing_key() const {
    for (const auto& key : f.keys.list()) {
      if (key.role == "default-signing") return key;
    }
    throw std::logic_error("no default signing key");
  }
  domain::SigningKey generate(const std::string& name, const std::string& algorithm) {
    // value() throws when generation fails, which fails the test that asked.
    return f.keys.generate(std::nullopt, json::object{{"name", name}, {"algorithm", algorithm}})
        .value();
  }
  testing::ServiceFixture f;
};

TEST_F(KeyLifecycleTest, FirstStartMakesOneDefaultSigningKeyAndThreeShadowKeysOnce) {
  EXPECT_EQ(count_role("default-signing"), 1U);
  EXPECT_EQ(count_role("shadow"), 3U);
  const auto key = default_signing_key();
  EXPECT_EQ(key.name, "Default signing key");
  EXPECT_EQ(json::get_string(key.data, "algorithm"), "HS256");
  ASSERT_TRUE(key.secret);
  EXPECT_GE(key.secret->size(), 32U);
  f.keys.ensure_default_keys();
  EXPECT_EQ(count_role("default-signing"), 1U) << "a second start adds nothing";
  EXPECT_EQ(count_role("shadow"), 3U);
  EXPECT_EQ(default_signing_key().id, key.id);
}

// Security: the private half lives only in the record's secret, never in the document a GET
// returns.
TEST_F(KeyLifecycleTest, GeneratedKeyDocumentsShowThePublicHalfOnly) {
  const auto ec = generate("ec", "ES256");
  EXPECT_EQ(json::get_string(ec.data, "type"), "EC");
  EXPECT_EQ(json::get_bool(ec.data, "hasPrivateKey"), true);
  EXPECT_TRUE(json::get_string(ec.data, "publicKey"));
  EXPECT_TRUE(json::get_string(ec.data, "certificate"));
  EXPECT_FALSE(ec.data.contains("privateKey"));
  EXPECT_FALSE(ec.data.contains("secret"));
  EXPECT_FALSE(ec.kid.empty());
  ASSERT_TRUE(ec.secret);
  EXPECT_NE(ec.secret->find("PRIVATE KEY"), std::string::npos);

  const auto hmac = generate("hmac", "HS384");
  EXPECT_EQ(json::get_string(hmac.data, "type"), "HMAC");
  EXPECT_FALSE(hmac.data.contains("secret"));
  EXPECT_FALSE(hmac.data.contains("publicKey"));
  ASSERT_TRUE(hmac.secret);
}

TEST_F(KeyLifecycleTest, GenerateNamesEveryMissingFieldAndRefusesUnknownAlgorithms) {
  const auto empty = f.keys.generate(std::nullopt, json::object{});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().http_status(), HttpStatus::kBadRequest);
  EXPECT_TRUE(empty.error().has_field_error("key.name", "[blank]key.name"));
  EXPECT_TRUE(empty.error().has_field_error("key.algorithm", "[missing]key.algorithm"));
  const auto unknown = f.keys.generate(std::nullopt, parse(R"({"name":"x","algorithm":"XS256"})"));
  ASSERT_FALSE(unknown);
  EXPECT_TRUE(unknown.error().has_field_error("key.algorithm", "[invalid]key.algorithm"));
}

TEST_F(KeyLifecycleTest, NamesAndIdsAreUnique) {
  const auto first = generate("same", "HS256");
  const auto by_name =
      f.keys.generate(std::nullopt, parse(R"({"name":"same","algorithm":"HS256"})"));
  ASSERT_FALSE(by_name);
  EXPECT_TRUE(by_name.error().has_field_error("key.name", "[duplicate]key.name"));
  const auto by_id = f.keys.generate(first.id, parse(R"({"name":"other","algorithm":"HS256"})"));
  ASSERT_FALSE(by_id);
  EXPECT_TRUE(by_id.error().has_field_error("keyId", "[duplicate]keyId"));
}

TEST_F(KeyLifecycleTest, ImportedPublicKeyVerifiesButHoldsNoSecret) {
  const auto pair = jose::Key::generate(jose::Algorithm::kES256);
  const auto imported = f.keys.import(
      std::nullopt,
      json::object{{"name", "partner"}, {"kid", "partner-1"}, {"publicKey", pair.public_pem()}});
  ASSERT_TRUE(imported);
  EXPECT_EQ(imported->kid, "partner-1");
  EXPECT_EQ(json::get_string(imported->data, "algorithm"), "ES256") << "inferred from the PEM";
  EXPECT_EQ(json::get_bool(imported->data, "hasPrivateKey"), false);
  EXPECT_FALSE(imported->secret);
  EXPECT_EQ(f.keys.public_key_by_kid("partner-1"), pair.public_pem());
}

TEST_F(KeyLifecycleTest, ImportWithoutKeyMaterialOrWithAMismatchedPairIsRefused) {
  const auto nothing = f.keys.import(std::nullopt, parse(R"({"name":"empty"})"));
  ASSERT_FALSE(nothing);
  EXPECT_TRUE(nothing.error().has_field_error("key.publicKey", "[missing]key.publicKey"));

  const auto mine = jose::Key::generate(jose::Algorithm::kES256);
  const auto theirs = jose::Key::generate(jose::Algorithm::kES256);
  const auto mismatched =
      f.keys.import(std::nullopt, json::object{{"name", "pair"},
                                               {"privateKey", mine.private_pem()},
                                               {"publicKey", theirs.public_pem()}});
  ASSERT_FALSE(mismatched);
  EXPECT_TRUE(mismatched.error().has_field_error("key.publicKey", "[invalid]key.publicKey"));

  const auto garbage = f.keys.import(std::nullopt, parse(R"({"name":"junk","publicKey":"x"})"));
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().http_status(), HttpStatus::kBadRequest);
}

TEST_F(KeyLifecycleTest, RenameChangesTheNameAndNothingElse) {
  const auto key = generate("before", "HS256");
  f.clock.advance(std::chrono::minutes(5));
  const auto renamed = f.keys.rename(key.id, parse(R"({"name":"after","algorithm":"HS512"})"));
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->name, "after");
  EXPECT_EQ(json::get_string(renamed->data, "algorithm"), "HS256");
  EXPECT_EQ(renamed->kid, key.kid);
  EXPECT_EQ(json::get_int(renamed->data, "lastUpdateInstant"), to_epoch_ms(f.clock.now()));
  const auto stored = f.keys.retrieve(key.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->name, "after");
  EXPECT_EQ(stored->secret, key.secret);

  const auto blank = f.keys.rename(key.id, parse(R"({"name":" "})"));
  ASSERT_FALSE(blank);
  EXPECT_TRUE(blank.error().has_field_error("key.name", "[blank]key.name"));
  generate("taken", "HS256");
  const auto taken = f.keys.rename(key.id, parse(R"({"name":"taken"})"));
  ASSERT_FALSE(taken);
  EXPECT_TRUE(taken.error().has_field_error("key.name", "[duplicate]key.name"));
}

TEST_F(KeyLifecycleTest, BuiltInAndInUseKeysCannotBeDeleted) {
  for (const auto& key : f.keys.list()) {
    if (key.role != "shadow") continue;
    const auto refused = f.keys.remove(key.id);
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().has_field_error("keyId", "[shadow]keyId"));
  }
  // The Default tenant signs with the default signing key.
  const auto in_use = f.keys.remove(default_signing_key().id);
  ASSERT_FALSE(in_use);
  EXPECT_TRUE(in_use.error().has_field_error("keyId", "[inUse]keyId"));

  const auto spare = generate("spare", "HS256");
  EXPECT_TRUE(f.keys.remove(spare.id));
  EXPECT_EQ(f.keys.retrieve(spare.id).error().http_status(), HttpStatus::kNotFound);
  EXPECT_EQ(f.keys.remove(spare.id).error().http_status(), HttpStatus::kNotFound);
}

TEST_F(KeyLifecycleTest, PublicKeyViewsShowAsymmetricKeysOnly) {
  const auto ec = generate("ec", "ES256");
  const auto pem = json::get_string(ec.data, "publicKey");
  ASSERT_TRUE(pem);
  const auto hmac = default_signing_key();

  const json::object keys = f.keys.public_keys();
  ASSERT_TRUE(keys.contains(ec.kid));
  EXPECT_EQ(keys.at(ec.kid), json::value(*pem));
  EXPECT_FALSE(keys.contains(hmac.kid)) << "an HMAC secret has no public half to publish";

  EXPECT_EQ(f.keys.public_key_by_kid(ec.kid), *pem);
  EXPECT_EQ(f.keys.public_key_by_kid(hmac.kid).error().http_status(), HttpStatus::kNotFound);
  EXPECT_EQ(f.keys.public_key_by_kid("no-such-kid").error().http_status(), HttpStatus::kNotFound);

  const std::string jwks = f.keys.jwks();
  EXPECT_NE(jwks.find("\"" + ec.kid + "\""), std::string::npos);
  EXPECT_EQ(jwks.find("\"" + hmac.kid + "\""), std::string::npos);
}

TEST_F(KeyLifecycleTest, AnApplicationsPublicKeyIsItsOwnAsymmetricSigningKey) {
  const auto ec = generate("app key", "ES256");
  const auto app = f.applications.create(
      f.admin(), std::nullopt,
      json::object{{"name", "Signs with EC"},
                   {"jwtConfiguration",
                    json::object{{"enabled", true}, {"accessTokenKeyId", ec.id.str()}}}});
  ASSERT_TRUE(app);
  EXPECT_EQ(f.keys.public_key_for_application(app->id.str()),
            *json::get_string(ec.data, "publicKey"));

  const auto plain = f.applications.create(f.admin(), std::nullopt, parse(R"({"name":"Plain"})"));
  ASSERT_TRUE(plain);
  EXPECT_EQ(f.keys.public_key_for_application(plain->id.str()).error().http_status(),
            HttpStatus::kNotFound)
      << "no key of its own";
  EXPECT_EQ(f.keys.public_key_for_application("not-a-uuid").error().http_status(),
            HttpStatus::kNotFound);
}

}  // namespace
}  // namespace latchkey::services
