// Routing, quorum and back-off rules of webhook delivery (spec/webhooks-events.md).
#include "services/webhooks/webhook_rules.hpp"

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

TEST(WebhookTarget, NonPublicHostsAreRefusedInEverySpelling) {
  for (const char* url : {"http://127.0.0.1/hook",
                          "http://127.0.0.1:8080/hook",
                          "https://10.0.0.5/x",
                          "http://192.168.1.1",
                          "http://172.16.0.1/x",
                          "http://169.254.169.254/latest/meta-data",
                          "http://0.0.0.0/",
                          "http://[::1]:9000/hook",
                          "http://[::]/",
                          "http://[fe80::1]/x",
                          "http://[fd00::1]/x",
                          "http://[::ffff:127.0.0.1]/x",
                          "http://[::ffff:7f00:1]/x",
                          "http://0x7f.1/x",
                          "http://2130706433/x",
                          "http://0177.0.0.1/x",
                          "http://127.1/",
                          "http://0x7f000001/",
                          "http://127.0.0.1./x",
                          "http://LOCALHOST:3000/x",
                          "http://api.localhost/x",
                          "http://localhost./x",
                          "http://user:pw@127.0.0.1/x",
                          "http://evil.com@127.0.0.1/x",
                          "http://999.0.0.1/x",
                          "http://%31%32%37.0.0.1/x",
                          "http://[::1/x",
                          "http://100.64.0.1/"}) {
    EXPECT_TRUE(targets_non_public_host(url)) << url;
  }
}

TEST(WebhookTarget, PublicHostsAndNamesPass) {
  for (const char* url : {"https://hooks.example.com/x", "http://8.8.8.8/x",
                          "http://[2606:4700::1111]:8443/x", "https://127.0.0.1.nip.io.example/x",
                          "http://127.0.0.1@hooks.example.com/x", "https://example.com:443"}) {
    EXPECT_FALSE(targets_non_public_host(url)) << url;
  }
}

}  // namespace
}  // namespace latchkey::services
