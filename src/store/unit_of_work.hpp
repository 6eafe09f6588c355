#pragma once
// A unit of work: several store calls, on any of the store interfaces, that commit or roll back
// together. The transaction is bound to the calling thread: calls made on another thread do
// not join it. Writers are serialised by the database, so two units of work never interleave
// their writes; a reader outside one never sees its writes before it commits.
//
//   unit_of_work.in_transaction([&] { write(); outbox.enqueue_outbox(rows, now); return true; });

#include <functional>

namespace latchkey::store {

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  // Runs `body` in one write transaction bound to the calling thread: every store call it
  // makes on this thread joins the transaction. Commits when `body` answers true, rolls back
  // when it answers false or throws (the exception propagates). Nested calls join the outer
  // transaction (a savepoint), so they commit only with it.
  virtual void in_transaction(const std::function<bool()>& body) = 0;
  // Runs `hook` after the current thread's transaction commits (never if it rolls back), or
  // at once when no transaction is open: how a writer wakes whoever reads what it wrote.
  virtual void after_commit(std::function<void()> hook) = 0;
};

}  // namespace latchkey::store
