/**
 * The continuation token a multi-step form carries from one step to the next:
 * `<payload>.<mac>`, both base64url, the payload being JSON and the MAC an HMAC-SHA256 of it.
 * It binds later steps to the identity step 1 established, so they send only their new fields.
 */
import { fromBase64Url, hmacSign, hmacVerify, importHmacKey, toBase64Url } from '../identity/hmac.ts';

export interface CarriedIdentity {
  email?: string;
  phone?: string;
  externalId?: string;
}

export interface Continuation {
  site: string;
  form: string;
  /** The last step accepted; only later steps may use the token. */
  step: number;
  identity: CarriedIdentity;
  /** Set when step 1 was dropped as a bot: later steps are dropped just as quietly. */
  drop?: boolean;
}

interface Payload {
  v: 1;
  s: string;
  f: string;
  st: number;
  e?: string;
  p?: string;
  x?: string;
  d?: 1;
  exp: number;
}

export type ContinuationCheck = { ok: true; value: Continuation } | { ok: false; code: 'invalid_continuation' | 'expired_continuation' };

export interface ContinuationCodec {
  issue(value: Continuation, now: number): Promise<string>;
  read(token: string, now: number): Promise<ContinuationCheck>;
}

/**
 * Without `secret`, a random key per process is used: tokens then work only on the instance that
 * issued them, so multi-instance deployments (several Workers isolates, several Node processes) must set it.
 */
export function createContinuationCodec(secret: string | undefined, ttlSeconds: number): ContinuationCodec {
  const key = importHmacKey(secret ?? crypto.getRandomValues(new Uint8Array(32)));
  const encoder = new TextEncoder();
  return {
    async issue(value, now) {
      const payload: Payload = { v: 1, s: value.site, f: value.form, st: value.step, exp: Math.floor(now / 1000) + ttlSeconds };
      if (value.identity.email) payload.e = value.identity.email;
      if (value.identity.phone) payload.p = value.identity.phone;
      if (value.identity.externalId) payload.x = value.identity.externalId;
      if (value.drop) payload.d = 1;
      const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
      return `${body}.${toBase64Url(await hmacSign(await key, body))}`;
    },
    async read(token, now) {
      const invalid = { ok: false, code: 'invalid_continuation' } as const;
      const [body, mac, extra] = token.split('.');
      if (!body || !mac || extra !== undefined) return invalid;
      const macBytes = fromBase64Url(mac);
      if (!macBytes || macBytes.byteLength !== 32 || !(await hmacVerify(await key, macBytes, body))) return invalid;
      let payload: Payload;
      try {
        payload = JSON.parse(new TextDecoder().decode(fromBase64Url(body))) as Payload;
      } catch {
        return invalid;
      }
      if (payload.v !== 1) return invalid;
      if (payload.exp * 1000 <= now) return { ok: false, code: 'expired_continuation' };
      const identity: CarriedIdentity = {};
      if (payload.e) identity.email = payload.e;
      if (payload.p) identity.phone = payload.p;
      if (payload.x) identity.externalId = payload.x;
      return { ok: true, value: { site: payload.s, form: payload.f, step: payload.st, identity, ...(payload.d ? { drop: true } : {}) } };
    },
  };
}
