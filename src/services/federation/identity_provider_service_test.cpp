#include "services/federation/identity_provider_service.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class IdentityProviderServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = f.keys.import(
        std::nullopt,
        json::object{{"name", "Corp RS256"}, {"kid", "corp-rs"}, {"publicKey", rsa.public_pem()}});
    ASSERT_TRUE(key);
    key_id = key->id.str();
  }

  json::object provider(const std::string& extra = "{}") const {
    json::object doc = parse(
        R"({"type":"ExternalJWT","name":"Corp","headerKeyParameter":"kid","custom":{"x":1}})");
    doc["verificationKeyIds"] = json::array{json::value(key_id)};
    json::merge_patch(doc, parse(extra), json::ArrayMerge::kReplace);
    return doc;
  }

  testing::ServiceFixture f;
  jose::Key rsa = jose::Key::generate(jose::Algorithm::kRS256);
  std::string key_id;
};

TEST_F(IdentityProviderServiceTest, CreateAppliesDefaultsAndKeepsUnknownFields) {
  const auto made = f.identity_providers.create(f.admin(), std::nullopt, provider());
  ASSERT_TRUE(made);
  const auto& doc = made->data;
  EXPECT_EQ(json::get_bool(doc, "enabled"), false);
  EXPECT_EQ(json::get_string(doc, "linkingStrategy"), "LinkByEmail");
  EXPECT_EQ(json::get_string(doc, "oauth2.uniqueIdClaim"), "sub");
  EXPECT_EQ(json::get_string(doc, "oauth2.emailClaim"), "email");
  EXPECT_EQ(json::get_string(doc, "oauth2.usernameClaim"), "preferred_username");
  EXPECT_EQ(json::get_string(doc, "defaultKeyId"), key_id);
  EXPECT_EQ(json::get_int(doc, "custom.x"), 1);
  EXPECT_TRUE(doc.contains("insertInstant"));
  const auto listed = f.identity_providers.list(f.admin(), std::string("ExternalJWT"));
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_TRUE(f.identity_providers.list(f.admin(), std::string("OpenIDConnect")).empty());
}

TEST_F(IdentityProviderServiceTest, RequiredFieldsAreReportedTogether) {
  auto doc = provider(R"({"name":"  ","headerKeyParameter":""})");
  doc.erase("verificationKeyIds");
  const auto made = f.identity_providers.create(f.admin(), std::nullopt, doc);
  ASSERT_FALSE(made);
  const auto& error = made.error();
  EXPECT_TRUE(error.has_field_error("identityProvider.name", "[blank]identityProvider.name"));
  EXPECT_TRUE(error.has_field_error("identityProvider.headerKeyParameter",
                                    "[blank]identityProvider.headerKeyParameter"));
  EXPECT_TRUE(error.has_field_error("identityProvider.verificationKeyIds",
                                    "[empty]identityProvider.verificationKeyIds"));
}

TEST_F(IdentityProviderServiceTest, WrongTypesAndValuesAre400) {
  auto made =
      f.identity_providers.create(f.admin(), std::nullopt, provider(R"({"enabled":"yes"})"));
  ASSERT_FALSE(made);
  // FusionAuth's code for a value Jackson cannot bind is [invalidJSON] itself (no field suffix).
  EXPECT_TRUE(made.error().has_field_error("identityProvider.enabled", "[invalidJSON]"));
  made = f.identity_providers.create(f.admin(), std::nullopt,
                                     provider(R"({"claimMap":{"given":"FirstName"}})"));
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("identityProvider.claimMap[given]",
                                           "[invalid]identityProvider.claimMap"));
  made = f.identity_providers.create(f.admin(), std::nullopt,
                                     provider(R"({"linkingStrategy":"LinkByMagic"})"));
  ASSERT_FALSE(made);
  made = f.identity_providers.create(f.admin(), std::nullopt, provider(R"({"type":"Gooogle"})"));
  ASSERT_FALSE(made);
  EXPECT_TRUE(
      made.error().has_field_error("identityProvider.type", "[invalid]identityProvider.type"));
  made = f.identity_providers.create(
      f.admin(), std::nullopt,
      provider(R"({"verificationKeyIds":["00000000-0000-4000-8000-000000000bad"]})"));
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("identityProvider.verificationKeyIds[0]",
                                           "[cannotVerify]identityProvider.verificationKeyIds"));
}

