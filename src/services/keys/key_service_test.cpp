// Key Master rules: key sizes (issue 10 item 8) and tenant visibility of keys (item 3).
#include "services/keys/key_service.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"
#include "services/keys/key_visibility.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class KeyServiceTest : public ::testing::Test {
 protected:
  domain::Tenant second_tenant() {
    auto tenant = f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Second"})"));
    EXPECT_TRUE(tenant);
    return *tenant;
  }
  // A caller holding an API key locked to `tenant`.
  static Caller locked_to(const Uuid& tenant) {
    return Caller{domain::ApiKey{Uuid::parse("00000000-0000-4000-8000-0000000000aa").value(),
                                 "locked", tenant, false, json::object{}},
                  std::nullopt};
  }
  testing::ServiceFixture f;
};

TEST_F(KeyServiceTest, HmacSecretShorterThanItsHashIsRefused) {
  for (const auto& [algorithm, bytes] : {std::pair{"HS256", 32}, {"HS384", 48}, {"HS512", 64}}) {
    json::object request{{"name", std::string("short ") + algorithm},
                         {"algorithm", algorithm},
                         {"secret", std::string(static_cast<std::size_t>(bytes - 1), 'k')}};
    const auto refused = f.keys.import(std::nullopt, request);
    ASSERT_FALSE(refused) << algorithm;
    EXPECT_TRUE(refused.error().has_field_error("key.secret", "[invalidLength]key.secret"));
    request["secret"] = std::string(static_cast<std::size_t>(bytes), 'k');
    EXPECT_TRUE(f.keys.import(std::nullopt, request)) << algorithm;
  }
}

TEST_F(KeyServiceTest, GeneratedHmacSecretsAreAtLeastTheHashLength) {
  for (const auto& [algorithm, bytes] : {std::pair{"HS256", 32U}, {"HS384", 48U}, {"HS512", 64U}}) {
    const auto key = f.keys.generate(
        std::nullopt,
        json::object{{"name", std::string("gen ") + algorithm}, {"algorithm", algorithm}});
    ASSERT_TRUE(key);
    ASSERT_TRUE(key->secret);
    EXPECT_GE(key->secret->size(), bytes) << algorithm;
  }
}

TEST_F(KeyServiceTest, RsaGenerationBelow2048IsRefused) {
  const auto refused =
      f.keys.generate(std::nullopt, parse(R"({"name":"small","algorithm":"RS256","length":1024})"));
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("key.length", "[invalid]key.length"));
}

TEST_F(KeyServiceTest, KeysCreatedThroughALockedCallerBelongToItsTenant) {
  const auto second = second_tenant();
  const auto owned =
      f.keys.generate(std::nullopt, parse(R"({"name":"owned","algorithm":"ES256"})"), second.id);
  ASSERT_TRUE(owned);
  EXPECT_EQ(owned->tenant_id, second.id);
  EXPECT_FALSE(owned->data.contains("tenantId")) << "the Key document keeps FusionAuth's shape";
  f.config.reload();
  const auto snapshot = f.config.current();
  const auto* stored = snapshot->find_key(owned->id);
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->record.tenant_id, second.id) << "the owner survives a reload from the store";
  EXPECT_TRUE(key_visible_to_tenant(*snapshot, stored->record, second.id));
  EXPECT_FALSE(key_visible_to_tenant(*snapshot, stored->record, f.default_tenant.id));
  EXPECT_TRUE(f.keys.retrieve(owned->id, second.id));
  EXPECT_FALSE(f.keys.retrieve(owned->id, f.default_tenant.id));
  EXPECT_TRUE(f.keys.retrieve(owned->id));
}

