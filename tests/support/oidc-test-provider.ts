// A real OpenID Connect provider (oidc-provider, the certified implementation) for the SSO tests: discovery, the
// authorization code flow with PKCE, signed ID tokens and userinfo, with a client registered for Switchboard.
// Its login page is oidc-provider's development interaction: type a test person's login (olivia, adam, …), any
// password. Consent is granted automatically for the one client, as a company's own IdP does for its own apps.
//
// As a script (the Playwright run starts it this way):
//   npx tsx tests/support/oidc-test-provider.ts --port 3261 --app-origin http://localhost:3251
import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import Provider, { type Account, type KoaContextWithOIDC } from "oidc-provider";

export const TEST_OIDC_CLIENT = { clientId: "switchboard", clientSecret: "switchboard-oidc-test-secret" };

export type TestPerson = {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
};

/** The people the provider knows, by login (which is also their subject). Tests may change them between sign-ins. */
export function defaultTestPeople(): Record<string, TestPerson> {
  return {
    adam: {
      email: "adam.admin@acme.test",
      email_verified: true,
      name: "Adam Admin",
      groups: ["sb-admins", "everyone"],
    },
    dana: { email: "dana.designer@acme.test", email_verified: true, name: "Dana Designer", groups: ["sb-designers"] },
    olivia: {
      email: "olivia.operator@acme.test",
      email_verified: true,
      name: "Olivia Operator",
      groups: ["sb-ops", "everyone"],
    },
    nora: { email: "nora.nobody@acme.test", email_verified: true, name: "Nora Nobody", groups: ["everyone"] },
    uma: { email: "uma.unverified@acme.test", email_verified: false, name: "Uma Unverified", groups: ["sb-ops"] },
  };
}

export type OidcTestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  people: Record<string, TestPerson>;
  close: () => Promise<void>;
};

export async function startOidcTestProvider(options: {
  port?: number;
  redirectUris: string[];
  people?: Record<string, TestPerson>;
}): Promise<OidcTestProvider> {
  const people = options.people ?? defaultTestPeople();
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, resolve);
  });
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_OIDC_CLIENT.clientId,
        client_secret: TEST_OIDC_CLIENT.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" }] },
    cookies: { keys: ["oidc-test-provider-cookie-key"] },
    // "groups" is its own scope, as at Okta; SSO_OIDC_SCOPES asks for it.
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
    },
    features: { devInteractions: { enabled: true } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Grant: 3600, Session: 3600 },
    async findAccount(_ctx: unknown, id: string): Promise<Account | undefined> {
      const person = people[id];
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...people[id] }) };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { oidc } = ctx;
      const clientId = oidc.client!.clientId;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId, accountId: oidc.session?.accountId });
      grant.addOIDCScope(oidc.params?.scope ?? "openid");
      await grant.save();
      return grant;
    },
  });
  server.on("request", provider.callback());

  return {
    issuer,
    ...TEST_OIDC_CLIENT,
    people,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(argument("port") ?? process.env.OIDC_TEST_PORT ?? 3261);
  const appOrigin = (argument("app-origin") ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const provider = await startOidcTestProvider({ port, redirectUris: [`${appOrigin}/api/auth/callback/sso`] });
  console.log(
    `OIDC test provider: issuer ${provider.issuer}, client ${provider.clientId}, redirect ${appOrigin}/api/auth/callback/sso`,
  );
  console.log(`Test people (any password): ${Object.keys(provider.people).join(", ")}`);
  const stop = () => void provider.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