TEST_F(IdentityProviderServiceTest, NamesAndDomainsAreUnique) {
  ASSERT_TRUE(
      f.identity_providers.create(f.admin(), std::nullopt, provider(R"({"domains":["Corp.io"]})")));
  auto made = f.identity_providers.create(f.admin(), std::nullopt, provider(R"({"name":"CORP"})"));
  ASSERT_FALSE(made);
  EXPECT_TRUE(
      made.error().has_field_error("identityProvider.name", "[duplicate]identityProvider.name"));
  made = f.identity_providers.create(f.admin(), std::nullopt,
                                     provider(R"({"name":"Other","domains":["corp.io"]})"));
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("identityProvider.domains",
                                           "[duplicate]identityProvider.domains"));
}

TEST_F(IdentityProviderServiceTest, LegacyKeysAreImportedIntoKeyMasterUnderTheirKid) {
  auto doc = provider();
  doc.erase("verificationKeyIds");
  const auto ec = jose::Key::generate(jose::Algorithm::kES256);
  doc["keys"] = json::object{{"legacy-ec", ec.public_pem()}};
  const auto made = f.identity_providers.create(f.admin(), std::nullopt, doc);
  ASSERT_TRUE(made) << made.error().log_detail();
  const auto* imported = f.config.current()->find_key_by_kid("legacy-ec");
  ASSERT_NE(imported, nullptr);
  EXPECT_FALSE(imported->record.secret);  // a public key only
  EXPECT_EQ(json::get_string(made->data, "defaultKeyId"), imported->record.id.str());
  // A PUT of the retrieved document finds the key already imported.
  EXPECT_TRUE(f.identity_providers.update(f.admin(), made->id, made->data));
  EXPECT_EQ(f.keys.list().size(), 6U);  // 4 first-start keys + corp-rs + legacy-ec
}

TEST_F(IdentityProviderServiceTest, LegacyKeysRefusePrivateKeysAndKidClashes) {
  auto doc = provider();
  doc["keys"] = json::object{{"k", rsa.private_pem()}};
  auto made = f.identity_providers.create(f.admin(), std::nullopt, doc);
  ASSERT_FALSE(made);
  EXPECT_TRUE(
      made.error().has_field_error("identityProvider.keys[k]", "[invalid]identityProvider.keys"));
  const auto other = jose::Key::generate(jose::Algorithm::kES256);
  doc["keys"] = json::object{{"corp-rs", other.public_pem()}};
  made = f.identity_providers.create(f.admin(), std::nullopt, doc);
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("identityProvider.keys[corp-rs]",
                                           "[duplicate]identityProvider.keys"));
}

TEST_F(IdentityProviderServiceTest, TypeCannotChangeAndPatchMerges) {
  const auto made = f.identity_providers.create(f.admin(), std::nullopt, provider());
  ASSERT_TRUE(made);
  auto changed = f.identity_providers.update(f.admin(), made->id, provider(R"({"type":"SAMLv2"})"));
  ASSERT_FALSE(changed);
  const auto patched = f.identity_providers.patch(
      f.admin(), made->id, parse(R"({"enabled":true,"claimMap":{"dept":"RegistrationData"}})"),
      PatchStyle::kLegacyMerge);
  ASSERT_TRUE(patched);
  EXPECT_EQ(json::get_bool(patched->data, "enabled"), true);
  EXPECT_EQ(json::get_string(patched->data, "claimMap.dept"), "RegistrationData");
  EXPECT_EQ(json::get_int(patched->data, "custom.x"), 1);
  EXPECT_EQ(json::get_array(patched->data, "verificationKeyIds")->size(), 1U);
}

TEST_F(IdentityProviderServiceTest, AKeyInUseByAProviderCannotBeDeleted) {
  const auto made = f.identity_providers.create(f.admin(), std::nullopt, provider());
  ASSERT_TRUE(made);
  const auto refused = f.keys.remove(*Uuid::parse(key_id));
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("keyId", "[inUse]keyId"));
  ASSERT_TRUE(f.identity_providers.remove(f.admin(), made->id));
  EXPECT_TRUE(f.keys.remove(*Uuid::parse(key_id)));
  EXPECT_FALSE(f.identity_providers.retrieve(f.admin(), made->id));
}

