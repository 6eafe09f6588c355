// FusionAuth's Jackson coercions, kind by kind and shape by shape (field_reader.hpp).
#include "services/common/field_reader.hpp"

#include <gtest/gtest.h>

#include "services/common/field_types.hpp"

namespace latchkey::services {
namespace {

using enum FieldKind;

json::value parse_value(std::string_view text) { return boost::json::parse(text); }
json::object parse(std::string_view text) { return *json::parse_object(text); }

constexpr std::string_view kError = "error";
constexpr std::string_view kUpper = R"("0E3B5E2C-1F1A-4B7E-9C2D-5A6B7C8D9E0F")";
constexpr std::string_view kLower = R"("0e3b5e2c-1f1a-4b7e-9c2d-5a6b7c8d9e0f")";

struct Case {
  FieldKind kind;
  std::string_view input;     // JSON text
  std::string_view expected;  // JSON text of the coerced value, or kError
};

// Every kind against every shape a client sends: null, booleans, integers in and out of range,
// whole and fractional floats, numeric and other strings, UUIDs, objects and arrays.
constexpr Case kCases[] = {
    // String: a scalar is read as its text; a structure is an error.
    {kString, "null", "null"},
    {kString, R"("text")", R"("text")"},
    {kString, R"("")", R"("")"},
    {kString, "5", R"("5")"},
    {kString, "-7", R"("-7")"},
    {kString, "18446744073709551615", R"("18446744073709551615")"},
    {kString, "1.5", R"("1.5")"},
    {kString, "true", R"("true")"},
    {kString, "false", R"("false")"},
    {kString, "{}", kError},
    {kString, R"(["a"])", kError},

    // Boolean: Jackson's three spellings of true/false, 0 and 1; "" and "null" are null.
    {kBool, "null", "null"},
    {kBool, "true", "true"},
    {kBool, "false", "false"},
    {kBool, R"("true")", "true"},
    {kBool, R"("True")", "true"},
    {kBool, R"("TRUE")", "true"},
    {kBool, R"("false")", "false"},
    {kBool, R"("FALSE")", "false"},
    {kBool, R"("")", "null"},
    {kBool, R"("null")", "null"},
    {kBool, R"("yes")", kError},
    {kBool, R"("1")", kError},
    {kBool, "0", "false"},
    {kBool, "1", "true"},
    {kBool, "2", kError},
    {kBool, "1.0", kError},
    {kBool, "{}", kError},
    {kBool, "[]", kError},

    // int: 32 bits; numeric text (trimmed); whole floats; not fractions, not other text.
    {kInt, "null", "null"},
    {kInt, "5", "5"},
    {kInt, "-2147483648", "-2147483648"},
    {kInt, "2147483647", "2147483647"},
    {kInt, "2147483648", kError},
    {kInt, "-2147483649", kError},
    {kInt, "9223372036854775807", kError},
    {kInt, R"("5")", "5"},
    {kInt, R"(" 42 ")", "42"},
    {kInt, R"("-3")", "-3"},
    {kInt, R"("2147483648")", kError},
    {kInt, R"("5.0")", kError},
    {kInt, R"("abc")", kError},
    {kInt, R"("5abc")", kError},
    {kInt, R"("")", "null"},
    {kInt, R"("null")", "null"},
    {kInt, "5.0", "5"},
    {kInt, "1e3", "1000"},
    {kInt, "5.5", kError},
    {kInt, "1e300", kError},
    {kInt, "true", kError},
    {kInt, "{}", kError},
    {kInt, "[5]", kError},

    // long: 64 bits, otherwise as int.
    {kLong, "9223372036854775807", "9223372036854775807"},
    {kLong, "-9223372036854775808", "-9223372036854775808"},
    {kLong, "9223372036854775808", kError},
    {kLong, "18446744073709551615", kError},
    {kLong, R"("9223372036854775807")", "9223372036854775807"},
    {kLong, R"("9223372036854775808")", kError},
    {kLong, "1e300", kError},
    {kLong, "-1e300", kError},
    {kLong, "1e18", "1000000000000000000"},
    {kLong, "0.5", kError},
    {kLong, R"("abc")", kError},
    {kLong, "false", kError},

    // double.
    {kNumber, "1.5", "1.5"},
    {kNumber, "5", "5"},
    {kNumber, R"("2.5")", "2.5"},
    {kNumber, R"("")", "null"},
    {kNumber, R"("abc")", kError},
    {kNumber, "true", kError},
    {kNumber, "[]", kError},

    // UUID: either case, stored lower-case; "" is null; anything else is an error.
    {kUuid, "null", "null"},
    {kUuid, kLower, kLower},
    {kUuid, kUpper, kLower},
    {kUuid, R"("")", "null"},
    {kUuid, R"("not-a-uuid")", kError},
    {kUuid, R"("0e3b5e2c1f1a4b7e9c2d5a6b7c8d9e0f")", kError},
    {kUuid, "5", kError},
    {kUuid, "true", kError},
    {kUuid, "{}", kError},
    {kUuid, "[]", kError},

    // Object: only an object (a shorthand is a separate case below).
    {kObject, "null", "null"},
    {kObject, R"({"a":1})", R"({"a":1})"},
    {kObject, R"("")", kError},
    {kObject, R"("text")", kError},
    {kObject, "5", kError},
    {kObject, "true", kError},
    {kObject, "[]", kError},

    // Arrays: Jackson does not wrap a single value (ACCEPT_SINGLE_VALUE_AS_ARRAY is off).
    {kArray, R"([1,"a",{}])", R"([1,"a",{}])"},
    {kArray, R"("a")", kError},
    {kArray, "{}", kError},
    {kStringArray, R"(["a",1,true,null])", R"(["a","1","true"])"},
    {kStringArray, "[]", "[]"},
    {kStringArray, R"("a")", kError},
    {kStringArray, R"(["a",{}])", kError},
    {kStringArray, R"([["a"]])", kError},
    {kUuidArray,
     R"([)"
     "\"0E3B5E2C-1F1A-4B7E-9C2D-5A6B7C8D9E0F\""
     R"(,""])",
     R"(["0e3b5e2c-1f1a-4b7e-9c2d-5a6b7c8d9e0f"])"},
    {kUuidArray, R"(["nope"])", kError},
    {kObjectArray, R"([{"a":1},null])", R"([{"a":1}])"},
    {kObjectArray, R"(["admin"])", kError},
    {kObjectArray, R"({"a":1})", kError},
};

TEST(FieldReader, ReadsEachKindFromEachShapeAsJacksonWould) {
  for (const auto& c : kCases) {
    const auto read = read_as(parse_value(c.input), c.kind);
    const std::string where =
        "kind " + std::to_string(static_cast<int>(c.kind)) + " input " + std::string(c.input);
    if (c.expected == kError) {
      EXPECT_FALSE(read.has_value()) << where << " read as " << json::serialize(*read);
    } else {
      ASSERT_TRUE(read.has_value()) << where << ": " << read.error();
      EXPECT_EQ(*read, parse_value(c.expected)) << where << " read as " << json::serialize(*read);
    }
  }
}

TEST(FieldReader, ShorthandReadsABareStringAsTheNamedMember) {
  EXPECT_EQ(*read_as(parse_value(R"("admin")"), kObject, "name"),
            parse_value(R"({"name":"admin"})"));
  EXPECT_EQ(
      *read_as(parse_value(R"(["admin",{"name":"user","isDefault":true}])"), kObjectArray, "name"),
      parse_value(R"([{"name":"admin"},{"name":"user","isDefault":true}])"));
  EXPECT_FALSE(read_as(parse_value("5"), kObject, "name").has_value());
}

TEST(FieldReader, CoercesADocumentInPlaceSoLaterCodeSeesDeclaredTypes) {
  auto user = parse(R"({"email":"a@example.com","active":"true","factor":"12",
                        "preferredLanguages":["en",7],"twoFactor":{"methods":["authenticator"]},
                        "tenantId":"0E3B5E2C-1F1A-4B7E-9C2D-5A6B7C8D9E0F","unknown":{"x":1}})");
  ASSERT_TRUE(require_field_types(user, "user", kUserFields).has_value());
  EXPECT_EQ(user["active"], json::value(true));
  EXPECT_EQ(user["factor"], json::value(12));
  EXPECT_EQ(user["preferredLanguages"], parse_value(R"(["en","7"])"));
  EXPECT_EQ(user["twoFactor"], parse_value(R"({"methods":[{"method":"authenticator"}]})"));
  EXPECT_EQ(user["tenantId"], json::value("0e3b5e2c-1f1a-4b7e-9c2d-5a6b7c8d9e0f"));
  EXPECT_EQ(user["unknown"], parse_value(R"({"x":1})"));  // undeclared members are kept as sent
}

TEST(FieldReader, ReportsEveryUnreadableFieldAtOnceWithFusionAuthsCode) {
  auto application = parse(R"({"name":{},"active":"maybe","roles":["admin",{"isDefault":"x"}],
                               "jwtConfiguration":{"timeToLiveInSeconds":"soon"}})");
  const auto status = require_field_types(application, "application", kApplicationFields);
  ASSERT_FALSE(status.has_value());
  const Error& error = status.error();
  EXPECT_EQ(error.http_status(), HttpStatus::kBadRequest);
  EXPECT_TRUE(error.has_field_error("application.name", "[invalidJSON]"));
  EXPECT_TRUE(error.has_field_error("application.active", "[invalidJSON]"));
  // Array indexes are left out of the path, as FusionAuth names the field.
  EXPECT_TRUE(error.has_field_error("application.roles.isDefault", "[invalidJSON]"));
  EXPECT_TRUE(
      error.has_field_error("application.jwtConfiguration.timeToLiveInSeconds", "[invalidJSON]"));
  EXPECT_EQ(error.field_errors().size(), 4U);
  const auto& message = error.field_errors().at("application.active").front().message;
  EXPECT_NE(message.find("The property was [application.active]"), std::string::npos) << message;
}

