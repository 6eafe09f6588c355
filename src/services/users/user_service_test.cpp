#include "services/users/user_service.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class UserServiceTest : public ::testing::Test {
 protected:
  testing::ServiceFixture f;
};

TEST_F(UserServiceTest, CreatedUserKeepsNoPasswordInItsDocument) {
  const auto user = f.users.create(
      f.admin(), std::nullopt,
      parse(
          R"({"email":"Ann@Example.com","password":"correct horse","encryptionScheme":"salted-sha256"})"));
  ASSERT_TRUE(user.has_value());
  EXPECT_FALSE(user->user.data.contains("password"));
  EXPECT_FALSE(user->user.data.contains("encryptionScheme"));
  EXPECT_EQ(user->user.email, "ann@example.com");
  ASSERT_TRUE(user->user.password.has_value());
  EXPECT_EQ(user->user.password->scheme, "salted-sha256");
  EXPECT_TRUE(f.hasher.verify(Secret("correct horse"),
                              {user->user.password->scheme, user->user.password->hash,
                               user->user.password->salt, user->user.password->factor}));
}

TEST_F(UserServiceTest, DefaultSchemeIsTheTenantsPbkdf2) {
  const auto user = f.users.create(f.admin(), std::nullopt,
                                   parse(R"({"username":"ann","password":"correct horse"})"));
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->user.password->scheme, "salted-pbkdf2-hmac-sha256");
  EXPECT_EQ(user->user.password->factor, 24000);
}

TEST_F(UserServiceTest, DuplicateEmailIsAFieldError) {
  ASSERT_TRUE(f.users.create(f.admin(), std::nullopt,
                             parse(R"({"email":"a@x.io","password":"password1"})")));
  const auto second = f.users.create(f.admin(), std::nullopt,
                                     parse(R"({"email":"A@X.io","password":"password1"})"));
  ASSERT_FALSE(second.has_value());
  EXPECT_TRUE(second.error().has_field_error("user.email", "[duplicate]user.email"));
}

TEST_F(UserServiceTest, EmailOrUsernameIsRequired) {
  const auto user = f.users.create(f.admin(), std::nullopt, parse(R"({"password":"password1"})"));
  ASSERT_FALSE(user.has_value());
  EXPECT_EQ(user.error().http_status(), HttpStatus::kBadRequest);
  EXPECT_TRUE(user.error().has_field_error("user.email", "[blank]user.email"));
}

TEST_F(UserServiceTest, PasswordIsRequiredAndMustMeetTheTenantsLength) {
  const auto missing = f.users.create(f.admin(), std::nullopt, parse(R"({"email":"a@x.io"})"));
  ASSERT_FALSE(missing);
  EXPECT_TRUE(missing.error().has_field_error("user.password", "[blank]user.password"));
  const auto short_one =
      f.users.create(f.admin(), std::nullopt, parse(R"({"email":"a@x.io","password":"short"})"));
  ASSERT_FALSE(short_one);
  EXPECT_TRUE(short_one.error().has_field_error("user.password", "[tooShort]user.password"));
}

TEST_F(UserServiceTest, UnknownEncryptionSchemeIsRefusedBeforeAnythingIsWritten) {
  const auto user = f.users.create(
      f.admin(), std::nullopt,
      parse(R"({"email":"a@x.io","password":"password1","encryptionScheme":"rot13"})"));
  ASSERT_FALSE(user);
  EXPECT_TRUE(
      user.error().has_field_error("user.encryptionScheme", "[invalid]user.encryptionScheme"));
  EXPECT_FALSE(f.store->find_user_by_email(f.default_tenant.id, "a@x.io"));
}

TEST_F(UserServiceTest, PatchWithoutPasswordKeepsTheStoredHash) {
  const auto user = f.users.create(f.admin(), std::nullopt,
                                   parse(R"({"email":"a@x.io","password":"password1"})"));
  ASSERT_TRUE(user);
  const auto patched = f.users.patch(f.admin(), user->user.id, parse(R"({"firstName":"Ann"})"),
                                     PatchStyle::kLegacyMerge);
  ASSERT_TRUE(patched);
  EXPECT_EQ(json::get_string(patched->user.data, "firstName"), "Ann");
  EXPECT_EQ(patched->user.email, "a@x.io");
  EXPECT_EQ(patched->user.password->hash, user->user.password->hash);
}

TEST_F(UserServiceTest, SoftDeleteDeactivatesAndHardDeleteRemoves) {
  const auto user = f.users.create(f.admin(), std::nullopt,
                                   parse(R"({"email":"a@x.io","password":"password1"})"));
  ASSERT_TRUE(user);
  ASSERT_TRUE(f.users.remove(f.admin(), user->user.id, false));
  const auto soft = f.users.retrieve(f.admin(), user->user.id);
  ASSERT_TRUE(soft);
  EXPECT_FALSE(soft->user.active);
  ASSERT_TRUE(f.users.remove(f.admin(), user->user.id, true));
  const auto gone = f.users.retrieve(f.admin(), user->user.id);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().http_status(), HttpStatus::kNotFound);
}

TEST_F(UserServiceTest, TwoTenantsMakeTheTenantRequired) {
  ASSERT_TRUE(f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Second"})")));
  const auto user = f.users.create(f.admin(), std::nullopt,
                                   parse(R"({"email":"a@x.io","password":"password1"})"));
  ASSERT_FALSE(user);
  EXPECT_TRUE(user.error().has_general_error("[TenantIdRequired]"));
  Caller scoped;
  scoped.tenant_header = f.default_tenant.id;
  EXPECT_TRUE(
      f.users.create(scoped, std::nullopt, parse(R"({"email":"a@x.io","password":"password1"})")));
}

TEST_F(UserServiceTest, ATenantScopedCallerCannotSeeAnotherTenantsUser) {
  const auto other = f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Other"})"));
  ASSERT_TRUE(other);
  Caller in_default;
  in_default.tenant_header = f.default_tenant.id;
  const auto user = f.users.create(in_default, std::nullopt,
                                   parse(R"({"email":"a@x.io","password":"password1"})"));
  ASSERT_TRUE(user);
  Caller in_other;
  in_other.tenant_header = other->id;
  const auto seen = f.users.retrieve(in_other, user->user.id);
  ASSERT_FALSE(seen);
  EXPECT_EQ(seen.error().http_status(), HttpStatus::kNotFound);
}

}  // namespace
}  // namespace latchkey::services
