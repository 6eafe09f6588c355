#include "api/group_handlers.hpp"

#include <charconv>

#include "api/request_input.hpp"

namespace latchkey::api {
namespace {

constexpr std::string_view kIdName = "groupId";

http::Response group_response(const services::GroupService& groups, const domain::Group& group) {
  return http::Response::json(HttpStatus::kOk, json::object{{"group", groups.render(group)}});
}

std::optional<json::array> role_ids(const services::RequestFields& body) {
  const auto* value = body.json().if_contains("roleIds");
  if (value == nullptr || !value->is_array()) return std::nullopt;
  return value->as_array();
}

json::object member_view(const domain::GroupMember& member, bool with_group) {
  json::object shown{{"data", member.data},
                     {"id", member.id.str()},
                     {"insertInstant", to_epoch_ms(member.insert_instant)},
                     {"userId", member.user_id.str()}};
  if (with_group) shown["groupId"] = member.group_id.str();
  return shown;
}

http::Response members_response(const services::MembersByGroup& members) {
  json::object by_group;
  for (const auto& [group_id, list] : members) {
    json::array shown;
    for (const auto& member : list) shown.emplace_back(member_view(member, false));
    by_group[group_id] = std::move(shown);
  }
  return http::Response::json(HttpStatus::kOk, json::object{{"members", std::move(by_group)}});
}

Result<json::object> members_object(const services::RequestFields& body) {
  const auto* members = body.object("members");
  if (members == nullptr) {
    return fail(Error::field(HttpStatus::kBadRequest, "members", "[missing]members",
                             "Your request is missing the [members] object."));
  }
  return *members;
}

// A query parameter that must be a UUID when present.
Result<std::optional<Uuid>> query_uuid(const http::Request& request, std::string_view name) {
  const auto given = request.query_param(name);
  if (!given || given->empty()) return std::optional<Uuid>{};
  const auto parsed = Uuid::parse(*given);
  if (!parsed) {
    const std::string field(name);
    return fail(Error::field(HttpStatus::kBadRequest, field, "[couldNotConvert]" + field,
                             "The [" + field + "] parameter is not a valid UUID."));
  }
  return std::optional<Uuid>{*parsed};
}

Result<std::int64_t> query_int(const http::Request& request, std::string_view name,
                               std::int64_t fallback) {
  const auto given = request.query_param(name);
  if (!given || given->empty()) return fallback;
  std::int64_t value = 0;
  const auto* end = given->data() + given->size();
  const auto [ptr, ec] = std::from_chars(given->data(), end, value);
  if (ec != std::errc{} || ptr != end) {
    const std::string field(name);
    return fail(Error::field(HttpStatus::kBadRequest, field, "[couldNotConvert]" + field,
                             "The [" + field + "] parameter is not a number."));
  }
  return value;
}

// GET searches read the query string; POST ones the `search` object of the body.
bool has_json_body(const http::Request& request) {
  return request.method == "POST" || !request.body.empty();
}

}  // namespace

Result<http::Response> create_group(http::Request& request, ApiServices& services,
                                    const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, kIdName));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kGroupRequest));
  LATCHKEY_TRY(auto group, envelope(body.json(), "group"));
  LATCHKEY_TRY(const auto created,
               services.groups.create(caller, id, std::move(group), role_ids(body)));
  return group_response(services.groups, created);
}

Result<http::Response> retrieve_groups(http::Request&, ApiServices& services,
                                       const services::Caller& caller) {
  json::array groups;
  for (const auto& group : services.groups.list(caller)) {
    groups.emplace_back(services.groups.render(group));
  }
  return http::Response::json(HttpStatus::kOk, json::object{{"groups", std::move(groups)}});
}

Result<http::Response> retrieve_group(http::Request& request, ApiServices& services,
                                      const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kIdName));
  LATCHKEY_TRY(const auto group, services.groups.retrieve(caller, id));
  return group_response(services.groups, group);
}

Result<http::Response> update_group(http::Request& request, ApiServices& services,
                                    const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kIdName));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kGroupRequest));
  LATCHKEY_TRY(auto group, envelope(body.json(), "group"));
  LATCHKEY_TRY(const auto updated,
               services.groups.update(caller, id, std::move(group), role_ids(body)));
  return group_response(services.groups, updated);
}

Result<http::Response> patch_group(http::Request& request, ApiServices& services,
                                   const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kIdName));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kGroupRequest));
  json::object patch;
  if (const auto* group = body.object("group")) patch = *group;
  LATCHKEY_TRY(const auto updated, services.groups.patch(caller, id, patch, role_ids(body), style));
  return group_response(services.groups, updated);
}

Result<http::Response> delete_group(http::Request& request, ApiServices& services,
                                    const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kIdName));
  LATCHKEY_CHECK(services.groups.remove(caller, id));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> search_groups(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  services::GroupSearch search;
  if (has_json_body(request)) {
    LATCHKEY_TRY(const auto body, typed_body(request, services::kGroupSearchRequest));
    search.name = body.string("search.name");
    search.tenant_id = body.uuid("search.tenantId");
    search.start_row = body.integer("search.startRow").value_or(0);
    search.number_of_results = body.integer("search.numberOfResults").value_or(25);
    if (auto order = body.string("search.orderBy"); order && !order->empty()) {
      search.order_by = *order;
    }
  } else {
    search.name = request.query_param("name");
    LATCHKEY_TRY(search.tenant_id, query_uuid(request, "tenantId"));
    LATCHKEY_TRY(search.start_row, query_int(request, "startRow", 0));
    LATCHKEY_TRY(search.number_of_results, query_int(request, "numberOfResults", 25));
    if (auto order = request.query_param("orderBy"); order && !order->empty()) {
      search.order_by = *order;
    }
  }
  LATCHKEY_TRY(const auto found, services.groups.search(caller, search));
  json::array groups;
  for (const auto& group : found.results) groups.emplace_back(services.groups.render(group));
  return http::Response::json(HttpStatus::kOk,
                              json::object{{"groups", std::move(groups)},
                                           {"total", static_cast<std::int64_t>(found.total)}});
}

