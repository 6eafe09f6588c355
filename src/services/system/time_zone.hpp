#pragma once
// Whether a name is a time zone FusionAuth (java.time.ZoneId) would accept for reportTimezone:
// a region of the IANA database ("America/Denver", "US/Mountain"), "UTC", "GMT" or "Z", or a
// fixed offset ("+02:00", "UTC-05:00").
//
//   if (!is_known_time_zone(zone)) validation.add(..., "[invalid]...", ...);

#include <string_view>

namespace latchkey::services {

// Regions are looked up in the system's zoneinfo directory (/usr/share/zoneinfo); where there
// is none, a well-formed region name ("Area/Location") is accepted.
[[nodiscard]] bool is_known_time_zone(std::string_view name);

}  // namespace latchkey::services
