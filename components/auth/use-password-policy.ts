"use client";
// The password policy in the browser: the same module the server checks with (lib/model/password-policy.ts), loaded
// on first use so its dictionaries are not part of every page's bundle.
import { useCallback, useEffect } from "react";
import type { PasswordOwner, PasswordVerdict } from "@/lib/model/password-policy";

type Policy = typeof import("@/lib/model/password-policy");
let loading: Promise<Policy> | null = null;
const loadPolicy = () => (loading ??= import("@/lib/model/password-policy"));

/**
 * `check(password)` resolves to the policy's verdict for `owner`. The module starts loading when the form mounts, so
 * by the time someone has typed a password it is there.
 */
export function usePasswordPolicy(owner: PasswordOwner): (password: string) => Promise<PasswordVerdict> {
  useEffect(() => {
    loadPolicy().catch(() => undefined);
  }, []);
  const { email, name } = owner;
  return useCallback(
    async (password: string) => {
      try {
        return (await loadPolicy()).checkPassword(password, { email, name });
      } catch {
        // The module could not load (offline): the server checks the same rules anyway.
        return { ok: true, score: 0 };
      }
    },
    [email, name],
  );
}
