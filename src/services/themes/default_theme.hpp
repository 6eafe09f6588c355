#pragma once
// FusionAuth's built-in theme ("FusionAuth", a fixed id every instance has; kickstart files and
// `sourceThemeId` copies name it), and the template names a FusionAuth theme holds.
//
//   const json::object doc = fusionauth_theme_document();   // what first start stores
//   for (std::string_view name : kThemeTemplateNames) ...

#include <array>
#include <string_view>

#include "core/json.hpp"

namespace latchkey::services {

inline constexpr const char* kFusionAuthThemeId = "75a068fd-e94b-451a-9aeb-3ddb9a3b5987";
inline constexpr std::string_view kFusionAuthThemeName = "FusionAuth";

// The members of FusionAuth's Theme.Templates, one FreeMarker template per hosted page. Latchkey
// stores and returns them; its own pages are not rendered from them.
inline constexpr std::array<std::string_view, 50> kThemeTemplateNames = {
    "accountEdit",
    "accountIndex",
    "accountTwoFactorDisable",
    "accountTwoFactorEnable",
    "accountTwoFactorIndex",
    "accountWebAuthnAdd",
    "accountWebAuthnDelete",
    "accountWebAuthnIndex",
    "confirmationRequired",
    "emailComplete",
    "emailSent",
    "emailVerificationRequired",
    "emailVerify",
    "helpers",
    "index",
    "oauth2Authorize",
    "oauth2AuthorizedNotRegistered",
    "oauth2ChildRegistrationNotAllowed",
    "oauth2ChildRegistrationNotAllowedComplete",
    "oauth2CompleteRegistration",
    "oauth2Consent",
    "oauth2Device",
    "oauth2DeviceComplete",
    "oauth2Error",
    "oauth2Logout",
    "oauth2Passwordless",
    "oauth2Register",
    "oauth2StartIdPLink",
    "oauth2TwoFactor",
    "oauth2TwoFactorEnable",
    "oauth2TwoFactorEnableComplete",
    "oauth2TwoFactorMethods",
    "oauth2Wait",
    "oauth2WebAuthn",
    "oauth2WebAuthnReauth",
    "oauth2WebAuthnReauthEnable",
    "passwordChange",
    "passwordComplete",
    "passwordForgot",
    "passwordSent",
    "phoneComplete",
    "phoneSent",
    "phoneVerificationRequired",
    "phoneVerify",
    "registrationComplete",
    "registrationSent",
    "registrationVerificationRequired",
    "registrationVerify",
    "samlv2Logout",
    "unauthorized",
};

// The message keys every advanced theme's defaultMessages must define: the ones Latchkey's
// hosted pages have words for. Each is a key of FusionAuth's own messages file, so a theme
// copied from a FusionAuth instance has them all.
inline constexpr std::array<std::string_view, 9> kRequiredMessageKeys = {"code",
                                                                         "login",
                                                                         "loginId",
                                                                         "password",
                                                                         "password-change-title",
                                                                         "passwordConfirm",
                                                                         "submit",
                                                                         "two-factor-challenge",
                                                                         "verify"};

// The built-in theme's templates: one placeholder per page (Latchkey does not run FreeMarker).
json::object fusionauth_theme_templates();
// The built-in theme as first start stores it: name, messages, empty stylesheet, templates.
json::object fusionauth_theme_document();

}  // namespace latchkey::services
