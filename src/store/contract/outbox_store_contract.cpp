// OutboxStore and UnitOfWork contract.
//
// - An outbox entry round-trips every field; due_outbox answers pending rows due at `now`
//   (next_attempt_at <= now), oldest first, at most `limit`, at most `per_webhook` of one
//   webhook. next_outbox_due is the earliest pending instant. A rescheduled row keeps its id
//   and event; a buried row is never due again and counts as dead; a deleted row is gone.
// - in_transaction commits when the body answers true and rolls back every write of the body
//   (across interfaces) when it answers false or throws; the exception propagates. Inside the
//   body, this thread sees its own writes; other threads see none of them until commit. A
//   nested unit is a savepoint: it commits only with the outer one, and its own rollback
//   undoes only its part.
// - after_commit hooks run after the commit, in the order registered, and never after a
//   rollback; outside a transaction a hook runs at once.
// - Concurrency rule: N concurrent units each commit their own writes and run their own hooks
//   exactly once.
#include <atomic>
#include <stdexcept>

#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

const Uuid kWebhook = id(0xF1);
const Uuid kOtherWebhook = id(0xF2);

OutboxEntry entry(const std::string& event_id, std::int64_t due_ms,
                  const Uuid& webhook = kWebhook) {
  return {webhook, event_id,   "jwt.refresh", R"({"event":{"id":")" + event_id + R"("}})",
          0,       at(due_ms), std::nullopt};
}

class OutboxStoreContract : public StoreContract {};

TEST_P(OutboxStoreContract, AnEntryRoundTripsEveryField) {
  const OutboxEntry written{
      kWebhook, "event-1", "user.create",          R"({"event":{"type":"x"}})",
      2,        at(1000),  std::string("HTTP 503")};
  store().enqueue_outbox({written}, at(0));
  const auto due = store().due_outbox(at(1000), 10, 10);
  ASSERT_EQ(due.size(), 1U);
  EXPECT_EQ(due[0].entry.webhook_id, kWebhook);
  EXPECT_EQ(due[0].entry.event_id, "event-1");
  EXPECT_EQ(due[0].entry.event_type, "user.create");
  EXPECT_EQ(due[0].entry.body, R"({"event":{"type":"x"}})");
  EXPECT_EQ(due[0].entry.attempts, 2);
  EXPECT_EQ(due[0].entry.next_attempt_at, at(1000));
  EXPECT_EQ(due[0].entry.last_error, "HTTP 503");
}

TEST_P(OutboxStoreContract, AnEmptyOutboxHasNothingDue) {
  store().enqueue_outbox({}, at(0));
  EXPECT_TRUE(store().due_outbox(at(1000000), 10, 10).empty());
  EXPECT_FALSE(store().next_outbox_due());
  const auto counts = store().count_outbox();
  EXPECT_EQ(counts.pending, 0U);
  EXPECT_EQ(counts.dead, 0U);
}

TEST_P(OutboxStoreContract, RowsComeOldestFirstAndOnlyWhenDue) {
  store().enqueue_outbox({entry("late", 2000), entry("early", 1000), entry("later", 3000)}, at(0));
  EXPECT_TRUE(store().due_outbox(at(999), 10, 10).empty());
  const auto due = store().due_outbox(at(2000), 10, 10);
  ASSERT_EQ(due.size(), 2U);
  EXPECT_EQ(due[0].entry.event_id, "early");
  EXPECT_EQ(due[1].entry.event_id, "late");
  EXPECT_NE(due[0].id, due[1].id);
  EXPECT_EQ(store().next_outbox_due(), at(1000));
}

TEST_P(OutboxStoreContract, RowsDueAtOneInstantComeInTheOrderTheyWereQueued) {
  store().enqueue_outbox({entry("first", 1000), entry("second", 1000)}, at(0));
  store().enqueue_outbox({entry("third", 1000)}, at(0));
  const auto due = store().due_outbox(at(1000), 10, 10);
  ASSERT_EQ(due.size(), 3U);
  EXPECT_EQ(due[0].entry.event_id, "first");
  EXPECT_EQ(due[1].entry.event_id, "second");
  EXPECT_EQ(due[2].entry.event_id, "third");
}

