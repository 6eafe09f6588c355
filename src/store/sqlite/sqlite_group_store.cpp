// SqliteStore: groups and group members (store/migrations/0014). Store contract:
// store/group_store.hpp.

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row helpers

namespace {

constexpr std::string_view kGroupColumns = "g.id, g.tenant_id, g.name, g.data";
constexpr std::string_view kMemberColumns = "id, group_id, user_id, insert_instant, data";

domain::Group read_group(const Statement& row) {
  return {column_uuid(row, 0), column_uuid(row, 1), row.column_text(2), column_json(row, 3)};
}

domain::GroupMember read_member(const Statement& row) {
  return {column_uuid(row, 0), column_uuid(row, 1), column_uuid(row, 2),
          from_epoch_ms(row.column_int(3)), column_json(row, 4)};
}

std::optional<domain::GroupMember> find_membership(Connection& connection, const Uuid& group_id,
                                                   const Uuid& user_id) {
  Statement select(connection, "SELECT " + std::string(kMemberColumns) +
                                   " FROM group_members WHERE group_id = ?1 AND user_id = ?2");
  select.bind(1, group_id.str()).bind(2, user_id.str());
  return read_one<domain::GroupMember>(select, read_member);
}

// Inserts `member` unless its user is in the group already (then answers the stored one).
std::expected<domain::GroupMember, Conflict> insert_member(Connection& connection,
                                                           const domain::GroupMember& member) {
  if (auto existing = find_membership(connection, member.group_id, member.user_id)) {
    return std::move(*existing);
  }
  Statement insert(connection,
                   "INSERT INTO group_members (id, group_id, user_id, insert_instant, data)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, member.id.str())
      .bind(2, member.group_id.str())
      .bind(3, member.user_id.str())
      .bind(4, to_epoch_ms(member.insert_instant))
      .bind(5, json::serialize(member.data));
  if (auto written = run_write(insert); !written) return std::unexpected(written.error());
  return member;
}

}  // namespace

std::vector<domain::Group> SqliteStore::list_groups(const std::optional<Uuid>& tenant_id) {
  auto connection = pool_.acquire();
  std::string sql = "SELECT " + std::string(kGroupColumns) + " FROM groups g";
  if (tenant_id) sql += " WHERE g.tenant_id = ?1";
  sql += " ORDER BY g.name_lower, g.id";
  Statement select(*connection, sql);
  if (tenant_id) select.bind(1, tenant_id->str());
  return read_all<domain::Group>(select, read_group);
}

std::optional<domain::Group> SqliteStore::find_group(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(*connection,
                   "SELECT " + std::string(kGroupColumns) + " FROM groups g WHERE g.id = ?1");
  select.bind(1, id.str());
  return read_one<domain::Group>(select, read_group);
}

WriteResult SqliteStore::insert_group(const domain::Group& group) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO groups (id, tenant_id, name, name_lower, data)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, group.id.str())
      .bind(2, group.tenant_id.str())
      .bind(3, group.name)
      .bind(4, lower(group.name))
      .bind(5, json::serialize(group.data));
  return run_write(insert);
}

WriteResult SqliteStore::update_group(const domain::Group& group) {
  auto connection = pool_.acquire();
  Statement update(*connection,
                   "UPDATE groups SET name = ?2, name_lower = ?3, data = ?4 WHERE id = ?1");
  update.bind(1, group.id.str())
      .bind(2, group.name)
      .bind(3, lower(group.name))
      .bind(4, json::serialize(group.data));
  if (auto written = run_write(update); !written) return written;
  if (connection->changes() == 0) return std::unexpected(Conflict::kMissingParent);
  return {};
}

bool SqliteStore::delete_group(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM groups WHERE id = ?1");
  remove.bind(1, id.str());
  return touched(*connection, remove);
}

