#include "services/users/registration_service.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class RegistrationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = f.applications.create(
        f.admin(), std::nullopt,
        parse(R"({"name":"App","roles":[{"name":"admin"},{"name":"user","isDefault":true}]})"));
    ASSERT_TRUE(app);
    app_id = app->id;
  }
  json::object registration() const { return json::object{{"applicationId", app_id.str()}}; }

  testing::ServiceFixture f;
  Uuid app_id = *Uuid::parse("00000000-0000-4000-8000-000000000000");
};

TEST_F(RegistrationServiceTest, NoRolesMeansTheApplicationsDefaultRoles) {
  const auto made = f.registrations.create(
      f.admin(),
      {std::nullopt, registration(), parse(R"({"email":"a@x.io","password":"password1"})"), false});
  ASSERT_TRUE(made);
  EXPECT_EQ(json::serialize(made->registration.data.at("roles")), R"(["user"])");
}

TEST_F(RegistrationServiceTest, AnUnknownRoleIsRefused) {
  auto input = registration();
  input["roles"] = json::array{"owner"};
  const auto made = f.registrations.create(
      f.admin(),
      {std::nullopt, input, parse(R"({"email":"a@x.io","password":"password1"})"), false});
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("registration.roles", "[invalid]registration.roles"));
  EXPECT_FALSE(f.store->find_user_by_email(f.default_tenant.id, "a@x.io"));
}

TEST_F(RegistrationServiceTest, CombinedCreateWritesNoUserWhenTheRegistrationIsADuplicateId) {
  const auto first = f.registrations.create(
      f.admin(),
      {std::nullopt, registration(), parse(R"({"email":"a@x.io","password":"password1"})"), false});
  ASSERT_TRUE(first);
  auto again = registration();
  again["id"] = first->registration.id.str();  // same registration id: the insert must fail
  const auto second = f.registrations.create(
      f.admin(),
      {std::nullopt, again, parse(R"({"email":"b@x.io","password":"password1"})"), false});
  ASSERT_FALSE(second);
  EXPECT_FALSE(f.store->find_user_by_email(f.default_tenant.id, "b@x.io"));
}

TEST_F(RegistrationServiceTest, RegisteringTwiceForOneApplicationIsADuplicate) {
  const auto made = f.registrations.create(
      f.admin(),
      {std::nullopt, registration(), parse(R"({"email":"a@x.io","password":"password1"})"), false});
  ASSERT_TRUE(made);
  const auto again =
      f.registrations.create(f.admin(), {made->user.user.id, registration(), std::nullopt, false});
  ASSERT_FALSE(again);
  EXPECT_TRUE(again.error().has_field_error("registration", "[duplicate]registration"));
}

TEST_F(RegistrationServiceTest, AnApplicationOfAnotherTenantCannotBeRegisteredFor) {
  const auto other = f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Other"})"));
  ASSERT_TRUE(other);
  Caller in_other;
  in_other.tenant_header = other->id;
  const auto made = f.registrations.create(
      in_other,
      {std::nullopt, registration(), parse(R"({"email":"a@x.io","password":"password1"})"), false});
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_field_error("registration.applicationId",
                                           "[invalid]registration.applicationId"));
}

TEST_F(RegistrationServiceTest, WithTwoTenantsACombinedCreateIsPlacedInTheApplicationsTenant) {
  const auto other = f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Other"})"));
  ASSERT_TRUE(other);
  Caller in_other;
  in_other.tenant_header = other->id;
  const auto other_app = f.applications.create(in_other, std::nullopt, parse(R"({"name":"O"})"));
  ASSERT_TRUE(other_app);
  // No tenant header: the registration's application names the tenant (caller.hpp).
  const auto made = f.registrations.create(
      f.admin(), {std::nullopt, json::object{{"applicationId", other_app->id.str()}},
                  parse(R"({"email":"a@x.io","password":"password1"})"), false});
  ASSERT_TRUE(made);
  EXPECT_EQ(made->user.user.tenant_id, other->id);
  const auto in_default = f.registrations.create(
      f.admin(),
      {std::nullopt, registration(), parse(R"({"email":"a@x.io","password":"password1"})"), false});
  ASSERT_TRUE(in_default);
  EXPECT_EQ(in_default->user.user.tenant_id, f.default_tenant.id);
}

TEST_F(RegistrationServiceTest, WithTwoTenantsACombinedCreateWithoutAnApplicationIdIsAmbiguous) {
  ASSERT_TRUE(f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Other"})")));
  const auto made = f.registrations.create(
      f.admin(),
      {std::nullopt, json::object{}, parse(R"({"email":"a@x.io","password":"password1"})"), false});
  ASSERT_FALSE(made);
  EXPECT_TRUE(made.error().has_general_error("[TenantIdRequired]"));
}

}  // namespace
}  // namespace latchkey::services