TEST_F(KeyServiceTest, ATenantSeesTheKeysItsConfigurationNamesAndNoOthers) {
  const auto second = second_tenant();
  const auto global =
      f.keys.generate(std::nullopt, parse(R"({"name":"global","algorithm":"ES256"})"));
  const auto app_key =
      f.keys.generate(std::nullopt, parse(R"({"name":"app","algorithm":"ES256"})"));
  ASSERT_TRUE(global);
  ASSERT_TRUE(app_key);
  const auto in_second = Caller{std::nullopt, second.id};
  ASSERT_TRUE(f.applications.create(
      in_second, std::nullopt,
      parse(R"({"name":"App","jwtConfiguration":{"enabled":true,"accessTokenKeyId":")" +
            app_key->id.str() + R"("}})")));
  const auto snapshot = f.config.current();
  const auto* default_key = snapshot->default_signing_key();
  ASSERT_NE(default_key, nullptr);
  EXPECT_TRUE(key_visible_to_tenant(*snapshot, default_key->record, second.id))
      << "the tenant signs with the Default signing key";
  EXPECT_TRUE(key_visible_to_tenant(*snapshot, snapshot->find_key(app_key->id)->record, second.id));
  EXPECT_FALSE(key_visible_to_tenant(*snapshot, snapshot->find_key(app_key->id)->record,
                                     f.default_tenant.id));
  EXPECT_FALSE(key_visible_to_tenant(*snapshot, snapshot->find_key(global->id)->record, second.id));
  const auto listed = f.keys.list(second.id);
  EXPECT_TRUE(std::ranges::none_of(listed, [&](const auto& key) { return key.id == global->id; }));
  EXPECT_EQ(f.keys.list().size(), listed.size() + 1);
}

TEST_F(KeyServiceTest, TheDefaultSigningKeyIsHiddenFromATenantThatSignsWithAnother) {
  const auto second = second_tenant();
  const auto own =
      f.keys.generate(std::nullopt, parse(R"({"name":"own","algorithm":"ES256"})"), second.id);
  ASSERT_TRUE(own);
  ASSERT_TRUE(f.tenants.patch(
      locked_to(second.id), second.id,
      parse(R"({"jwtConfiguration":{"accessTokenKeyId":")" + own->id.str() + R"("}})"),
      PatchStyle::kLegacyMerge));
  const auto snapshot = f.config.current();
  EXPECT_FALSE(
      key_visible_to_tenant(*snapshot, snapshot->default_signing_key()->record, second.id));
}

TEST_F(KeyServiceTest, ALockedCallerCannotNameAKeyItsTenantCannotSee) {
  const auto second = second_tenant();
  const auto global =
      f.keys.generate(std::nullopt, parse(R"({"name":"global","algorithm":"ES256"})"));
  ASSERT_TRUE(global);
  const auto body =
      parse(R"({"jwtConfiguration":{"accessTokenKeyId":")" + global->id.str() + R"("}})");
  const auto refused =
      f.tenants.patch(locked_to(second.id), second.id, body, PatchStyle::kLegacyMerge);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("tenant.jwtConfiguration.accessTokenKeyId",
                                              "[invalid]tenant.jwtConfiguration.accessTokenKeyId"));
  EXPECT_TRUE(f.tenants.patch(f.admin(), second.id, body, PatchStyle::kLegacyMerge))
      << "a global caller may";
}

TEST_F(KeyServiceTest, ALockedCallerVendsOnlyForItsTenant) {
  const auto second = second_tenant();
  auto other_user =
      f.users.create(Caller{std::nullopt, f.default_tenant.id}, std::nullopt,
                     parse(R"({"email":"someone@example.com","password":"pw-123456789"})"));
  ASSERT_TRUE(other_user);
  const auto global =
      f.keys.generate(std::nullopt, parse(R"({"name":"global","algorithm":"ES256"})"));
  ASSERT_TRUE(global);

  json::object claims{{"sub", other_user->user.id.str()}};
  auto refused = f.keys.scope_vend(second.id, claims, std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("claims.sub", "[invalid]claims.sub"));

  json::object foreign_tid{{"tid", f.default_tenant.id.str()}};
  refused = f.keys.scope_vend(second.id, foreign_tid, std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("claims.tid", "[invalid]claims.tid"));

  json::object empty;
  refused = f.keys.scope_vend(second.id, empty, global->id.str());
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("keyId", "[invalid]keyId"));

  json::object free_form{{"sub", "service-account"}};
  ASSERT_TRUE(f.keys.scope_vend(second.id, free_form, std::nullopt));
  EXPECT_EQ(json::get_string(free_form, "tid"), second.id.str());

  json::object global_claims{{"sub", other_user->user.id.str()}};
  EXPECT_TRUE(f.keys.scope_vend(std::nullopt, global_claims, global->id.str()));
  EXPECT_FALSE(global_claims.contains("tid")) << "a global caller's claims are unchanged";
}

}  // namespace
}  // namespace latchkey::services
