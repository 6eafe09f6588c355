#pragma once
// The declared types of the Entity Management request bodies (io.fusionauth.domain.Entity,
// EntityType, EntityTypePermission, EntityGrant and the search criteria), read as
// services/common/field_reader reads every FusionAuth body.
//
//   LATCHKEY_TRY(const auto body, RequestFields::read(std::move(json), kEntityRequest));

#include "services/common/field_reader.hpp"

namespace latchkey::services {

extern const Schema kEntityTypeRequest;         // EntityTypeRequest: entityType, permission
extern const Schema kEntityRequest;             // EntityRequest: entity
extern const Schema kEntityGrantRequest;        // EntityGrantRequest: grant
extern const Schema kEntitySearchRequest;       // EntitySearchRequest: search
extern const Schema kEntityTypeSearchRequest;   // EntityTypeSearchRequest: search
extern const Schema kEntityGrantSearchRequest;  // EntityGrantSearchRequest: search

}  // namespace latchkey::services