TEST_P(OutboxStoreContract, APassTakesAtMostLimitRows) {
  store().enqueue_outbox({entry("a", 1), entry("b", 2), entry("c", 3)}, at(0));
  const auto due = store().due_outbox(at(10), 2, 10);
  ASSERT_EQ(due.size(), 2U);
  EXPECT_EQ(due[0].entry.event_id, "a");
  EXPECT_EQ(due[1].entry.event_id, "b");
}

TEST_P(OutboxStoreContract, OneWebhookCannotFillAPass) {
  store().enqueue_outbox(
      {entry("a1", 1), entry("a2", 2), entry("a3", 3), entry("b1", 4, kOtherWebhook)}, at(0));
  const auto due = store().due_outbox(at(10), 10, 2);
  ASSERT_EQ(due.size(), 3U);
  EXPECT_EQ(due[0].entry.event_id, "a1");
  EXPECT_EQ(due[1].entry.event_id, "a2");
  EXPECT_EQ(due[2].entry.event_id, "b1");
}

TEST_P(OutboxStoreContract, ARescheduledRowKeepsItsIdAndEvent) {
  store().enqueue_outbox({entry("e1", 1000)}, at(0));
  const auto row = store().due_outbox(at(1000), 10, 10).at(0);
  store().reschedule_outbox(row.id, 1, at(3000), "HTTP 500");
  EXPECT_TRUE(store().due_outbox(at(2999), 10, 10).empty());
  EXPECT_EQ(store().next_outbox_due(), at(3000));
  const auto again = store().due_outbox(at(3000), 10, 10).at(0);
  EXPECT_EQ(again.id, row.id);
  EXPECT_EQ(again.entry.event_id, "e1");
  EXPECT_EQ(again.entry.body, row.entry.body);
  EXPECT_EQ(again.entry.attempts, 1);
  EXPECT_EQ(again.entry.last_error, "HTTP 500");
}

TEST_P(OutboxStoreContract, ABuriedRowIsNeverDueAndCountsAsDead) {
  store().enqueue_outbox({entry("e1", 1000), entry("e2", 2000)}, at(0));
  const auto row = store().due_outbox(at(1000), 10, 10).at(0);
  store().bury_outbox(row.id, 5, "gave up");
  EXPECT_EQ(store().next_outbox_due(), at(2000));
  const auto due = store().due_outbox(at(1000000), 10, 10);
  ASSERT_EQ(due.size(), 1U);
  EXPECT_EQ(due[0].entry.event_id, "e2");
  const auto counts = store().count_outbox();
  EXPECT_EQ(counts.pending, 1U);
  EXPECT_EQ(counts.dead, 1U);
}

TEST_P(OutboxStoreContract, ADeletedRowIsGone) {
  store().enqueue_outbox({entry("e1", 1000), entry("e2", 1000)}, at(0));
  const auto rows = store().due_outbox(at(1000), 10, 10);
  store().delete_outbox(rows.at(0).id);
  const auto left = store().due_outbox(at(1000), 10, 10);
  ASSERT_EQ(left.size(), 1U);
  EXPECT_EQ(left[0].id, rows.at(1).id);
  EXPECT_EQ(store().count_outbox().pending, 1U);
}

TEST_P(OutboxStoreContract, ConcurrentEnqueuesAreAllKept) {
  run_together<bool>(kRacers, [&](std::size_t i) {
    const auto n = std::to_string(i);
    store().enqueue_outbox({entry("a" + n, 1000), entry("b" + n, 1000)}, at(0));
    return true;
  });
  EXPECT_EQ(store().count_outbox().pending, 2 * kRacers);
  EXPECT_EQ(store().due_outbox(at(1000), 1000, 1000).size(), 2 * kRacers);
}

class UnitOfWorkContract : public StoreContract {};

TEST_P(UnitOfWorkContract, ABodyAnsweringTrueCommitsEveryWrite) {
  store().in_transaction([&] {
    EXPECT_TRUE(store().insert_tenant({kTenant, "Tenant", {}}));
    store().enqueue_outbox({entry("e1", 1000)}, at(0));
    return true;
  });
  EXPECT_TRUE(store().find_tenant(kTenant));
  EXPECT_EQ(store().count_outbox().pending, 1U);
}

