#include "services/entities/entity_fields.hpp"

namespace latchkey::services {
namespace {

using enum FieldKind;

constexpr FieldSpec kJwtConfiguration[] = {
    {"enabled", kBool}, {"accessTokenKeyId", kUuid}, {"timeToLiveInSeconds", kInt}};

constexpr FieldSpec kPermission[] = {
    {"id", kUuid},     {"name", kString},        {"description", kString},     {"isDefault", kBool},
    {"data", kObject}, {"insertInstant", kLong}, {"lastUpdateInstant", kLong},
};

constexpr FieldSpec kEntityType[] = {
    {"id", kUuid},
    {"name", kString},
    {"data", kObject},
    {"jwtConfiguration", kObject, kJwtConfiguration},
    {"permissions", kObjectArray, kPermission},
    {"insertInstant", kLong},
    {"lastUpdateInstant", kLong},
};

constexpr FieldSpec kEntityTypeRef[] = {{"id", kUuid}};

constexpr FieldSpec kEntity[] = {
    {"id", kUuid},
    {"name", kString},
    {"clientId", kString},
    {"clientSecret", kString},
    {"tenantId", kUuid},
    {"parentId", kUuid},
    {"data", kObject},
    {"type", kObject, kEntityTypeRef},
    {"insertInstant", kLong},
    {"lastUpdateInstant", kLong},
};

constexpr FieldSpec kGrant[] = {
    {"id", kUuid},
    {"permissions", kStringArray},
    {"recipientEntityId", kUuid},
    {"userId", kUuid},
    {"data", kObject},
    {"insertInstant", kLong},
    {"lastUpdateInstant", kLong},
};

constexpr FieldSpec kSortField[] = {{"name", kString}, {"order", kString}, {"missing", kString}};

constexpr FieldSpec kEntitySearch[] = {
    {"ids", kUuidArray},       {"queryString", kString}, {"query", kString},
    {"numberOfResults", kInt}, {"startRow", kInt},       {"orderBy", kString},
    {"accurateTotal", kBool},  {"nextResults", kString}, {"sortFields", kObjectArray, kSortField},
};

constexpr FieldSpec kEntityTypeSearch[] = {
    {"name", kString}, {"numberOfResults", kInt}, {"startRow", kInt}, {"orderBy", kString}};

constexpr FieldSpec kGrantSearch[] = {
    {"entityId", kUuid},       {"name", kString},  {"userId", kUuid},
    {"numberOfResults", kInt}, {"startRow", kInt}, {"orderBy", kString},
};

constexpr FieldSpec kEntityTypeRequestFields[] = {{"entityType", kObject, kEntityType},
                                                  {"permission", kObject, kPermission}};
constexpr FieldSpec kEntityRequestFields[] = {{"entity", kObject, kEntity}};
constexpr FieldSpec kEntityGrantRequestFields[] = {{"grant", kObject, kGrant}};
constexpr FieldSpec kEntitySearchRequestFields[] = {{"search", kObject, kEntitySearch}};
constexpr FieldSpec kEntityTypeSearchRequestFields[] = {{"search", kObject, kEntityTypeSearch}};
constexpr FieldSpec kEntityGrantSearchRequestFields[] = {{"search", kObject, kGrantSearch}};

}  // namespace

const Schema kEntityTypeRequest = kEntityTypeRequestFields;
const Schema kEntityRequest = kEntityRequestFields;
const Schema kEntityGrantRequest = kEntityGrantRequestFields;
const Schema kEntitySearchRequest = kEntitySearchRequestFields;
const Schema kEntityTypeSearchRequest = kEntityTypeSearchRequestFields;
const Schema kEntityGrantSearchRequest = kEntityGrantSearchRequestFields;

}  // namespace latchkey::services
