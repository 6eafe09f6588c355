// The webhook outbox and the unit of work that writes it with the change raising its events.
#include <gtest/gtest.h>

#include <thread>

#include "store/sqlite/sqlite_store.hpp"
#include "temp_database.hpp"

namespace latchkey::store::sqlite {
namespace {

const Uuid kTenant = *Uuid::parse("00000000-0000-4000-8000-00000000000a");
const Uuid kWebhook = *Uuid::parse("00000000-0000-4000-8000-0000000000f1");

Instant at(std::int64_t ms) { return from_epoch_ms(ms); }

OutboxEntry entry(const std::string& event_id, std::int64_t due_ms) {
  return OutboxEntry{kWebhook, event_id, "jwt.refresh", R"({"event":{}})", 0, at(due_ms), {}};
}

class OutboxStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = SqliteStore::open(database_.path(), 2); }

  testing::TempDatabase database_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(OutboxStoreTest, DueRowsComeOldestFirstAndOnlyWhenDue) {
  store_->enqueue_outbox({entry("late", 2000), entry("early", 1000)}, at(0));
  EXPECT_TRUE(store_->due_outbox(at(999), 10, 10).empty());
  const auto due = store_->due_outbox(at(5000), 10, 10);
  ASSERT_EQ(due.size(), 2U);
  EXPECT_EQ(due[0].entry.event_id, "early");
  EXPECT_EQ(due[1].entry.event_id, "late");
  EXPECT_EQ(due[0].entry.body, R"({"event":{}})");
  EXPECT_EQ(store_->next_outbox_due(), at(1000));
}

TEST_F(OutboxStoreTest, OneWebhookCannotFillAPass) {
  const Uuid other = *Uuid::parse("00000000-0000-4000-8000-0000000000f2");
  store_->enqueue_outbox({entry("a1", 1), entry("a2", 2), entry("a3", 3),
                          OutboxEntry{other, "b1", "jwt.refresh", "{}", 0, at(4), {}}},
                         at(0));
  const auto due = store_->due_outbox(at(10), 10, 2);
  ASSERT_EQ(due.size(), 3U);
  EXPECT_EQ(due[0].entry.event_id, "a1");
  EXPECT_EQ(due[1].entry.event_id, "a2");
  EXPECT_EQ(due[2].entry.event_id, "b1");
}

TEST_F(OutboxStoreTest, RescheduledRowKeepsItsEventAndCountsAttempts) {
  store_->enqueue_outbox({entry("e1", 1000)}, at(0));
  const auto row = store_->due_outbox(at(1000), 10, 10).at(0);
  store_->reschedule_outbox(row.id, 1, at(3000), "HTTP 500");
  EXPECT_TRUE(store_->due_outbox(at(2999), 10, 10).empty());
  const auto again = store_->due_outbox(at(3000), 10, 10).at(0);
  EXPECT_EQ(again.id, row.id);
  EXPECT_EQ(again.entry.event_id, "e1");
  EXPECT_EQ(again.entry.attempts, 1);
  EXPECT_EQ(again.entry.last_error, "HTTP 500");
}

TEST_F(OutboxStoreTest, BuriedRowsAreNeverDueAgainButAreCounted) {
  store_->enqueue_outbox({entry("e1", 1000), entry("e2", 1000)}, at(0));
  const auto rows = store_->due_outbox(at(1000), 10, 10);
  store_->bury_outbox(rows[0].id, 5, "gave up");
  store_->delete_outbox(rows[1].id);
  EXPECT_TRUE(store_->due_outbox(at(999'999), 10, 10).empty());
  EXPECT_FALSE(store_->next_outbox_due());
  const auto counts = store_->count_outbox();
  EXPECT_EQ(counts.pending, 0U);
  EXPECT_EQ(counts.dead, 1U);
}

TEST_F(OutboxStoreTest, RolledBackUnitOfWorkLeavesNeitherChangeNorOutboxRows) {
  store_->in_transaction([&] {
    EXPECT_TRUE(store_->insert_tenant({kTenant, "T", {}}));
    store_->enqueue_outbox({entry("e1", 0)}, at(0));
    return false;
  });
  EXPECT_FALSE(store_->find_tenant(kTenant));
  EXPECT_EQ(store_->count_outbox().pending, 0U);
}

TEST_F(OutboxStoreTest, ThrowingUnitOfWorkRollsBackAndReleasesTheConnection) {
  EXPECT_THROW(store_->in_transaction([&]() -> bool {
    EXPECT_TRUE(store_->insert_tenant({kTenant, "T", {}}));
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_FALSE(store_->find_tenant(kTenant));
  // Both pooled connections still work (the bound one went back to the pool).
  EXPECT_TRUE(store_->insert_tenant({kTenant, "T", {}}));
  EXPECT_TRUE(store_->healthy());
}

TEST_F(OutboxStoreTest, CommittedUnitOfWorkWritesBothAndRunsHooksAfterCommit) {
  bool hook_ran = false;
  store_->in_transaction([&] {
    EXPECT_TRUE(store_->insert_tenant({kTenant, "T", {}}));
    store_->enqueue_outbox({entry("e1", 0)}, at(0));
    store_->after_commit([&] { hook_ran = true; });
    EXPECT_FALSE(hook_ran);
    return true;
  });
  EXPECT_TRUE(hook_ran);
  EXPECT_TRUE(store_->find_tenant(kTenant));
  EXPECT_EQ(store_->count_outbox().pending, 1U);
}

TEST_F(OutboxStoreTest, HooksOfARolledBackUnitOfWorkNeverRun) {
  bool hook_ran = false;
  store_->in_transaction([&] {
    store_->after_commit([&] { hook_ran = true; });
    return false;
  });
  EXPECT_FALSE(hook_ran);
}

TEST_F(OutboxStoreTest, NestedTransactionsCommitOnlyWithTheOuterOne) {
  store_->in_transaction([&] {
    store_->in_transaction([&] {
      store_->enqueue_outbox({entry("inner", 0)}, at(0));
      return true;
    });
    EXPECT_TRUE(store_->insert_tenant({kTenant, "T", {}}));
    return false;
  });
  EXPECT_EQ(store_->count_outbox().pending, 0U);
  EXPECT_FALSE(store_->find_tenant(kTenant));
}

TEST_F(OutboxStoreTest, UncommittedRowsAreInvisibleToOtherThreads) {
  std::size_t seen_inside = 99;
  store_->in_transaction([&] {
    store_->enqueue_outbox({entry("e1", 0)}, at(0));
    std::thread reader([&] { seen_inside = store_->due_outbox(at(1), 10, 10).size(); });
    reader.join();
    return true;
  });
  EXPECT_EQ(seen_inside, 0U);
  EXPECT_EQ(store_->due_outbox(at(1), 10, 10).size(), 1U);
}

TEST_F(OutboxStoreTest, WebhooksRoundTripTheirDocument) {
  domain::Webhook webhook{kWebhook, json::object{{"url", "http://x"}, {"custom", 1}}};
  ASSERT_TRUE(store_->insert_webhook(webhook));
  EXPECT_FALSE(store_->insert_webhook(webhook));
  webhook.data["url"] = "http://y";
  ASSERT_TRUE(store_->update_webhook(webhook));
  const auto found = store_->find_webhook(kWebhook);
  ASSERT_TRUE(found);
  EXPECT_EQ(json::get_string(found->data, "url"), "http://y");
  EXPECT_EQ(json::get_int(found->data, "custom"), 1);
  EXPECT_EQ(store_->list_webhooks().size(), 1U);
  EXPECT_TRUE(store_->delete_webhook(kWebhook));
  EXPECT_FALSE(store_->delete_webhook(kWebhook));
}

}  // namespace
}  // namespace latchkey::store::sqlite