TEST_P(UnitOfWorkContract, ABodyAnsweringFalseRollsBackEveryWrite) {
  store().in_transaction([&] {
    EXPECT_TRUE(store().insert_tenant({kTenant, "Tenant", {}}));
    EXPECT_TRUE(store().insert_application({kApp, kTenant, "App", true, {}}));
    store().enqueue_outbox({entry("e1", 1000)}, at(0));
    return false;
  });
  EXPECT_FALSE(store().find_tenant(kTenant));
  EXPECT_FALSE(store().find_application(kApp));
  EXPECT_EQ(store().count_outbox().pending, 0U);
}

TEST_P(UnitOfWorkContract, AThrowingBodyRollsBackAndTheExceptionPropagates) {
  EXPECT_THROW(store().in_transaction([&]() -> bool {
    EXPECT_TRUE(store().insert_tenant({kTenant, "Tenant", {}}));
    store().enqueue_outbox({entry("e1", 1000)}, at(0));
    throw std::runtime_error("broken invariant");
  }),
               std::runtime_error);
  EXPECT_FALSE(store().find_tenant(kTenant));
  EXPECT_EQ(store().count_outbox().pending, 0U);
}

TEST_P(UnitOfWorkContract, TheStoreWorksAfterARollback) {
  store().in_transaction([&] {
    EXPECT_TRUE(store().insert_tenant({kTenant, "Tenant", {}}));
    return false;
  });
  EXPECT_THROW(store().in_transaction([]() -> bool { throw std::runtime_error("x"); }),
               std::runtime_error);
  ASSERT_TRUE(store().insert_tenant({kTenant, "Tenant", {}}));  // outside any unit
  store().in_transaction([&] {
    return store().insert_tenant({kOtherTenant, "Other", {}}).has_value();
  });
  EXPECT_TRUE(store().find_tenant(kTenant));
  EXPECT_TRUE(store().find_tenant(kOtherTenant));
}

TEST_P(UnitOfWorkContract, TheBodySeesItsOwnWritesAndOtherThreadsDoNot) {
  bool seen_inside = false;
  bool seen_elsewhere = true;
  store().in_transaction([&] {
    EXPECT_TRUE(store().insert_tenant({kTenant, "Tenant", {}}));
    seen_inside = store().find_tenant(kTenant).has_value();
    std::thread reader([&] { seen_elsewhere = store().find_tenant(kTenant).has_value(); });
    reader.join();
    return true;
  });
  EXPECT_TRUE(seen_inside);
  EXPECT_FALSE(seen_elsewhere);
  EXPECT_TRUE(store().find_tenant(kTenant));
}

TEST_P(UnitOfWorkContract, AConflictInsideTheUnitRollsBackTheEarlierWrites) {
  ASSERT_TRUE(store().insert_tenant({kOtherTenant, "Taken", {}}));
  std::optional<Conflict> conflict;
  store().in_transaction([&] {
    EXPECT_TRUE(store().insert_application({kApp, kOtherTenant, "App", true, {}}));
    const auto written = store().insert_tenant({kTenant, "TAKEN", {}});
    if (!written) conflict = written.error();
    return written.has_value();
  });
  EXPECT_EQ(conflict, Conflict::kDuplicateName);
  EXPECT_FALSE(store().find_application(kApp));
}

TEST_P(UnitOfWorkContract, ANestedUnitCommitsOnlyWithTheOuterOne) {
  store().in_transaction([&] {
    store().in_transaction([&] {
      return store().insert_tenant({kTenant, "Tenant", {}}).has_value();
    });
    return false;
  });
  EXPECT_FALSE(store().find_tenant(kTenant));
}

TEST_P(UnitOfWorkContract, ANestedRollbackUndoesOnlyItsOwnWrites) {
  store().in_transaction([&] {
    EXPECT_TRUE(store().insert_tenant({kTenant, "Tenant", {}}));
    store().in_transaction([&] {
      EXPECT_TRUE(store().insert_tenant({kOtherTenant, "Other", {}}));
      return false;
    });
    return true;
  });
  EXPECT_TRUE(store().find_tenant(kTenant));
  EXPECT_FALSE(store().find_tenant(kOtherTenant));
}

