#pragma once
// How the OAuth token endpoint renders "this login is prevented" (domain/login_prevention.hpp
// decides it, a pure rule every front door asks).
//
//   const auto verdict = login_prevention({&user, application, registration, false,
//                                          false, LoginStage::kContinuation, now});
//   if (verdict != LoginPrevention::kNone) return fail(oauth_login_prevented(verdict));

#include "core/error.hpp"
#include "domain/login_prevention.hpp"

namespace latchkey::services {

// The rule lives in domain/; services name it unqualified.
using domain::login_prevention;
using domain::LoginAttempt;
using domain::LoginPrevention;
using domain::LoginStage;
using domain::to_string;

// The token endpoint's answer (400 invalid_grant with FusionAuth's error_reason) for a
// prevention other than kNone and kPasswordChangeRequired.
Error oauth_login_prevented(LoginPrevention prevention);

}  // namespace latchkey::services
