#include "services/users/group_service.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "domain/group_roles.hpp"
#include "services/common/field_types.hpp"

namespace latchkey::services {
namespace {

Error not_found() { return Error::status(HttpStatus::kNotFound); }

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// FusionAuth's name search: case-insensitive, `*` matches any run; without a `*` the value
// matches anywhere in the name.
bool wildcard_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool name_matches(const std::optional<std::string>& wanted, std::string_view name) {
  if (!wanted || wanted->empty()) return true;
  std::string pattern = lower(*wanted);
  if (pattern.find('*') == std::string::npos) pattern = "*" + pattern + "*";
  return wildcard_match(pattern, lower(name));
}

// "field [ASC|DESC], ..." as (field, descending) pairs; nothing when a field is not allowed.
std::optional<std::vector<std::pair<std::string, bool>>> order_terms(
    std::string_view order_by, std::initializer_list<std::string_view> allowed) {
  std::vector<std::pair<std::string, bool>> terms;
  while (!order_by.empty()) {
    const auto comma = order_by.find(',');
    std::string_view term = order_by.substr(0, comma);
    order_by = comma == std::string_view::npos ? "" : order_by.substr(comma + 1);
    std::vector<std::string> words;
    std::string word;
    for (char c : term) {
      if (std::isspace(static_cast<unsigned char>(c)) != 0) {
        if (!word.empty()) words.push_back(std::exchange(word, {}));
      } else {
        word += c;
      }
    }
    if (!word.empty()) words.push_back(word);
    if (words.empty()) continue;
    if (words.size() > 2 || std::ranges::find(allowed, words[0]) == allowed.end()) {
      return std::nullopt;
    }
    bool descending = false;
    if (words.size() == 2) {
      const std::string direction = lower(words[1]);
      if (direction != "asc" && direction != "desc") return std::nullopt;
      descending = direction == "desc";
    }
    terms.emplace_back(words[0], descending);
  }
  return terms;
}

Error invalid_order_by(std::string_view order_by) {
  return Error::field(
      HttpStatus::kBadRequest, "search.orderBy", "[invalid]search.orderBy",
      "The [search.orderBy] value [" + std::string(order_by) + "] is not a supported sort order.");
}

Status check_page(std::int64_t start_row, std::int64_t number_of_results) {
  Validation validation;
  if (start_row < 0) {
    validation.add("search.startRow", "[invalid]search.startRow",
                   "The [search.startRow] must be 0 or greater.");
  }
  if (number_of_results < 0) {
    validation.add("search.numberOfResults", "[invalid]search.numberOfResults",
                   "The [search.numberOfResults] must be 0 or greater.");
  }
  if (auto error = validation.take()) return fail(std::move(*error));
  return {};
}

template <class T>
GroupSearchResults<T> page(std::vector<T> all, std::int64_t start_row,
                           std::int64_t number_of_results) {
  GroupSearchResults<T> out;
  out.total = all.size();
  const auto start = std::min(all.size(), static_cast<std::size_t>(start_row));
  const auto end = std::min(all.size(), start + static_cast<std::size_t>(number_of_results));
  out.results.assign(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(start)),
                     std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(end)));
  return out;
}

std::int64_t insert_instant(const domain::Group& group) {
  return json::get_int(group.data, "insertInstant").value_or(0);
}

}  // namespace

const domain::Group* GroupService::visible_group(const Caller& caller, const Uuid& id,
                                                 std::optional<domain::Group>& holder) const {
  holder = stores_.groups.find_group(id);
  if (!holder || !caller.can_see(holder->tenant_id)) return nullptr;
  return &*holder;
}

json::object GroupService::render(const domain::Group& group) const {
  json::object shown = group.data;
  shown.erase("roleIds");
  shown["id"] = group.id.str();
  shown["tenantId"] = group.tenant_id.str();
  json::object roles;
  const auto snapshot = config_.current();
  for (const auto& [id, application] : snapshot->applications()) {
    if (application.tenant_id != group.tenant_id) continue;
    auto granted = domain::group_roles_of(group, application.data);
    if (!granted.empty()) roles[id] = std::move(granted);
  }
  shown["roles"] = std::move(roles);
  return shown;
}

