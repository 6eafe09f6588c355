// The Entity, Entity Type and Entity Grant rules, against a real SQLite store.
#include "services/entities/entity_service.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"
#include "services/entities/entity_grant_service.hpp"
#include "services/entities/entity_type_service.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class EntityRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = types.create(f.admin(), std::nullopt, parse(R"({"name":"API"})"));
    ASSERT_TRUE(made);
    type = *made;
    type_id = made->id;
    ASSERT_TRUE(types.create_permission(f.admin(), type_id, std::nullopt,
                                        parse(R"({"name":"read","isDefault":true})")));
    ASSERT_TRUE(
        types.create_permission(f.admin(), type_id, std::nullopt, parse(R"({"name":"write"})")));
  }

  EntityView entity(const std::string& extra = "{}") {
    json::object doc = parse(R"({"name":"E"})");
    doc["type"] = json::object{{"id", type_id.str()}};
    json::merge_patch(doc, parse(extra), json::ArrayMerge::kReplace);
    auto made = entities.create(f.admin(), std::nullopt, std::move(doc));
    EXPECT_TRUE(made);
    return *made;
  }

  testing::ServiceFixture f;
  EntityTypeService types{*f.store, f.config, f.clock};
  EntityService entities{*f.store, f.config, f.clock, f.vault};
  EntityGrantService grants{{*f.store, *f.store}, entities, f.clock};
  std::optional<domain::EntityType> type;
  Uuid type_id = *Uuid::parse("00000000-0000-4000-8000-000000000000");
};

TEST_F(EntityRulesTest, TheSecretIsStoredAsAKeyedHashAndShownOnlyWhenSet) {
  const auto made = entity(R"({"clientSecret":"s3cret"})");
  ASSERT_EQ(made.client_secret, "s3cret");
  const auto stored = f.store->find_entity(made.entity.id);
  ASSERT_TRUE(stored);
  EXPECT_NE(stored->secret_hash, "s3cret");
  EXPECT_EQ(stored->secret_hash, f.vault.lookup_hash("s3cret"));
  EXPECT_FALSE(stored->data.contains("clientSecret"));
  EXPECT_FALSE(entities.render(*stored).contains("clientSecret"));
  // A PUT without a secret keeps it and shows none.
  const auto updated = entities.update(f.admin(), made.entity.id, parse(R"({"name":"F"})"));
  ASSERT_TRUE(updated);
  EXPECT_FALSE(updated->client_secret);
  EXPECT_TRUE(entities.authenticate(made.entity.client_id, "s3cret"));
}

TEST_F(EntityRulesTest, AGeneratedSecretHas256Bits) {
  const auto made = entity();
  ASSERT_TRUE(made.client_secret);
  EXPECT_EQ(made.client_secret->size(), 43U);
  EXPECT_EQ(made.entity.client_id, made.entity.id.str());
}

TEST_F(EntityRulesTest, AnUnknownClientAndAWrongSecretAnswerTheSame) {
  const auto made = entity(R"({"clientSecret":"right"})");
  const auto wrong = entities.authenticate(made.entity.client_id, "wrong");
  const auto unknown = entities.authenticate("nobody", "wrong");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_EQ(unknown.error().http_status(), wrong.error().http_status());
  EXPECT_EQ(unknown.error().oauth_error()->error, wrong.error().oauth_error()->error);
  EXPECT_EQ(unknown.error().oauth_error()->description, wrong.error().oauth_error()->description);
  EXPECT_EQ(unknown.error().oauth_error()->reason, wrong.error().oauth_error()->reason);
}

TEST_F(EntityRulesTest, AGrantWithoutPermissionsGetsTheTypesDefaults) {
  const auto target = entity();
  const auto recipient = entity();
  json::object body{{"recipientEntityId", recipient.entity.id.str()}};
  ASSERT_TRUE(grants.upsert(f.admin(), target.entity.id, body));
  EXPECT_EQ(grants.granted_permissions(target.entity.id, recipient.entity.id),
            std::vector<std::string>{"read"});
}

TEST_F(EntityRulesTest, AGrantMayOnlyNameTheTypesPermissions) {
  const auto target = entity();
  const auto recipient = entity();
  json::object body{{"recipientEntityId", recipient.entity.id.str()},
                    {"permissions", json::array{"read", "launch"}}};
  const auto refused = grants.upsert(f.admin(), target.entity.id, body);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().field_errors().contains("grant.permissions"));
  EXPECT_FALSE(grants.granted_permissions(target.entity.id, recipient.entity.id));
}

TEST_F(EntityRulesTest, AGrantNeedsExactlyOneHolder) {
  const auto target = entity();
  const auto recipient = entity();
  EXPECT_FALSE(grants.upsert(f.admin(), target.entity.id, json::object{}));
  json::object both{{"recipientEntityId", recipient.entity.id.str()},
                    {"userId", recipient.entity.id.str()}};
  EXPECT_FALSE(grants.upsert(f.admin(), target.entity.id, both));
}

TEST_F(EntityRulesTest, APermissionDeletedFromTheTypeNoLongerCounts) {
  const auto target = entity();
  const auto recipient = entity();
  json::object body{{"recipientEntityId", recipient.entity.id.str()},
                    {"permissions", json::array{"read", "write"}}};
  ASSERT_TRUE(grants.upsert(f.admin(), target.entity.id, body));
  ASSERT_TRUE(types.remove_permission(f.admin(), type_id, std::nullopt, std::string("write")));
  EXPECT_EQ(grants.granted_permissions(target.entity.id, recipient.entity.id),
            std::vector<std::string>{"read"});
}

TEST_F(EntityRulesTest, ATenantLockedKeyCannotManageEntityTypes) {
  Caller locked;
  locked.api_key = domain::ApiKey{type_id, "locked", f.default_tenant.id, false, {}};
  const auto refused = types.list(locked);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kUnauthorized);
}

}  // namespace
}  // namespace latchkey::services
