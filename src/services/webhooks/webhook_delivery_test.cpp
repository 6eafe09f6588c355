// The webhook sink and outbox dispatcher against a real SQLite store, a fake clock and a fake
// transport: transactions refuse or commit, owed deliveries wait in the outbox, retries back off
// and end dead, every attempt of one event carries the same id and bytes.
#include <gtest/gtest.h>

#include <set>

#include "core/base64.hpp"
#include "crypto/digest.hpp"
#include "jose/jws.hpp"
#include "service_fixture.hpp"
#include "services/webhooks/webhook_call.hpp"
#include "services/webhooks/webhook_dispatcher.hpp"
#include "services/webhooks/webhook_event_sink.hpp"

namespace latchkey::services {
namespace {

using std::chrono::milliseconds;

// Answers each call with the status of its URL's entry in `answers` (default 200).
class FakeTransport final : public WebhookTransport {
 public:
  std::vector<WebhookCallResult> send_all(const std::vector<WebhookCall>& calls) override {
    std::vector<WebhookCallResult> results;
    for (const auto& call : calls) {
      sent.push_back(call);
      const bool ok = !failing.contains(call.url);
      results.push_back({ok, ok ? "" : "HTTP 500"});
    }
    return results;
  }
  std::vector<WebhookCall> sent;
  std::set<std::string> failing;
};

class WebhookDeliveryTest : public ::testing::Test {
 protected:
  domain::Webhook add_webhook(const std::string& url, const std::string& extra = "{}") {
    json::object doc{{"url", url},
                     {"connectTimeout", 100},
                     {"readTimeout", 100},
                     {"global", true},
                     {"eventsEnabled", json::object{{"jwt.refresh", true}}}};
    for (const auto& [key, value] : testing::parse(extra)) doc[key] = value;
    auto made = webhooks.create(f.admin(), std::nullopt, doc);
    EXPECT_TRUE(made) << (made ? "" : made.error().log_detail());
    return *made;
  }

  void configure(const std::string& transaction_type) {
    auto patched = f.tenants.patch(
        f.admin(), f.default_tenant.id,
        testing::parse(R"({"eventConfiguration":{"events":{"jwt.refresh":{"enabled":true,)"
                       R"("transactionType":")" +
                       transaction_type + R"("}}}})"),
        PatchStyle::kLegacyMerge);
    ASSERT_TRUE(patched);
  }

  Status raise() {
    return sink.raise(f.default_tenant.id, json::object{{"type", "jwt.refresh"}, {"userId", "u"}});
  }

  testing::ServiceFixture f;
  DeliveryPolicy policy{.retry_base = milliseconds(100), .max_attempts = 3};
  DeliveryMetrics metrics;
  FakeTransport transport;
  WebhookService webhooks{*f.store, f.config, f.clock};
  int wakes = 0;
  WebhookEventSink sink{*f.store, f.config, webhooks, transport, f.vault,
                        f.clock,  policy,   metrics,  nullptr,   [this] { ++wakes; }};
  WebhookDispatcher dispatcher{*f.store, f.config, webhooks, transport, f.vault,
                               f.clock,  policy,   metrics,  nullptr};
};

TEST_F(WebhookDeliveryTest, NoneQueuesEveryDeliveryAndSendsNothingInline) {
  add_webhook("http://a/");
  add_webhook("http://b/");
  configure("None");
  ASSERT_TRUE(raise());
  EXPECT_TRUE(transport.sent.empty());
  EXPECT_EQ(f.store->count_outbox().pending, 2U);
  EXPECT_EQ(wakes, 1);
  EXPECT_EQ(dispatcher.run_once(), 2U);
  ASSERT_EQ(transport.sent.size(), 2U);
  EXPECT_EQ(f.store->count_outbox().pending, 0U);
  EXPECT_EQ(metrics.delivered.load(), 2U);
  const auto event = *json::parse_object(transport.sent[0].body);
  EXPECT_EQ(json::get_string(event, "event.type"), "jwt.refresh");
  EXPECT_EQ(json::get_string(event, "event.tenantId"), f.default_tenant.id.str());
  EXPECT_TRUE(json::get_int(event, "event.createInstant"));
  EXPECT_EQ(transport.sent[0].body, transport.sent[1].body);  // one event, one id
}

