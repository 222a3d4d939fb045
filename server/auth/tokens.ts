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

  async issue(user: User, deviceId: string): Promise<IssuedToken> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const exp = nowSeconds + this.ttlSeconds;
    const token = await new SignJWT({ role: user.role, team: user.teamId, device: deviceId })
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
      claims: { sub: user.id, role: user.role, team: user.teamId, device: deviceId, exp, iat: nowSeconds },
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

export interface OidcOptions {
  /** Expected `iss` of tokens. */
  readonly issuer: string;
  /** URL of the issuer's JWKS (e.g. https://login.example/.well-known/jwks.json). */
  readonly jwksUrl: string;
  /** Expected `aud` (the client id registered for Waymark). */
  readonly audience: string;
  /** Claim whose value maps to a Waymark user: matched against `oidc_subject`, then the username. */
  readonly userClaim: string;
  /** Accepted signing algorithms (default RS256, ES256, EdDSA). */
  readonly algorithms?: readonly string[];
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

  /** Verifies an issuer token and returns the value of the mapped claim. Throws TokenError. */
  async verify(token: string): Promise<string> {
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
    const value = payload[this.options.userClaim];
    if (typeof value !== 'string' || value.length === 0) {
      throw new TokenError(SERVER_REASONS.invalidToken, `OIDC token has no ${this.options.userClaim} claim`);
    }
    return value;
  }
}
