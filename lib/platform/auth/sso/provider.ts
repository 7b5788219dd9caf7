// The next-auth provider for the configured OpenID Connect issuer (Keycloak, Okta, Entra ID, Google, …).
import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import type { SsoConfig } from "./config";

/** The provider id: the callback URL to register at the identity provider is <origin>/api/auth/callback/sso. */
export const SSO_PROVIDER_ID = "sso";

export type SsoClaims = Record<string, unknown>;

export function ssoProvider(config: SsoConfig): OAuthConfig<SsoClaims> {
  return {
    id: SSO_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    idToken: true,
    checks: ["pkce", "state"],
    userinfo: {
      // The ID token alone is not enough everywhere: many providers put email and groups only in the userinfo
      // response (oidc-provider and Okta by default, Keycloak depending on its mappers). Both are read; the signed
      // ID token wins where they overlap. openid-client checks that userinfo's subject is the ID token's.
      async request({ tokens, client }) {
        // next-auth types these as plain parameters; at runtime they are the TokenSet the ID token was verified in.
        const tokenSet = tokens as TokenSet;
        const idClaims = tokenSet.claims() as SsoClaims;
        if (!client.issuer.metadata.userinfo_endpoint || !tokenSet.access_token) return idClaims;
        const userinfo = (await client.userinfo(tokenSet)) as SsoClaims;
        return { ...userinfo, ...idClaims };
      },
    },
    profile(claims) {
      // Replaced by Switchboard's own user id in the signIn callback, once the person is provisioned.
      return {
        id: String(claims.sub),
        email: typeof claims.email === "string" ? claims.email : null,
        name: typeof claims.name === "string" ? claims.name : null,
      };
    },
  };
}
