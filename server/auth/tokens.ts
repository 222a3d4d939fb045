/**
 * Waymark access tokens: HS256 JWTs signed with the server secret, short-lived (15 min), carrying the
 * claims of shared/protocol.ts. Also the optional OpenID Connect verifier (issuer JWKS via jose).
 */
import { SignJWT, createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  SERVER_REASONS,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  tokenClaimsSchema,
  type TokenClaims,
} from '../../shared/protocol.ts';
import type { User } from '../store/types.ts';

export class TokenError extends Error {
  readonly reason: typeof SERVER_REASONS.tokenExpired | typeof SERVER_REASONS.invalidToken;
  constructor(
    reason: typeof SERVER_REASONS.tokenExpired | typeof SERVER_REASONS.invalidToken,
    message: string,
  ) {
    super(message);
    this.reason = reason;
  }
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
  readonly claims: TokenClaims;
}

export class TokenService {
  private readonly secret: Uint8Array;
  private readonly ttlSeconds: number;

  constructor(secret: Uint8Array, ttlSeconds: number = ACCESS_TOKEN_TTL_SECONDS) {
    this.secret = secret;
    this.ttlSeconds = ttlSeconds;
  }

  /**
   * An access token for a live server-side session (`sid`); it never outlives the session's absolute
   * end (`notAfter`, seconds since the epoch).
   */
  async issue(user: User, deviceId: string, sessionId: string, notAfter?: number): Promise<IssuedToken> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const exp = Math.min(nowSeconds + this.ttlSeconds, notAfter ?? Number.POSITIVE_INFINITY);
    const token = await new SignJWT({ role: user.role, team: user.teamId, device: deviceId, sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(exp)
      .sign(this.secret);
    return {
      token,
      expiresAt: new Date(exp * 1000),
      claims: {
        sub: user.id,
        role: user.role,
        team: user.teamId,
        device: deviceId,
        sid: sessionId,
        exp,
        iat: nowSeconds,
      },
    };
  }

  /** Verifies signature, issuer, audience and expiry; throws TokenError with a protocol reason. */
  async verify(token: string): Promise<TokenClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw new TokenError(SERVER_REASONS.tokenExpired, 'token expired');
      throw new TokenError(SERVER_REASONS.invalidToken, 'token invalid');
    }
    const parsed = tokenClaimsSchema.safeParse(payload);
    if (!parsed.success) throw new TokenError(SERVER_REASONS.invalidToken, 'token claims invalid');
    return parsed.data;
  }
}

/**
 * The immutable claims a person may be mapped by: `sub` (unique per issuer, never reassigned, OpenID
 * Connect Core §2) or Microsoft Entra ID's `oid` (the object id, the same across applications). Never a
 * claim the person or a directory administrator can change (preferred_username, email, upn, name).
 */
export const OIDC_SUBJECT_CLAIMS = ['sub', 'oid'] as const;
export type OidcSubjectClaim = (typeof OIDC_SUBJECT_CLAIMS)[number];

export function parseOidcSubjectClaim(value: string): OidcSubjectClaim {
  const found = OIDC_SUBJECT_CLAIMS.find((claim) => claim === value);
  if (!found) {
    throw new Error(
      `The OIDC user claim must be "sub" or "oid" (got ${JSON.stringify(value)}): people are mapped by an ` +
        'identifier that never changes, never by a name or email address.',
    );
  }
  return found;
}

export interface OidcOptions {
  /** Expected `iss` of tokens. */
  readonly issuer: string;
  /** URL of the issuer's JWKS (e.g. https://login.example/.well-known/jwks.json). */
  readonly jwksUrl: string;
  /** Expected `aud` (the client id registered for Waymark). */
  readonly audience: string;
  /** Which immutable claim identifies the person at the issuer (default `sub`). */
  readonly userClaim?: OidcSubjectClaim;
  /** Accepted signing algorithms (default RS256, ES256, EdDSA). */
  readonly algorithms?: readonly string[];
}

/** Who an issuer token names: the issuer and the person's immutable identifier there. */
export interface OidcIdentityClaim {
  readonly issuer: string;
  readonly subject: string;
}

export class OidcVerifier {
  private readonly options: OidcOptions;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(options: OidcOptions) {
    this.options = options;
    this.jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
      timeoutDuration: 5000,
      cooldownDuration: 30_000,
    });
  }

  /** Verifies an issuer token and returns issuer + subject (never a mutable claim). Throws TokenError. */
  async verify(token: string): Promise<OidcIdentityClaim> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: [...(this.options.algorithms ?? ['RS256', 'ES256', 'EdDSA'])],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw new TokenError(SERVER_REASONS.tokenExpired, 'OIDC token expired');
      throw new TokenError(SERVER_REASONS.invalidToken, 'OIDC token invalid');
    }
    const claim = this.options.userClaim ?? 'sub';
    const value = payload[claim];
    if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
      throw new TokenError(SERVER_REASONS.invalidToken, `OIDC token has no usable ${claim} claim`);
    }
    return { issuer: this.options.issuer, subject: value };
  }
}
