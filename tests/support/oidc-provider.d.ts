// oidc-provider ships no type declarations; this is the little of its API the test provider uses.
declare module "oidc-provider" {
  import type { RequestListener } from "node:http";

  type Ctx = {
    oidc: {
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
      params?: { scope?: string };
      provider: Provider;
    };
  };

  export type Account = {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  };

  export class Grant {
    constructor(options: { accountId?: string; clientId?: string });
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
    static find(id: string): Promise<Grant | undefined>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    readonly issuer: string;
    readonly Grant: typeof Grant;
    proxy: boolean;
    callback(): RequestListener;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export type KoaContextWithOIDC = Ctx;
}