std::vector<domain::Group> SqliteStore::groups_of_user(const Uuid& user_id) {
  auto connection = pool_.acquire();
  Statement select(*connection, "SELECT " + std::string(kGroupColumns) +
                                    " FROM groups g JOIN group_members m ON m.group_id = g.id"
                                    " WHERE m.user_id = ?1 ORDER BY g.name_lower, g.id");
  select.bind(1, user_id.str());
  return read_all<domain::Group>(select, read_group);
}

std::optional<domain::GroupMember> SqliteStore::find_member(const Uuid& member_id) {
  auto connection = pool_.acquire();
  Statement select(*connection,
                   "SELECT " + std::string(kMemberColumns) + " FROM group_members WHERE id = ?1");
  select.bind(1, member_id.str());
  return read_one<domain::GroupMember>(select, read_member);
}

std::vector<domain::GroupMember> SqliteStore::list_members(const std::optional<Uuid>& group_id,
                                                           const std::optional<Uuid>& user_id) {
  auto connection = pool_.acquire();
  Statement select(*connection, "SELECT " + std::string(kMemberColumns) +
                                    " FROM group_members"
                                    " WHERE (?1 IS NULL OR group_id = ?1)"
                                    " AND (?2 IS NULL OR user_id = ?2)"
                                    " ORDER BY insert_instant, user_id, group_id");
  if (group_id) {
    select.bind(1, group_id->str());
  } else {
    select.bind_null(1);
  }
  if (user_id) {
    select.bind(2, user_id->str());
  } else {
    select.bind_null(2);
  }
  return read_all<domain::GroupMember>(select, read_member);
}

std::expected<std::vector<domain::GroupMember>, Conflict> SqliteStore::add_members(
    const std::vector<domain::GroupMember>& members) {
  auto connection = pool_.acquire();
  Transaction transaction(*connection);
  std::vector<domain::GroupMember> stored;
  for (const auto& member : members) {
    auto written = insert_member(*connection, member);
    if (!written) return std::unexpected(written.error());
    stored.push_back(std::move(*written));
  }
  transaction.commit();
  return stored;
}

std::expected<std::vector<domain::GroupMember>, Conflict> SqliteStore::replace_members(
    const std::vector<Uuid>& group_ids, const std::vector<domain::GroupMember>& members) {
  auto connection = pool_.acquire();
  Transaction transaction(*connection);
  for (const auto& group_id : group_ids) {
    Statement clear(*connection, "DELETE FROM group_members WHERE group_id = ?1");
    clear.bind(1, group_id.str());
    touched(*connection, clear);
  }
  std::vector<domain::GroupMember> stored;
  for (const auto& member : members) {
    auto written = insert_member(*connection, member);
    if (!written) return std::unexpected(written.error());
    stored.push_back(std::move(*written));
  }
  transaction.commit();
  return stored;
}

std::size_t SqliteStore::delete_members(const std::vector<Uuid>& member_ids) {
  auto connection = pool_.acquire();
  Transaction transaction(*connection);
  std::size_t removed = 0;
  for (const auto& id : member_ids) {
    Statement remove(*connection, "DELETE FROM group_members WHERE id = ?1");
    remove.bind(1, id.str());
    if (touched(*connection, remove)) ++removed;
  }
  transaction.commit();
  return removed;
}

std::size_t SqliteStore::delete_group_members(const Uuid& group_id,
                                              const std::vector<Uuid>& user_ids) {
  auto connection = pool_.acquire();
  Transaction transaction(*connection);
  std::size_t removed = 0;
  if (user_ids.empty()) {
    Statement remove(*connection, "DELETE FROM group_members WHERE group_id = ?1");
    remove.bind(1, group_id.str());
    touched(*connection, remove);
    removed = static_cast<std::size_t>(connection->changes());
  }
  for (const auto& user_id : user_ids) {
    Statement remove(*connection, "DELETE FROM group_members WHERE group_id = ?1 AND user_id = ?2");
    remove.bind(1, group_id.str()).bind(2, user_id.str());
    if (touched(*connection, remove)) ++removed;
  }
  transaction.commit();
  return removed;
}

}  // namespace latchkey::store::sqlite
