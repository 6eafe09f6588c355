// RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s), as an authenticator app computes it. FusionAuth
// stores the method's secret base64-encoded; the key is the decoded bytes.
import { createHmac } from 'node:crypto';

export function totp(secretBase64, time = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 1000 / 30)));
  const mac = createHmac('sha1', Buffer.from(secretBase64, 'base64')).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