TEST_F(IdentityProviderServiceTest, LookupFindsTheProviderManagingADomain) {
  const auto made = f.identity_providers.create(
      f.admin(), std::nullopt,
      provider(R"({"domains":["Corp.io"],"oauth2":{"token_endpoint":"https://t.example"}})"));
  ASSERT_TRUE(made);
  const auto found = f.identity_providers.lookup(f.admin(), "ann@CORP.io", std::nullopt);
  ASSERT_TRUE(found);
  EXPECT_EQ(json::get_string(*found, "id"), made->id.str());
  EXPECT_EQ(json::get_string(*found, "oauth2.token_endpoint"), "https://t.example");
  EXPECT_FALSE(found->contains("verificationKeyIds"));  // the lookup shows no configuration
  EXPECT_FALSE(f.identity_providers.lookup(f.admin(), "other.io", std::nullopt));
}

// Other FusionAuth types are stored with their own required fields (identity_provider_types).
TEST_F(IdentityProviderServiceTest, OpenIdConnectNeedsItsClientButtonAndEndpoints) {
  const auto made = f.identity_providers.create(
      f.admin(), std::nullopt, parse(R"({"type":"OpenIDConnect","name":"Corp OIDC"})"));
  ASSERT_FALSE(made);
  const auto& error = made.error();
  for (const char* path : {"buttonText", "oauth2.client_id", "oauth2.client_secret",
                           "oauth2.authorization_endpoint", "oauth2.token_endpoint"}) {
    const std::string field = std::string("identityProvider.") + path;
    EXPECT_TRUE(error.has_field_error(field, "[blank]" + field)) << field;
  }
  EXPECT_FALSE(error.has_field_error("identityProvider.headerKeyParameter",
                                     "[blank]identityProvider.headerKeyParameter"));
}

TEST_F(IdentityProviderServiceTest, OpenIdConnectWithAnIssuerAndNoSecretUnderNoneIsStored) {
  const auto made = f.identity_providers.create(f.admin(), std::nullopt, parse(R"({
      "type":"OpenIDConnect","name":"Corp OIDC","buttonText":"Corp",
      "oauth2":{"client_id":"abc","clientAuthenticationMethod":"none",
                "issuer":"https://idp.example.com"}})"));
  ASSERT_TRUE(made) << made.error().log_detail();
  EXPECT_EQ(made->type, "OpenIDConnect");
  EXPECT_EQ(json::get_string(made->data, "oauth2.uniqueIdClaim"), "sub");
  EXPECT_FALSE(made->data.contains("verificationKeyIds"));
  EXPECT_EQ(f.identity_providers.list(f.admin(), std::string("OpenIDConnect")).size(), 1U);
  EXPECT_TRUE(f.identity_providers.list(f.admin(), std::string("ExternalJWT")).empty());
}

TEST_F(IdentityProviderServiceTest, GoogleNeedsItsClientAndIsNamedAfterItsType) {
  auto made = f.identity_providers.create(f.admin(), std::nullopt,
                                          parse(R"({"type":"Google","buttonText":"Google"})"));
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("identityProvider.client_id",
                                           "[blank]identityProvider.client_id"));
  EXPECT_TRUE(made.error().has_field_error("identityProvider.client_secret",
                                           "[blank]identityProvider.client_secret"));
  EXPECT_FALSE(
      made.error().has_field_error("identityProvider.name", "[blank]identityProvider.name"));
  made = f.identity_providers.create(
      f.admin(), std::nullopt,
      parse(R"({"type":"Google","buttonText":"Google","client_id":"c","client_secret":"s"})"));
  ASSERT_TRUE(made);
  EXPECT_EQ(made->name, "Google");
}

TEST_F(IdentityProviderServiceTest, SamlAndTwitterNeedTheirDocumentedFields) {
  auto made = f.identity_providers.create(f.admin(), std::nullopt,
                                          parse(R"({"type":"SAMLv2","name":"Corp SAML"})"));
  ASSERT_FALSE(made);
  for (const char* path : {"buttonText", "idpEndpoint", "keyId"}) {
    const std::string field = std::string("identityProvider.") + path;
    EXPECT_TRUE(made.error().has_field_error(field, "[blank]" + field)) << field;
  }
  made = f.identity_providers.create(f.admin(), std::nullopt,
                                     parse(R"({"type":"Twitter","buttonText":"X"})"));
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("identityProvider.consumerKey",
                                           "[blank]identityProvider.consumerKey"));
}

TEST_F(IdentityProviderServiceTest, TheLoginPageOffersOnlyTypesLatchkeyRuns) {
  const Uuid tenant = f.default_tenant.id;
  const Uuid app = *Uuid::parse("3c219e58-ed0e-4b18-ad48-f4f92793ae32");
  const std::string enabled =
      R"("enabled":true,"applicationConfiguration":{")" + app.str() + R"(":{"enabled":true}})";
  ASSERT_TRUE(f.identity_providers.create(f.admin(), std::nullopt, provider("{" + enabled + "}")));
  ASSERT_TRUE(f.identity_providers.create(
      f.admin(), std::nullopt,
      parse(R"({"type":"Google","buttonText":"G","client_id":"c","client_secret":"s",)" + enabled +
            "}")));
  const auto offered = f.identity_providers.login_page_providers(tenant, app);
  ASSERT_EQ(offered.size(), 1U);
  EXPECT_EQ(offered[0].type, "ExternalJWT");
}

}  // namespace
}  // namespace latchkey::services
