"use client";
import { useEffect } from "react";
import { clearSignedInMark } from "./session-marker";

/** After a refused SSO sign-in: there is no session, so a later visit must not say "your session has expired". */
export function ForgetSessionMark() {
  useEffect(() => clearSignedInMark(), []);
  return null;
}