Result<domain::Group> GroupService::prepare(const Caller& caller, json::object group,
                                            const Uuid& id,
                                            const std::optional<json::array>& role_ids,
                                            const domain::Group* previous) const {
  LATCHKEY_CHECK(require_field_types(group, "group", kGroupFields));
  const auto snapshot = config_.current();
  Validation validation;
  if (is_blank(group, "name")) {
    validation.add("group.name", "[blank]group.name",
                   "You must specify the [group.name] property.");
  }
  // Each role id must be a UUID naming a role of one of the tenant's applications.
  std::vector<std::pair<std::string, const domain::Application*>> roles;
  for (const auto& value : role_ids.value_or(json::array{})) {
    const std::string text = value.is_string() ? std::string(value.as_string()) : "";
    const domain::Application* owner = nullptr;
    for (const auto& [app_id, application] : snapshot->applications()) {
      const auto* app_roles = json::get_array(application.data, "roles");
      if (app_roles == nullptr) continue;
      for (const auto& role : *app_roles) {
        if (role.is_object() && json::get_string(role.as_object(), "id") == text) {
          owner = &application;
        }
      }
    }
    roles.emplace_back(text, owner);
  }

  // The tenant: fixed once created; else the caller's scope, group.tenantId, the tenant of the
  // applications its roles belong to, or the only tenant (services/common/caller.hpp).
  std::optional<Uuid> tenant_id;
  if (previous != nullptr) {
    tenant_id = previous->tenant_id;
  } else if (const auto given = json::get_string(group, "tenantId"); given && !given->empty()) {
    const auto parsed = Uuid::parse(*given);
    if (!parsed || snapshot->find_tenant(*parsed) == nullptr || !caller.can_see(*parsed) ||
        (caller.tenant_scope() && *caller.tenant_scope() != *parsed)) {
      return fail(Error::field(HttpStatus::kBadRequest, "group.tenantId", "[invalid]group.tenantId",
                               "The [group.tenantId] does not name a tenant."));
    }
    tenant_id = *parsed;
  } else {
    TenantHint hint{.application_id = std::nullopt, .application_field = "roleIds"};
    for (const auto& [text, owner] : roles) {
      if (owner != nullptr) {
        hint.application_id = owner->id;
        break;
      }
    }
    LATCHKEY_TRY(const Uuid resolved, resolve_tenant(caller, *snapshot, hint));
    tenant_id = resolved;
  }

  json::array kept_ids;
  for (const auto& [text, owner] : roles) {
    if (owner == nullptr || owner->tenant_id != *tenant_id) {
      validation.add("roleIds", "[invalid]roleIds",
                     "The [roleIds] value [" + text +
                         "] is not the id of a role of an application in the group's tenant.");
    } else if (std::ranges::find(kept_ids, json::value(text)) == kept_ids.end()) {
      kept_ids.emplace_back(text);
    }
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  group["roleIds"] = std::move(kept_ids);
  group["id"] = id.str();
  group["tenantId"] = tenant_id->str();
  json::set_default(group, "data", json::object{});
  const Instant now = clock_.now();
  if (previous == nullptr) {
    stamp_created(group, now);
  } else {
    stamp_updated(group, previous->data, now, {});
  }
  std::string name = json::get_string(group, "name").value_or("");
  return domain::Group{id, *tenant_id, std::move(name), std::move(group)};
}

Result<domain::Group> GroupService::save(domain::Group group, bool created) {
  auto written = created ? stores_.groups.insert_group(group) : stores_.groups.update_group(group);
  if (written) return group;
  switch (written.error()) {
    case store::Conflict::kDuplicateName:
      return fail(Error::field(HttpStatus::kBadRequest, "group.name", "[duplicate]group.name",
                               "A Group with name [" + group.name + "] already exists."));
    case store::Conflict::kMissingParent:
      return fail(created ? Error::field(HttpStatus::kBadRequest, "group.tenantId",
                                         "[invalid]group.tenantId", "The tenant does not exist.")
                          : not_found());
    default:
      return fail(Error::field(HttpStatus::kBadRequest, "groupId", "[duplicate]groupId",
                               "A Group with Id [" + group.id.str() + "] already exists."));
  }
}

Result<domain::Group> GroupService::create(const Caller& caller, const std::optional<Uuid>& id,
                                           json::object group,
                                           const std::optional<json::array>& role_ids) {
  const Uuid chosen = choose_id(id);
  if (stores_.groups.find_group(chosen)) {
    return fail(Error::field(HttpStatus::kBadRequest, "groupId", "[duplicate]groupId",
                             "A Group with Id [" + chosen.str() + "] already exists."));
  }
  LATCHKEY_TRY(auto prepared, prepare(caller, std::move(group), chosen, role_ids, nullptr));
  return save(std::move(prepared), true);
}

Result<domain::Group> GroupService::retrieve(const Caller& caller, const Uuid& id) const {
  std::optional<domain::Group> holder;
  if (visible_group(caller, id, holder) == nullptr) return fail(not_found());
  return std::move(*holder);
}

std::vector<domain::Group> GroupService::list(const Caller& caller) const {
  return stores_.groups.list_groups(caller.tenant_scope());
}

Result<domain::Group> GroupService::update(const Caller& caller, const Uuid& id, json::object group,
                                           const std::optional<json::array>& role_ids) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  LATCHKEY_TRY(auto prepared, prepare(caller, std::move(group), id, role_ids, &existing));
  return save(std::move(prepared), false);
}