TEST(FieldReader, MapMembersAreEachReadAsTheDeclaredValueKind) {
  auto webhook = parse(R"({"eventsEnabled":{"user.create":"true","user.delete":0},
                           "headers":{"X-Count":3},"tenantIds":["0E3B5E2C-1F1A-4B7E-9C2D-5A6B7C8D9E0F"]})");
  ASSERT_TRUE(require_field_types(webhook, "webhook", kWebhookFields).has_value());
  EXPECT_EQ(webhook["eventsEnabled"], parse_value(R"({"user.create":true,"user.delete":false})"));
  EXPECT_EQ(webhook["headers"], parse_value(R"({"X-Count":"3"})"));
  EXPECT_EQ(webhook["tenantIds"], parse_value(std::string("[") + std::string(kLower) + "]"));

  auto bad = parse(R"({"eventsEnabled":{"user.create":"sometimes"}})");
  const auto status = require_field_types(bad, "webhook", kWebhookFields);
  ASSERT_FALSE(status.has_value());
  EXPECT_TRUE(status.error().has_field_error("webhook.eventsEnabled.user.create", "[invalidJSON]"));
}

TEST(RequestFields, ReadsDeclaredFieldsAsTheirTypes) {
  auto body = RequestFields::read(
      parse(R"({"keyId":"0E3B5E2C-1F1A-4B7E-9C2D-5A6B7C8D9E0F","timeToLiveInSeconds":"60",
                "claims":{"sub":"x"}})"),
      kVendRequest);
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(body->uuid("keyId")->str(), "0e3b5e2c-1f1a-4b7e-9c2d-5a6b7c8d9e0f");
  EXPECT_EQ(body->integer("timeToLiveInSeconds"), 60);
  EXPECT_EQ(json::get_string(*body->object("claims"), "sub"), "x");
}

