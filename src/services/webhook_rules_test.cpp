// Routing, quorum and back-off rules of webhook delivery (spec/webhooks-events.md).
#include "services/webhook_rules.hpp"

#include <gtest/gtest.h>

namespace latchkey::services {
namespace {

using std::chrono::milliseconds;
using enum TransactionType;

const Uuid kTenant = *Uuid::parse("00000000-0000-4000-8000-00000000000a");
const Uuid kOther = *Uuid::parse("00000000-0000-4000-8000-00000000000b");

json::object parse(std::string_view text) { return *json::parse_object(text); }

TEST(WebhookQuorum, MatchesFusionAuthTransactionTypes) {
  struct Case {
    TransactionType type;
    std::size_t total, succeeded;
    bool met;
  };
  const Case cases[] = {
      {kNone, 3, 0, true},
      {kAny, 3, 0, false},
      {kAny, 3, 1, true},
      {kSimpleMajority, 4, 1, false},
      {kSimpleMajority, 4, 2, true},  // S >= N/2: half is enough
      {kSimpleMajority, 3, 1, false},
      {kSimpleMajority, 3, 2, true},
      {kSuperMajority, 3, 1, false},
      {kSuperMajority, 3, 2, true},  // S >= 2N/3
      {kSuperMajority, 4, 2, false},
      {kSuperMajority, 4, 3, true},
      {kSuperMajority, 6, 4, true},
      {kAbsoluteMajority, 3, 2, false},
      {kAbsoluteMajority, 3, 3, true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(quorum_met(c.type, c.total, c.succeeded), c.met)
        << static_cast<int>(c.type) << " " << c.succeeded << "/" << c.total;
  }
}

TEST(WebhookQuorum, NoWebhookToAskNeverRefuses) {
  for (auto type : {kNone, kAny, kSimpleMajority, kSuperMajority, kAbsoluteMajority}) {
    EXPECT_TRUE(quorum_met(type, 0, 0));
  }
}

TEST(WebhookRetry, DelayDoublesFromTheBaseUpToTheCap) {
  const milliseconds base{200};
  const milliseconds cap{1500};
  EXPECT_EQ(retry_delay(1, base, cap), milliseconds(200));
  EXPECT_EQ(retry_delay(2, base, cap), milliseconds(400));
  EXPECT_EQ(retry_delay(3, base, cap), milliseconds(800));
  EXPECT_EQ(retry_delay(4, base, cap), milliseconds(1500));
  EXPECT_EQ(retry_delay(60, base, cap), milliseconds(1500));  // no overflow for many attempts
  EXPECT_EQ(retry_delay(0, base, cap), milliseconds(200));
}

TEST(WebhookTransactionType, ParsesFusionAuthNamesOnly) {
  EXPECT_EQ(parse_transaction_type("SuperMajority"), kSuperMajority);
  EXPECT_EQ(parse_transaction_type("None"), kNone);
  EXPECT_FALSE(parse_transaction_type("any"));
}

TEST(WebhookTransactionType, OnlyTransactionalEventsUseTheTenantSetting) {
  const auto tenant = parse(R"({"eventConfiguration":{"events":{
      "jwt.refresh":{"enabled":true,"transactionType":"Any"},
      "user.login.failed":{"enabled":true,"transactionType":"Any"},
      "jwt.refresh-token.revoke":{"enabled":true}}}})");
  EXPECT_EQ(transaction_type(tenant, "jwt.refresh"), kAny);
  EXPECT_EQ(transaction_type(tenant, "user.login.failed"), kNone);
  EXPECT_EQ(transaction_type(tenant, "jwt.refresh-token.revoke"), kNone);
  EXPECT_EQ(transaction_type(json::object{}, "jwt.refresh"), kNone);
}

TEST(WebhookRouting, TenantMustEnableTheEventExceptSystemEvents) {
  const auto tenant = parse(
      R"({"eventConfiguration":{"events":{"jwt.refresh":{"enabled":true},"user.create":{"enabled":false}}}})");
  EXPECT_TRUE(tenant_enables(tenant, "jwt.refresh"));
  EXPECT_FALSE(tenant_enables(tenant, "user.create"));
  EXPECT_FALSE(tenant_enables(tenant, "user.delete"));
  EXPECT_TRUE(tenant_enables(json::object{}, "kickstart.success"));
}

TEST(WebhookRouting, WebhookNeedsTheEventAndTheTenant) {
  const auto global = parse(R"({"global":true,"eventsEnabled":{"jwt.refresh":true}})");
  const auto scoped = parse(R"({"tenantIds":[")" + kTenant.str() +
                            R"("],"eventsEnabled":{"jwt.refresh":true,"user.create":false}})");
  const auto nobody = parse(R"({"eventsEnabled":{"jwt.refresh":true}})");
  EXPECT_TRUE(receives(global, kOther, "jwt.refresh"));
  EXPECT_FALSE(receives(global, kOther, "user.create"));
  EXPECT_TRUE(receives(scoped, kTenant, "jwt.refresh"));
  EXPECT_FALSE(receives(scoped, kOther, "jwt.refresh"));
  EXPECT_FALSE(receives(scoped, kTenant, "user.create"));
  EXPECT_FALSE(receives(nobody, kTenant, "jwt.refresh"));
}

}  // namespace
}  // namespace latchkey::services
