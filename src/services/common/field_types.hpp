#pragma once
// The declared types of the FusionAuth fields Latchkey reads, per FusionAuth object, as the
// Java classes of FusionAuth's domain declare them (String, boolean, int, long, UUID, List, Map).
// The rules for reading a value as its type live in field_reader.hpp; this file only says which
// type each field has.
//
//   LATCHKEY_TRY(const auto body, RequestFields::read(std::move(json), kLoginRequest));
//   LATCHKEY_CHECK(require_field_types(user, "user", kUserFields));

#include "services/common/field_reader.hpp"

namespace latchkey::services {

// Documents, relative to the document ({"user": {<here>}}).
extern const Schema kUserFields;
extern const Schema kRegistrationFields;
extern const Schema kApplicationFields;
extern const Schema kApplicationRoleFields;
extern const Schema kApplicationOAuthScopeFields;
extern const Schema kTenantFields;
extern const Schema kApiKeyFields;
extern const Schema kKeyFields;
extern const Schema kWebhookFields;
extern const Schema kIdentityProviderFields;
extern const Schema kGroupFields;

// Whole request bodies, from the top: the envelopes above plus the request's own parameters.
extern const Schema kUserRequest;          // UserRequest
extern const Schema kUserDeleteRequest;    // UserDeleteSingleRequest
extern const Schema kRegistrationRequest;  // RegistrationRequest
extern const Schema kApplicationRequest;   // ApplicationRequest (application, role)
extern const Schema kTenantRequest;
extern const Schema kApiKeyRequest;
extern const Schema kKeyRequest;
extern const Schema kWebhookRequest;
extern const Schema kIdentityProviderRequest;
extern const Schema kGroupRequest;                  // GroupRequest (group, roleIds)
extern const Schema kMemberRequest;                 // MemberRequest
extern const Schema kMemberDeleteRequest;           // MemberDeleteRequest
extern const Schema kGroupSearchRequest;            // GroupSearchRequest
extern const Schema kGroupMemberSearchRequest;      // GroupMemberSearchRequest
extern const Schema kLoginRequest;                  // LoginRequest
extern const Schema kTwoFactorLoginRequest;         // TwoFactorLoginRequest
extern const Schema kIdentityProviderLoginRequest;  // reconcile and identity-provider login
extern const Schema kVendRequest;                   // JWTVendRequest
extern const Schema kRefreshRequest;                // RefreshRequest
extern const Schema kRefreshTokenRevokeRequest;     // RefreshTokenRevokeRequest
extern const Schema kChangePasswordRequest;         // ChangePasswordRequest

// ApplicationOAuthScopeRequest (the OAuth Scope API).
extern const Schema kApplicationOAuthScopeRequest;

}  // namespace latchkey::services