TEST(RequestFields, AWrongTypeIsAFieldErrorNeverADefault) {
  // The instance that opened the issue: {"keyId": {}} was read as "no key" and vended with the
  // default key.
  const auto body = RequestFields::read(parse(R"({"keyId":{}})"), kVendRequest);
  ASSERT_FALSE(body.has_value());
  EXPECT_TRUE(body.error().has_field_error("keyId", "[invalidJSON]"));
}

TEST(RequestFields, ReadingAFieldTheSchemaDoesNotDeclareIsABug) {
  const auto body = RequestFields::read(parse(R"({"loginId":"a"})"), kLoginRequest);
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(body->string("loginId"), "a");
  EXPECT_EQ(body->string("metaData.device.name"), std::nullopt);  // nested, declared
  EXPECT_THROW((void)body->string("loginIdentifier"), std::logic_error);
  const auto reconcile =
      RequestFields::read(parse(R"({"data":{"token":5}})"), kIdentityProviderLoginRequest);
  EXPECT_EQ(reconcile->string("data.token"), "5");                 // a Map<String, String> member
  EXPECT_THROW((void)body->boolean("loginId"), std::logic_error);  // declared, another kind
  EXPECT_THROW((void)body->uuid("password"), std::logic_error);
}

}  // namespace
}  // namespace latchkey::services