Result<domain::Group> GroupService::patch(const Caller& caller, const Uuid& id,
                                          const json::object& patch,
                                          const std::optional<json::array>& role_ids,
                                          PatchStyle style) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  json::object stored = existing.data;
  const json::value kept_roles = stored.contains("roleIds") ? stored["roleIds"] : json::array{};
  stored.erase("roleIds");
  json::object merged = patched(stored, patch, style);
  const auto roles = role_ids ? *role_ids : kept_roles.as_array();
  LATCHKEY_TRY(auto prepared, prepare(caller, std::move(merged), id, roles, &existing));
  return save(std::move(prepared), false);
}

Status GroupService::remove(const Caller& caller, const Uuid& id) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  if (!stores_.groups.delete_group(existing.id)) return fail(not_found());
  return {};
}

Result<GroupSearchResults<domain::Group>> GroupService::search(const Caller& caller,
                                                               const GroupSearch& search) const {
  LATCHKEY_CHECK(check_page(search.start_row, search.number_of_results));
  const auto terms = order_terms(search.order_by, {"id", "insertInstant", "name", "tenant"});
  if (!terms) return fail(invalid_order_by(search.order_by));
  // The caller's scope overrides the tenantId parameter, as FusionAuth documents.
  const auto tenant = caller.tenant_scope() ? caller.tenant_scope() : search.tenant_id;
  std::vector<domain::Group> matches;
  for (auto& group : stores_.groups.list_groups(tenant)) {
    if (name_matches(search.name, group.name)) matches.push_back(std::move(group));
  }
  const auto snapshot = config_.current();
  const auto tenant_name = [&](const domain::Group& group) {
    const auto* found = snapshot->find_tenant(group.tenant_id);
    return found != nullptr ? lower(found->name) : std::string();
  };
  std::ranges::stable_sort(matches, [&](const domain::Group& a, const domain::Group& b) {
    for (const auto& [field, descending] : *terms) {
      int order = 0;
      if (field == "id") {
        order = a.id.str().compare(b.id.str());
      } else if (field == "insertInstant") {
        order = insert_instant(a) < insert_instant(b) ? -1 : insert_instant(a) > insert_instant(b);
      } else if (field == "name") {
        order = lower(a.name).compare(lower(b.name));
      } else {
        order = tenant_name(a).compare(tenant_name(b));
      }
      if (order != 0) return descending ? order > 0 : order < 0;
    }
    return false;
  });
  return page(std::move(matches), search.start_row, search.number_of_results);
}

