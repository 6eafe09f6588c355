-- Version 10: defences against online guessing of the second factor.

-- Wrong codes presented for one twoFactorId; at the limit (services/login_service.cpp) the
-- challenge is deleted, so a twoFactorId cannot be used to try every code.
ALTER TABLE two_factor_challenges ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
-- Keyed hash of the last wrong code: the same wrong code again (a client retrying a 421, as the
-- Fetch standard does once) is not a new guess and is not counted twice.
ALTER TABLE two_factor_challenges ADD COLUMN last_wrong_code TEXT;

-- RFC 6238 §5.2: the start (epoch ms) of the time step of the user's last accepted TOTP code.
-- A code of that step or an earlier one is refused, so an observed code cannot be replayed.
ALTER TABLE users ADD COLUMN last_totp_step_start INTEGER;
