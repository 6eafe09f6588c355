// Lambda rules (lambda_rules.cpp): required members, FusionAuth's type and engine enums,
// defaults, and the default lambdas under the ids kickstart's built-ins name.
#include "services/configuration/lambda_rules.hpp"

#include "config_document_fixture.hpp"

namespace latchkey::services {
namespace {

using enum ConfigKind;

TEST_F(ConfigDocumentTest, LambdaNeedsNameBodyAndType) {
  const auto refused = create(kLambda, R"({})");
  EXPECT_TRUE(has_field_error(refused, "lambda.name", "[blank]lambda.name"));
  EXPECT_TRUE(has_field_error(refused, "lambda.body", "[blank]lambda.body"));
  EXPECT_TRUE(has_field_error(refused, "lambda.type", "[missing]lambda.type"));
}

TEST_F(ConfigDocumentTest, LambdaTypeAndEngineMustBeFusionAuthsEnums) {
  const auto refused =
      create(kLambda, R"({"name": "n", "body": "b", "type": "Nope", "engineType": "V8"})");
  EXPECT_TRUE(has_field_error(refused, "lambda.type", "[invalidJSON]"));
  EXPECT_TRUE(has_field_error(refused, "lambda.engineType", "[invalidJSON]"));
}

TEST_F(ConfigDocumentTest, LambdaDefaultsToGraalJsWithoutDebug) {
  const auto created = create(kLambda, R"({"name": "n", "body": "b", "type": "JWTPopulate"})");
  ASSERT_TRUE(created);
  EXPECT_EQ(json::get_string(*created, "engineType"), "GraalJS");
  EXPECT_EQ(json::get_bool(*created, "debug"), false);
}

TEST_F(ConfigDocumentTest, LambdaSearchMatchesBodyAndExactType) {
  ASSERT_TRUE(create(kLambda, R"({"name": "A", "body": "jwt.roles = []", "type": "JWTPopulate"})"));
  ASSERT_TRUE(create(kLambda, R"({"name": "B", "body": "other", "type": "UserInfoPopulate"})"));
  EXPECT_EQ(documents.search(global, kLambda, {{"body", "ROLES"}})->total, 1U);
  EXPECT_EQ(documents.search(global, kLambda, {{"type", "UserInfoPopulate"}})->total, 1U);
  EXPECT_EQ(documents.search(global, kLambda, {{"type", "userinfopopulate"}})->total, 0U);
}

// The ids services/kickstart/kickstart_builtins.cpp gives #{FUSIONAUTH_LAMBDA[<type>]_ID}
// (kickstart-configuration.test.mjs PATCHes one through the built-in).
TEST_F(ConfigDocumentTest, DefaultReconcileLambdasCarryTheKickstartBuiltInIds) {
  documents.install_defaults();
  const std::pair<const char*, const char*> builtins[] = {
      {"OpenIDReconcile", "7f0baaf5-e3c0-4740-9be6-641f035c8d09"},
      {"SAMLv2Reconcile", "d0403235-4843-439f-a599-ddd2e67b33aa"},
      {"AppleReconcile", "c3ccee98-c570-48d6-b54a-df121c91a9f4"},
      {"FacebookReconcile", "cf322347-4b29-4b5d-aa22-ca6d47b2180f"},
      {"GoogleReconcile", "89716d2b-78cc-4a60-aced-c8383dc77ffd"},
      {"TwitterReconcile", "426b89d7-dd11-4e76-bb23-51c72e75d161"},
  };
  for (const auto& [type, id] : builtins) {
    const auto found = documents.retrieve(global, kLambda, *Uuid::parse(id));
    ASSERT_TRUE(found) << type;
    EXPECT_EQ(json::get_string(*found, "type"), type);
  }
}

}  // namespace
}  // namespace latchkey::services
