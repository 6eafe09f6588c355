// SqliteStore: identity providers and their user links (store/migrations/0005).

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
namespace {

using rows::column_json;
using rows::column_uuid;

constexpr std::string_view kProviderColumns =
    "SELECT id, type, name_lower, tenant_id, data FROM identity_providers ";

domain::IdentityProvider read_provider(const Statement& row) {
  std::optional<Uuid> tenant;
  if (!row.column_is_null(3)) tenant = column_uuid(row, 3);
  auto data = column_json(row, 4);
  std::string name = json::get_string(data, "name").value_or(row.column_text(2));
  return {column_uuid(row, 0), row.column_text(1), std::move(name), tenant, std::move(data)};
}

void bind_provider(Statement& statement, const domain::IdentityProvider& provider) {
  statement.bind(1, provider.id.str())
      .bind(2, provider.type)
      .bind(3, rows::lower(provider.name))
      .bind_optional(4,
                     provider.tenant_id ? std::optional(provider.tenant_id->str()) : std::nullopt)
      .bind(5, json::serialize(provider.data));
}

// A second link for the same external identity: the primary key of the links table.
WriteResult write_link(Connection& connection, const domain::IdentityProviderLink& link,
                       bool insert) {
  Statement statement(
      connection, insert ? "INSERT INTO identity_provider_links (identity_provider_id, tenant_id,"
                           " identity_provider_user_id, user_id, data) VALUES (?1, ?2, ?3, ?4, ?5)"
                         : "UPDATE identity_provider_links SET user_id = ?4, data = ?5"
                           " WHERE identity_provider_id = ?1 AND tenant_id = ?2"
                           " AND identity_provider_user_id = ?3");
  statement.bind(1, link.identity_provider_id.str())
      .bind(2, link.tenant_id.str())
      .bind(3, link.identity_provider_user_id)
      .bind(4, link.user_id.str())
      .bind(5, json::serialize(link.data));
  if (auto violation = statement.execute()) {
    if (violation->message.find("identity_provider_links.") != std::string::npos &&
        violation->message.find("UNIQUE") != std::string::npos) {
      return std::unexpected(Conflict::kDuplicateLink);
    }
    return std::unexpected(rows::classify(*violation));
  }
  // An update that found no row means the link vanished under us (provider deleted).
  if (!insert && connection.changes() == 0) return std::unexpected(Conflict::kMissingParent);
  return {};
}

}  // namespace

std::vector<domain::IdentityProvider> SqliteStore::list_identity_providers() {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kProviderColumns) + "ORDER BY name_lower");
  std::vector<domain::IdentityProvider> providers;
  while (select.step()) providers.push_back(read_provider(select));
  return providers;
}

std::optional<domain::IdentityProvider> SqliteStore::find_identity_provider(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kProviderColumns) + "WHERE id = ?1");
  select.bind(1, id.str());
  if (!select.step()) return std::nullopt;
  return read_provider(select);
}

WriteResult SqliteStore::insert_identity_provider(const domain::IdentityProvider& provider) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO identity_providers (id, type, name_lower, tenant_id, data)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)");
  bind_provider(insert, provider);
  return rows::run_write(insert);
}

WriteResult SqliteStore::update_identity_provider(const domain::IdentityProvider& provider) {
  auto connection = pool_.acquire();
  // type and tenant_id are fixed at creation (FusionAuth: read-only once created).
  Statement update(*connection,
                   "UPDATE identity_providers SET name_lower = ?3, data = ?5 WHERE id = ?1"
                   " AND type = ?2 AND tenant_id IS ?4");
  bind_provider(update, provider);
  return rows::run_write(update);
}

bool SqliteStore::delete_identity_provider(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM identity_providers WHERE id = ?1");
  remove.bind(1, id.str());
  return rows::touched(*connection, remove);
}

std::optional<domain::IdentityProviderLink> SqliteStore::find_identity_provider_link(
    const Uuid& identity_provider_id, const Uuid& tenant_id,
    const std::string& identity_provider_user_id) {
  auto connection = pool_.acquire();
  Statement select(*connection,
                   "SELECT user_id, data FROM identity_provider_links"
                   " WHERE identity_provider_id = ?1 AND tenant_id = ?2"
                   " AND identity_provider_user_id = ?3");
  select.bind(1, identity_provider_id.str())
      .bind(2, tenant_id.str())
      .bind(3, identity_provider_user_id);
  if (!select.step()) return std::nullopt;
  return domain::IdentityProviderLink{identity_provider_id, identity_provider_user_id,
                                      column_uuid(select, 0), tenant_id, column_json(select, 1)};
}

WriteResult SqliteStore::write_federated_login(const FederatedLoginWrite& write) {
  auto connection = pool_.acquire();
  // One BEGIN IMMEDIATE transaction: a conflict anywhere returns before commit, and the
  // Transaction's destructor rolls back whatever was written, so no user is left half-linked.
  Transaction transaction(*connection);
  {
    Statement user(*connection, write.new_user ? rows::kInsertUser : rows::kUpdateUser);
    rows::bind_user(user, write.user);
    if (auto written = rows::run_write(user); !written) return written;
    if (!write.new_user && connection->changes() == 0) {
      return std::unexpected(Conflict::kMissingParent);  // the user was deleted meanwhile
    }
  }
  if (write.registration) {
    Statement registration(*connection, write.new_registration ? rows::kInsertRegistration
                                                               : rows::kUpdateRegistration);
    rows::bind_registration(registration, *write.registration);
    if (auto written = rows::run_write(registration); !written) return written;
  }
  if (auto written = write_link(*connection, write.link, write.new_link); !written) {
    return written;
  }
  transaction.commit();
  return {};
}

}  // namespace latchkey::store::sqlite