TEST_F(WebhookDeliveryTest, DisabledEventOrNoTenantMatchQueuesNothing) {
  add_webhook("http://a/", R"({"global":false,"tenantIds":[]})");
  configure("None");
  ASSERT_TRUE(raise());
  EXPECT_EQ(f.store->count_outbox().pending, 0U);
}

TEST_F(WebhookDeliveryTest, FailedDeliveryBacksOffKeepsItsEventIdAndDiesAfterMaxAttempts) {
  add_webhook("http://down/");
  configure("None");
  transport.failing.insert("http://down/");
  ASSERT_TRUE(raise());
  EXPECT_EQ(dispatcher.run_once(), 1U);  // attempt 1 fails: due again in 100 ms
  EXPECT_EQ(dispatcher.run_once(), 0U);
  f.clock.advance(milliseconds(99));
  EXPECT_EQ(dispatcher.run_once(), 0U);
  f.clock.advance(milliseconds(1));
  EXPECT_EQ(dispatcher.run_once(), 1U);  // attempt 2 fails: due again in 200 ms
  f.clock.advance(milliseconds(199));
  EXPECT_EQ(dispatcher.run_once(), 0U);
  f.clock.advance(milliseconds(1));
  EXPECT_EQ(dispatcher.run_once(), 1U);  // attempt 3 = max_attempts: dead
  f.clock.advance(std::chrono::hours(1));
  EXPECT_EQ(dispatcher.run_once(), 0U);
  ASSERT_EQ(transport.sent.size(), 3U);
  EXPECT_EQ(transport.sent[0].body, transport.sent[2].body);
  EXPECT_EQ(f.store->count_outbox().dead, 1U);
  EXPECT_EQ(metrics.failed.load(), 3U);
  EXPECT_EQ(metrics.dead.load(), 1U);
}

TEST_F(WebhookDeliveryTest, RecoveredReceiverGetsTheQueuedEventOnce) {
  add_webhook("http://flaky/");
  configure("None");
  transport.failing.insert("http://flaky/");
  ASSERT_TRUE(raise());
  dispatcher.run_once();
  transport.failing.clear();
  f.clock.advance(milliseconds(100));
  EXPECT_EQ(dispatcher.run_once(), 1U);
  f.clock.advance(std::chrono::hours(1));
  EXPECT_EQ(dispatcher.run_once(), 0U);
  EXPECT_EQ(transport.sent.size(), 2U);
  EXPECT_EQ(metrics.delivered.load(), 1U);
}

TEST_F(WebhookDeliveryTest, AFailingReceiversBacklogWaitsAndDoesNotCrowdOutHealthyOnes) {
  add_webhook("http://down/");
  configure("None");
  transport.failing.insert("http://down/");
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(raise());
  const auto healthy = add_webhook("http://up/");
  ASSERT_TRUE(raise());
  // One pass: at most per_webhook (8) of the dead receiver's rows, and the healthy one's.
  EXPECT_EQ(dispatcher.run_once(), 9U);
  EXPECT_EQ(metrics.delivered.load(), 1U);
  EXPECT_EQ(metrics.failed.load(), 8U);
  // Its other 13 rows (the last event went to both webhooks) wait for the retry instead of being
  // tried at once.
  EXPECT_EQ(dispatcher.run_once(), 0U);
  f.clock.advance(milliseconds(100));
  EXPECT_EQ(dispatcher.run_once(), 8U);
  EXPECT_EQ(metrics.failed.load(), 16U);
  EXPECT_EQ(f.store->count_outbox().pending, 21U);
  (void)healthy;
}

TEST_F(WebhookDeliveryTest, AnyRefusesWith504WhenEveryWebhookFailsAndQueuesNothing) {
  add_webhook("http://a/");
  configure("Any");
  transport.failing.insert("http://a/");
  const auto refused = raise();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kGatewayTimeout);
  EXPECT_TRUE(refused.error().has_general_error("[WebhookTransactionException]"));
  EXPECT_EQ(transport.sent.size(), 1U);
  EXPECT_EQ(f.store->count_outbox().pending, 0U);
  EXPECT_EQ(metrics.refused.load(), 1U);
}