Result<std::vector<domain::GroupMember>> GroupService::read_members(
    const Caller& caller, const json::object& members, std::vector<Uuid>& group_ids) const {
  Validation validation;
  std::vector<domain::GroupMember> out;
  std::set<std::string> member_ids;
  const Instant now = clock_.now();
  for (const auto& [key, list] : members) {
    const std::string group_key(key);
    const auto group_id = Uuid::parse(group_key);
    std::optional<domain::Group> holder;
    const domain::Group* group = group_id ? visible_group(caller, *group_id, holder) : nullptr;
    if (group == nullptr) {
      validation.add("members", "[invalid]groupId",
                     "The Group with Id [" + group_key + "] does not exist.");
      continue;
    }
    group_ids.push_back(group->id);
    if (!list.is_array()) {
      validation.add("members[" + group_key + "]", "[invalid]members",
                     "The members of a group must be an array of objects.");
      continue;
    }
    std::size_t index = 0;
    for (const auto& entry : list.as_array()) {
      const std::string path = "members[" + group_key + "][" + std::to_string(index++) + "]";
      if (!entry.is_object()) {
        validation.add(path, "[invalid]members", "Each member must be an object.");
        continue;
      }
      const auto& object = entry.as_object();
      const auto user_text = json::get_string(object, "userId");
      if (!user_text || user_text->empty()) {
        validation.add(path + ".userId", "[missing]userId",
                       "You must specify the [userId] of each member.");
        continue;
      }
      const auto user_id = Uuid::parse(*user_text);
      const auto user = user_id ? stores_.users.find_user(*user_id) : std::nullopt;
      // Security: a member is a user of the group's own tenant.
      if (!user || user->tenant_id != group->tenant_id) {
        validation.add(path + ".userId", "[invalid]userId",
                       "The User with Id [" + *user_text + "] does not exist.");
        continue;
      }
      std::optional<Uuid> member_id;
      if (const auto given = json::get_string(object, "id"); given && !given->empty()) {
        member_id = Uuid::parse(*given);
        if (!member_id) {
          validation.add(path + ".id", "[couldNotConvert]id", "The [id] is not a valid UUID.");
          continue;
        }
        const auto existing = stores_.groups.find_member(*member_id);
        if (!member_ids.insert(member_id->str()).second ||
            (existing && (existing->group_id != group->id || existing->user_id != user->id))) {
          validation.add(path + ".id", "[duplicate]memberId",
                         "A Group Member with Id [" + member_id->str() + "] already exists.");
          continue;
        }
      }
      json::object data;
      if (const auto* given = json::get_object(object, "data")) data = *given;
      out.push_back({choose_id(member_id), group->id, user->id, now, std::move(data)});
    }
  }
  if (auto error = validation.take()) return fail(std::move(*error));
  return out;
}

namespace {

MembersByGroup by_group(const std::vector<domain::GroupMember>& members,
                        const std::vector<Uuid>& group_ids) {
  MembersByGroup out;
  for (const auto& id : group_ids) out[id.str()];
  for (const auto& member : members) out[member.group_id.str()].push_back(member);
  return out;
}

Error member_conflict(store::Conflict conflict) {
  if (conflict == store::Conflict::kMissingParent) {
    return Error::field(HttpStatus::kBadRequest, "members", "[invalid]members",
                        "A group or user named in the request no longer exists.");
  }
  return Error::field(HttpStatus::kBadRequest, "members", "[duplicate]memberId",
                      "A Group Member id in the request is already in use.");
}

}  // namespace