Result<http::Response> add_group_members(http::Request& request, ApiServices& services,
                                         const services::Caller& caller) {
  LATCHKEY_TRY(const auto body, typed_body(request, services::kMemberRequest));
  LATCHKEY_TRY(const auto members, members_object(body));
  LATCHKEY_TRY(const auto added, services.groups.add_members(caller, members));
  return members_response(added);
}

Result<http::Response> replace_group_members(http::Request& request, ApiServices& services,
                                             const services::Caller& caller) {
  LATCHKEY_TRY(const auto body, typed_body(request, services::kMemberRequest));
  LATCHKEY_TRY(const auto members, members_object(body));
  LATCHKEY_TRY(const auto replaced, services.groups.replace_members(caller, members));
  return members_response(replaced);
}

Result<http::Response> delete_group_member(http::Request& request, ApiServices& services,
                                           const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "memberId"));
  LATCHKEY_CHECK(services.groups.remove_member(caller, id));
  return http::Response::empty(HttpStatus::kOk);
}

// DELETE /api/group/member: ?groupId=&userId= (one or more userId), or a MemberDeleteRequest
// body of memberIds, or of user ids keyed by group id.
Result<http::Response> delete_group_members(http::Request& request, ApiServices& services,
                                            const services::Caller& caller) {
  if (request.body.empty()) {
    LATCHKEY_TRY(const auto group_id, query_uuid(request, "groupId"));
    if (!group_id) {
      return fail(Error::field(HttpStatus::kBadRequest, "groupId", "[missing]groupId",
                               "You must specify the [groupId] parameter or a request body."));
    }
    std::vector<Uuid> user_ids;
    for (const auto& text : request.query_params("userId")) {
      const auto parsed = Uuid::parse(text);
      if (!parsed) {
        return fail(Error::field(HttpStatus::kBadRequest, "userId", "[couldNotConvert]userId",
                                 "The [userId] parameter is not a valid UUID."));
      }
      user_ids.push_back(*parsed);
    }
    LATCHKEY_CHECK(services.groups.remove_group_members(caller, *group_id, user_ids));
    return http::Response::empty(HttpStatus::kOk);
  }
  LATCHKEY_TRY(const auto body, typed_body(request, services::kMemberDeleteRequest));
  std::vector<Uuid> member_ids;
  if (const auto* ids = body.json().if_contains("memberIds"); ids != nullptr && ids->is_array()) {
    for (const auto& id : ids->as_array()) {
      if (auto parsed = Uuid::parse(id.as_string())) member_ids.push_back(*parsed);
    }
  }
  const auto* members = body.object("members");
  if (member_ids.empty() && (members == nullptr || members->empty())) {
    return fail(Error::field(HttpStatus::kBadRequest, "memberIds", "[missing]memberIds",
                             "You must specify either [memberIds] or [members]."));
  }
  if (!member_ids.empty()) LATCHKEY_CHECK(services.groups.remove_members(caller, member_ids));
  if (members != nullptr) {
    for (const auto& [key, users] : *members) {
      const auto group_id = Uuid::parse(key);
      std::vector<Uuid> user_ids;
      if (users.is_array()) {
        for (const auto& user : users.as_array()) {
          const auto parsed = user.is_string() ? Uuid::parse(user.as_string()) : std::nullopt;
          if (parsed) user_ids.push_back(*parsed);
        }
      }
      if (!group_id || user_ids.empty()) {
        return fail(Error::field(HttpStatus::kBadRequest, "members", "[invalid]members",
                                 "Each entry of [members] maps a group id to user ids."));
      }
      LATCHKEY_CHECK(services.groups.remove_group_members(caller, *group_id, user_ids));
    }
  }
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> search_group_members(http::Request& request, ApiServices& services,
                                            const services::Caller& caller) {
  services::MemberSearch search;
  if (has_json_body(request)) {
    LATCHKEY_TRY(const auto body, typed_body(request, services::kGroupMemberSearchRequest));
    search.group_id = body.uuid("search.groupId");
    search.user_id = body.uuid("search.userId");
    search.start_row = body.integer("search.startRow").value_or(0);
    search.number_of_results = body.integer("search.numberOfResults").value_or(25);
    if (auto order = body.string("search.orderBy"); order && !order->empty()) {
      search.order_by = *order;
    }
  } else {
    LATCHKEY_TRY(search.group_id, query_uuid(request, "groupId"));
    LATCHKEY_TRY(search.user_id, query_uuid(request, "userId"));
    LATCHKEY_TRY(search.start_row, query_int(request, "startRow", 0));
    LATCHKEY_TRY(search.number_of_results, query_int(request, "numberOfResults", 25));
    if (auto order = request.query_param("orderBy"); order && !order->empty()) {
      search.order_by = *order;
    }
  }
  LATCHKEY_TRY(const auto found, services.groups.search_members(caller, search));
  json::array members;
  for (const auto& member : found.results) members.emplace_back(member_view(member, true));
  return http::Response::json(HttpStatus::kOk,
                              json::object{{"members", std::move(members)},
                                           {"total", static_cast<std::int64_t>(found.total)}});
}

}  // namespace latchkey::api