TEST_F(WebhookDeliveryTest, SuccessfulTransactionQueuesOnlyItsFailedWebhooksForLater) {
  add_webhook("http://good/");
  add_webhook("http://bad/");
  configure("SimpleMajority");
  transport.failing.insert("http://bad/");
  ASSERT_TRUE(raise());
  EXPECT_EQ(transport.sent.size(), 2U);
  const auto owed = f.store->due_outbox(f.clock.now() + std::chrono::hours(1), 10, 10);
  ASSERT_EQ(owed.size(), 1U);
  EXPECT_EQ(owed[0].entry.attempts, 1);
  EXPECT_GT(owed[0].entry.next_attempt_at, f.clock.now());
  // Stored sealed (it carries bearer tokens), and opens to the bytes the webhooks were sent.
  EXPECT_EQ(owed[0].entry.body.find("jwt.refresh"), std::string::npos);
  EXPECT_EQ(open_outbox_body(f.vault, owed[0].entry), transport.sent[0].body);
}

TEST_F(WebhookDeliveryTest, OutboxBodyOpensOnlyOnItsOwnRow) {
  add_webhook("http://a/");
  configure("None");
  ASSERT_TRUE(raise());
  auto row = f.store->due_outbox(f.clock.now(), 10, 10).at(0);
  EXPECT_TRUE(open_outbox_body(f.vault, row.entry));
  row.entry.event_id = "another-event";
  EXPECT_FALSE(open_outbox_body(f.vault, row.entry));
}

TEST_F(WebhookDeliveryTest, PreparedDeliveriesOfARolledBackChangeAreNeverSent) {
  add_webhook("http://a/");
  configure("None");
  auto prepared = sink.prepare(f.default_tenant.id, json::object{{"type", "jwt.refresh"}});
  ASSERT_TRUE(prepared);
  f.store->in_transaction([&] {
    sink.enqueue(std::move(*prepared));
    return false;
  });
  EXPECT_EQ(wakes, 0);
  EXPECT_EQ(dispatcher.run_once(), 0U);
  EXPECT_TRUE(transport.sent.empty());
}

TEST_F(WebhookDeliveryTest, DeletedWebhookDeliveriesAreDroppedNotRetried) {
  const auto webhook = add_webhook("http://a/");
  configure("None");
  ASSERT_TRUE(raise());
  ASSERT_TRUE(webhooks.remove(f.admin(), webhook.id));
  EXPECT_EQ(dispatcher.run_once(), 1U);
  EXPECT_TRUE(transport.sent.empty());
  EXPECT_EQ(f.store->count_outbox().dead, 1U);
}

TEST_F(WebhookDeliveryTest, CallCarriesHeadersBasicAuthTimeoutsAndAVerifiableSignature) {
  auto key =
      f.keys.generate(std::nullopt, testing::parse(R"({"algorithm":"ES256","name":"hook key"})"));
  ASSERT_TRUE(key) << key.error().log_detail();
  const auto webhook =
      add_webhook("http://a/", R"({"headers":{"X-A":"1"},"httpAuthenticationUsername":"u",)"
                               R"("httpAuthenticationPassword":"p","connectTimeout":250,)"
                               R"("signatureConfiguration":{"enabled":true,"signingKeyId":")" +
                                   key->id.str() + R"("}})");
  const std::string body = R"({"event":{"type":"jwt.refresh"}})";
  const auto call = build_call(webhook, body, *f.config.current());
  ASSERT_TRUE(call);
  EXPECT_EQ(call->connect_timeout, milliseconds(250));
  EXPECT_EQ(call->basic_auth, std::make_pair(std::string("u"), std::string("p")));
  std::string signature;
  for (const auto& [name, value] : call->headers) {
    if (name == kSignatureHeader) signature = value;
  }
  ASSERT_FALSE(signature.empty());
  const auto* entry = f.config.current()->find_key(key->id);
  const auto verified = jose::verify(
      signature, [&](const jose::DecodedHeader&) { return &*entry->key; }, {.now = f.clock.now()});
  ASSERT_TRUE(verified);
  EXPECT_EQ(json::get_string(verified->header, "kid"), entry->record.kid);
  EXPECT_EQ(json::get_string(verified->payload, "request_body_sha256"),
            base64::encode(crypto::sha256(body)));
}

}  // namespace
}  // namespace latchkey::services
