// The client_credentials grant over real entity services and a real SQLite store.
#include "services/oauth/client_credentials_grant.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"
#include "services/entities/entity_type_service.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class ClientCredentialsGrantTest : public ::testing::Test {
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
  ClientCredentialsGrant grant{f.config, f.clock, *f.store, entities, grants, f.tokens};
  Uuid type_id = *Uuid::parse("00000000-0000-4000-8000-000000000000");
};

TEST_F(ClientCredentialsGrantTest, ClientCredentialsCarriesTheRequestedGrantedPermissions) {
  const auto target = entity();
  const auto caller = entity();
  json::object body{{"recipientEntityId", caller.entity.id.str()},
                    {"permissions", json::array{"read", "write"}}};
  ASSERT_TRUE(grants.upsert(f.admin(), target.entity.id, body));
  OAuthTokenRequest request;
  request.grant_type = "client_credentials";
  request.client_id = caller.entity.client_id;
  request.client_secret = *caller.client_secret;
  request.scope = "target-entity:" + target.entity.id.str() + ":write";
  const auto issued = grant.exchange(request);
  ASSERT_TRUE(issued) << issued.error().log_detail();
  EXPECT_FALSE(issued->contains("refresh_token"));
  const auto claims = f.tokens.validate(json::get_string(*issued, "access_token").value_or(""));
  ASSERT_TRUE(claims);
  EXPECT_EQ(json::get_string(*claims, "sub"), caller.entity.id.str());
  EXPECT_EQ(claims->at("permissions").as_object().at(target.entity.id.str()),
            json::value(json::array{"write"}));
  const auto shown = grant.introspect(json::get_string(*issued, "access_token").value_or(""));
  ASSERT_TRUE(shown);
  EXPECT_EQ(json::get_bool(*shown, "active"), true);

  request.scope = "target-entity:" + target.entity.id.str() + ":delete";
  const auto refused = grant.exchange(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().oauth_error()->reason, "invalid_entity_permission_scope");
}

TEST_F(ClientCredentialsGrantTest, IntrospectionAnswersOnlyTokensNamingAnEntity) {
  EXPECT_FALSE(grant.introspect("abc"));
  EXPECT_FALSE(grant.introspect("a.b.c"));
}

}  // namespace
}  // namespace latchkey::services