Result<MembersByGroup> GroupService::add_members(const Caller& caller,
                                                 const json::object& members) {
  if (members.empty()) {
    return fail(Error::field(HttpStatus::kBadRequest, "members", "[missing]members",
                             "You must specify at least one group in [members]."));
  }
  std::vector<Uuid> group_ids;
  LATCHKEY_TRY(const auto wanted, read_members(caller, members, group_ids));
  if (wanted.empty()) {
    return fail(Error::field(HttpStatus::kBadRequest, "members", "[missing]members",
                             "You must specify at least one member to add."));
  }
  auto stored = stores_.groups.add_members(wanted);
  if (!stored) return fail(member_conflict(stored.error()));
  return by_group(*stored, group_ids);
}

Result<MembersByGroup> GroupService::replace_members(const Caller& caller,
                                                     const json::object& members) {
  if (members.empty()) {
    return fail(Error::field(HttpStatus::kBadRequest, "members", "[missing]members",
                             "You must specify at least one group in [members]."));
  }
  std::vector<Uuid> group_ids;
  LATCHKEY_TRY(const auto wanted, read_members(caller, members, group_ids));
  auto stored = stores_.groups.replace_members(group_ids, wanted);
  if (!stored) return fail(member_conflict(stored.error()));
  return by_group(*stored, group_ids);
}

Status GroupService::remove_member(const Caller& caller, const Uuid& member_id) {
  const auto member = stores_.groups.find_member(member_id);
  std::optional<domain::Group> holder;
  if (!member || visible_group(caller, member->group_id, holder) == nullptr) {
    return fail(not_found());
  }
  if (stores_.groups.delete_members({member_id}) == 0) return fail(not_found());
  return {};
}

Status GroupService::remove_members(const Caller& caller, const std::vector<Uuid>& member_ids) {
  std::vector<Uuid> removable;
  for (const auto& id : member_ids) {
    const auto member = stores_.groups.find_member(id);
    std::optional<domain::Group> holder;
    if (member && visible_group(caller, member->group_id, holder) != nullptr) {
      removable.push_back(id);
    }
  }
  if (removable.empty()) return fail(not_found());
  stores_.groups.delete_members(removable);
  return {};
}

Status GroupService::remove_group_members(const Caller& caller, const Uuid& group_id,
                                          const std::vector<Uuid>& user_ids) {
  std::optional<domain::Group> holder;
  if (visible_group(caller, group_id, holder) == nullptr) return fail(not_found());
  if (stores_.groups.delete_group_members(group_id, user_ids) == 0 && !user_ids.empty()) {
    return fail(not_found());
  }
  return {};
}

Result<GroupSearchResults<domain::GroupMember>> GroupService::search_members(
    const Caller& caller, const MemberSearch& search) const {
  LATCHKEY_CHECK(check_page(search.start_row, search.number_of_results));
  const auto terms = order_terms(search.order_by, {"groupId", "id", "insertInstant", "userId"});
  if (!terms) return fail(invalid_order_by(search.order_by));
  std::vector<domain::GroupMember> matches;
  std::map<std::string, bool> visible;
  for (auto& member : stores_.groups.list_members(search.group_id, search.user_id)) {
    const std::string key = member.group_id.str();
    if (!visible.contains(key)) {
      std::optional<domain::Group> holder;
      visible[key] = visible_group(caller, member.group_id, holder) != nullptr;
    }
    if (visible[key]) matches.push_back(std::move(member));
  }
  std::ranges::stable_sort(matches, [&](const domain::GroupMember& a,
                                        const domain::GroupMember& b) {
    for (const auto& [field, descending] : *terms) {
      int order = 0;
      if (field == "groupId") {
        order = a.group_id.str().compare(b.group_id.str());
      } else if (field == "id") {
        order = a.id.str().compare(b.id.str());
      } else if (field == "userId") {
        order = a.user_id.str().compare(b.user_id.str());
      } else {
        order = a.insert_instant < b.insert_instant ? -1 : (a.insert_instant > b.insert_instant);
      }
      if (order != 0) return descending ? order > 0 : order < 0;
    }
    return false;
  });
  return page(std::move(matches), search.start_row, search.number_of_results);
}

}  // namespace latchkey::services