TEST_P(UnitOfWorkContract, HooksRunAfterTheCommitInTheOrderRegistered) {
  std::vector<std::string> ran;
  bool committed_when_hook_ran = false;
  store().in_transaction([&] {
    EXPECT_TRUE(store().insert_tenant({kTenant, "Tenant", {}}));
    store().after_commit([&] {
      ran.emplace_back("first");
      // Another thread, so the answer cannot come from the unit's own connection.
      std::thread reader(
          [&] { committed_when_hook_ran = store().find_tenant(kTenant).has_value(); });
      reader.join();
    });
    store().after_commit([&] { ran.emplace_back("second"); });
    EXPECT_TRUE(ran.empty());  // registered, not run
    return true;
  });
  EXPECT_EQ(ran, (std::vector<std::string>{"first", "second"}));
  EXPECT_TRUE(committed_when_hook_ran);
}

TEST_P(UnitOfWorkContract, HooksNeverRunAfterARollback) {
  int ran = 0;
  store().in_transaction([&] {
    store().after_commit([&] { ++ran; });
    return false;
  });
  EXPECT_THROW(store().in_transaction([&]() -> bool {
    store().after_commit([&] { ++ran; });
    throw std::runtime_error("x");
  }),
               std::runtime_error);
  EXPECT_EQ(ran, 0);
  // Nor later, when the next unit commits.
  store().in_transaction([] { return true; });
  EXPECT_EQ(ran, 0);
}

TEST_P(UnitOfWorkContract, ANestedUnitsHookWaitsForTheOuterCommit) {
  int ran = 0;
  int ran_before_outer_commit = -1;
  store().in_transaction([&] {
    store().in_transaction([&] {
      store().after_commit([&] { ++ran; });
      return true;
    });
    ran_before_outer_commit = ran;
    return true;
  });
  EXPECT_EQ(ran_before_outer_commit, 0);
  EXPECT_EQ(ran, 1);
}

TEST_P(UnitOfWorkContract, AHookOutsideATransactionRunsAtOnce) {
  int ran = 0;
  store().after_commit([&] { ++ran; });
  EXPECT_EQ(ran, 1);
}

TEST_P(UnitOfWorkContract, ConcurrentUnitsEachCommitAndRunTheirHooksOnce) {
  std::atomic<int> hooks{0};
  run_together<bool>(kRacers, [&](std::size_t i) {
    store().in_transaction([&, i] {
      const int n = static_cast<int>(i);
      EXPECT_TRUE(store().insert_tenant({id(0x500 + n), "Tenant " + std::to_string(n), {}}));
      store().enqueue_outbox({entry("e" + std::to_string(n), 1000)}, at(0));
      store().after_commit([&] { hooks.fetch_add(1); });
      return true;
    });
    return true;
  });
  EXPECT_EQ(store().list_tenants().size(), kRacers);
  EXPECT_EQ(store().count_outbox().pending, kRacers);
  EXPECT_EQ(hooks.load(), static_cast<int>(kRacers));
}

TEST_P(UnitOfWorkContract, ConcurrentUnitsThatRollBackLeaveNothing) {
  std::atomic<int> hooks{0};
  run_together<bool>(kRacers, [&](std::size_t i) {
    store().in_transaction([&, i] {
      const int n = static_cast<int>(i);
      EXPECT_TRUE(store().insert_tenant({id(0x500 + n), "Tenant " + std::to_string(n), {}}));
      store().after_commit([&] { hooks.fetch_add(1); });
      return i % 2 == 0;  // every other unit rolls back
    });
    return true;
  });
  EXPECT_EQ(store().list_tenants().size(), kRacers / 2);
  EXPECT_EQ(hooks.load(), static_cast<int>(kRacers / 2));
}

}  // namespace

LATCHKEY_STORE_CONTRACT(OutboxStoreContract);
LATCHKEY_STORE_CONTRACT(UnitOfWorkContract);

}  // namespace latchkey::store::contract
